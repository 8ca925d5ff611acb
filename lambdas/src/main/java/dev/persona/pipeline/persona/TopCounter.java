package dev.persona.pipeline.persona;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Approximate most-frequent values in bounded memory: counts live in a map of at most {@code 4 × capacity}
 * entries; when it overflows, only the {@code capacity} largest survive. Values frequent enough to matter
 * stay exact; rare ones may be forgotten and recounted.
 */
final class TopCounter {

    private final int capacity;
    private final Map<String, long[]> counts = new HashMap<>();

    TopCounter(int capacity) {
        this.capacity = capacity;
    }

    void add(String value) {
        long[] count = counts.get(value);
        if (count != null) {
            count[0]++;
            return;
        }
        if (counts.size() >= capacity * 4) {
            prune();
        }
        counts.put(value, new long[] {1});
    }

    /** The {@code limit} largest counts, largest first, ties by value. */
    List<PersonaDocument.Counted> top(int limit) {
        List<Map.Entry<String, long[]>> entries = new ArrayList<>(counts.entrySet());
        entries.sort((a, b) -> a.getValue()[0] != b.getValue()[0]
                ? Long.compare(b.getValue()[0], a.getValue()[0]) : a.getKey().compareTo(b.getKey()));
        List<PersonaDocument.Counted> top = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, entries.size()); i++) {
            top.add(new PersonaDocument.Counted(entries.get(i).getKey(), entries.get(i).getValue()[0]));
        }
        return top;
    }

    private void prune() {
        List<Map.Entry<String, long[]>> entries = new ArrayList<>(counts.entrySet());
        entries.sort((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]));
        counts.clear();
        for (int i = 0; i < capacity; i++) {
            counts.put(entries.get(i).getKey(), entries.get(i).getValue());
        }
    }
}

package dev.persona.pipeline.persona;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Approximate most-frequent values in bounded memory: counts (and a sum per value, such as seconds played) live in
 * a map of at most {@code 4 × capacity} entries; when it overflows, only the {@code capacity} largest survive.
 * Values frequent enough to matter stay exact; rare ones may be forgotten and recounted.
 */
final class TopCounter {

    /** A value with its count and sum. */
    record Tally(String value, long count, double sum) {
    }

    private final int capacity;
    private final Map<String, double[]> counts = new HashMap<>();

    TopCounter(int capacity) {
        this.capacity = capacity;
    }

    void add(String value) {
        add(value, 0);
    }

    /** Counts {@code value} once and adds {@code amount} to its sum. */
    void add(String value, double amount) {
        double[] count = counts.get(value);
        if (count != null) {
            count[0]++;
            count[1] += amount;
            return;
        }
        if (counts.size() >= capacity * 4) {
            prune();
        }
        counts.put(value, new double[] {1, amount});
    }

    /** The {@code limit} largest counts, largest first, ties by value. */
    List<PersonaDocument.Counted> top(int limit) {
        return tallies(limit).stream().map(t -> new PersonaDocument.Counted(t.value(), t.count())).toList();
    }

    /** The {@code limit} largest counts with their sums, largest first, ties by value. */
    List<Tally> tallies(int limit) {
        List<Map.Entry<String, double[]>> entries = sorted();
        List<Tally> top = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, entries.size()); i++) {
            double[] count = entries.get(i).getValue();
            top.add(new Tally(entries.get(i).getKey(), (long) count[0], count[1]));
        }
        return top;
    }

    boolean isEmpty() {
        return counts.isEmpty();
    }

    private List<Map.Entry<String, double[]>> sorted() {
        List<Map.Entry<String, double[]>> entries = new ArrayList<>(counts.entrySet());
        entries.sort((a, b) -> a.getValue()[0] != b.getValue()[0]
                ? Double.compare(b.getValue()[0], a.getValue()[0]) : a.getKey().compareTo(b.getKey()));
        return entries;
    }

    private void prune() {
        List<Map.Entry<String, double[]>> entries = sorted();
        counts.clear();
        for (int i = 0; i < capacity; i++) {
            counts.put(entries.get(i).getKey(), entries.get(i).getValue());
        }
    }
}

package dev.persona.pipeline.preprocess;

import java.util.Arrays;

/** One record's field values as read from the upload, before validation. Reused from record to record. */
final class RawRecord {

    private final String[] values = new String[Field.values().length];
    private final int[] ranks = new int[Field.values().length];
    private long line;

    void clear(long line) {
        Arrays.fill(values, null);
        this.line = line;
    }

    /** Sets a field unless a better-ranked name already gave it a value; blank values are ignored. */
    void set(Field.Slot slot, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        int index = slot.field().ordinal();
        if (values[index] == null || slot.rank() < ranks[index]) {
            values[index] = value;
            ranks[index] = slot.rank();
        }
    }

    String get(Field field) {
        return values[field.ordinal()];
    }

    /** 1-based line where the record starts. */
    long line() {
        return line;
    }
}

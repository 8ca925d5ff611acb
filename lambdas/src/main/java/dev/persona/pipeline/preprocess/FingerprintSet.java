package dev.persona.pipeline.preprocess;

/** An open-addressing set of 64-bit fingerprints in one {@code long[]}; 0 is stored as a separate flag. */
final class FingerprintSet {

    private long[] slots;
    private int size;
    private boolean hasZero;

    FingerprintSet(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        slots = new long[capacity];
    }

    /** Adds the fingerprint; false when it was already present. */
    boolean add(long fingerprint) {
        if (fingerprint == 0) {
            boolean added = !hasZero;
            hasZero = true;
            if (added) {
                size++;
            }
            return added;
        }
        if ((size + 1) * 2L > slots.length) {
            grow();
        }
        boolean added = insert(slots, fingerprint);
        if (added) {
            size++;
        }
        return added;
    }

    boolean contains(long fingerprint) {
        if (fingerprint == 0) {
            return hasZero;
        }
        int mask = slots.length - 1;
        for (int i = mix(fingerprint) & mask; ; i = (i + 1) & mask) {
            long slot = slots[i];
            if (slot == fingerprint) {
                return true;
            }
            if (slot == 0) {
                return false;
            }
        }
    }

    int size() {
        return size;
    }

    private static boolean insert(long[] table, long fingerprint) {
        int mask = table.length - 1;
        for (int i = mix(fingerprint) & mask; ; i = (i + 1) & mask) {
            long slot = table[i];
            if (slot == fingerprint) {
                return false;
            }
            if (slot == 0) {
                table[i] = fingerprint;
                return true;
            }
        }
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        for (long fingerprint : old) {
            if (fingerprint != 0) {
                insert(slots, fingerprint);
            }
        }
    }

    private static int mix(long fingerprint) {
        return (int) (fingerprint ^ (fingerprint >>> 32));
    }
}

package dev.persona.pipeline.preprocess;

/**
 * An open-addressing set of 64-bit fingerprints in one {@code long[]} with linear probing, filled to at most three
 * quarters; 0 is stored as a separate flag. Every insert of a new fingerprint reads a random slot, so the table's
 * size decides whether that read is served by the processor's last-level cache or by memory: it is sized to what is
 * expected, not to the worst case.
 */
final class FingerprintSet {

    private long[] slots;
    private int size;
    private boolean hasZero;

    FingerprintSet(int expected) {
        long wanted = Math.max(16, expected + expected / 3L);
        slots = new long[(int) Math.min(1 << 30, Long.highestOneBit(wanted - 1) << 1)];
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
        if ((size + 1) * 4L > slots.length * 3L) {
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

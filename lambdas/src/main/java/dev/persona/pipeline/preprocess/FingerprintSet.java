package dev.persona.pipeline.preprocess;

/**
 * An open-addressing set of 64-bit fingerprints in one {@code long[]} with linear probing, filled to at most three
 * quarters; 0 is stored as a separate flag.
 *
 * <p>A fingerprint's home slot is its top bits, so fingerprints in increasing order visit the table from start to
 * end: {@link Deduplicator} offers a batch of them grouped by {@link #region} and the table is read like a stream,
 * each memory page (and its translation) fetched once per batch rather than once per fingerprint. Fingerprints are
 * already uniformly mixed ({@link Fingerprint}), so their top bits spread as well as any hash of them would.
 */
final class FingerprintSet {

    /** How many bits of a fingerprint name its {@link #region}. */
    static final int REGION_BITS = 12;

    private long[] slots;
    private int shift;
    private int size;
    private boolean hasZero;

    FingerprintSet(int expected) {
        long wanted = Math.max(16, expected + expected / 3L);
        int capacity = (int) Math.min(1 << 30, Long.highestOneBit(wanted - 1) << 1);
        slots = new long[capacity];
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
    }

    /**
     * The part of the table a fingerprint's home slot lies in, one of {@code 2^}{@value #REGION_BITS}, in table
     * order whatever the table's size.
     */
    static int region(long fingerprint) {
        return (int) (fingerprint >>> (64 - REGION_BITS));
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
        boolean added = insert(slots, shift, fingerprint);
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
        for (int i = (int) (fingerprint >>> shift); ; i = (i + 1) & mask) {
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

    private static boolean insert(long[] table, int shift, long fingerprint) {
        int mask = table.length - 1;
        for (int i = (int) (fingerprint >>> shift); ; i = (i + 1) & mask) {
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
        shift--;
        for (long fingerprint : old) {
            if (fingerprint != 0) {
                insert(slots, shift, fingerprint);
            }
        }
    }
}

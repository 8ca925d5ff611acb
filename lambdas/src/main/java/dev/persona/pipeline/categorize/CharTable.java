package dev.persona.pipeline.categorize;

import java.util.Arrays;

/**
 * An open-addressing table keyed by strings and looked up by a range of a {@code char[]} (or two ranges joined by
 * one space), so classifying a word costs a hash and a comparison but no allocation. Built once, then only read.
 *
 * <p>Callers that scan text hash each word as they read it ({@link #hashStep}) and pass the hash in, so a word
 * and the pair it ends are each looked up without reading their characters again ({@link #pairHash}). Probing
 * reads only the {@code int[]} of hashes, where 0 marks an empty slot, and compares characters only on an equal
 * hash: a word that is not listed, the common case, costs one or two reads of that array.
 */
final class CharTable<V> {

    /** The hash of the empty range, the start of {@link #hashStep}. */
    static final int EMPTY_HASH = 0;

    private char[][] keys;
    private Object[] values;
    private int[] hashes;
    private int size;

    CharTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new char[capacity][];
        values = new Object[capacity];
        hashes = new int[capacity];
    }

    /** String.hashCode's polynomial, one character further: joinable for pairs ({@link #pairHash}). */
    static int hashStep(int hash, char c) {
        return 31 * hash + c;
    }

    /**
     * The hash of {@code first + ' ' + second} from the two words' own hashes, given {@code 31^length} of the
     * second word ({@code secondPower}).
     */
    static int pairHash(int firstHash, int secondHash, int secondPower) {
        return hashStep(firstHash, ' ') * secondPower + secondHash;
    }

    static int hash(char[] text, int start, int end) {
        int hash = EMPTY_HASH;
        for (int i = start; i < end; i++) {
            hash = hashStep(hash, text[i]);
        }
        return hash;
    }

    /** Adds or replaces. */
    void put(String key, V value) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        char[] chars = key.toCharArray();
        int slotHash = slotHash(hash(chars, 0, chars.length));
        int mask = keys.length - 1;
        for (int i = slotHash & mask; ; i = (i + 1) & mask) {
            if (hashes[i] == 0) {
                keys[i] = chars;
                values[i] = value;
                hashes[i] = slotHash;
                size++;
                return;
            }
            if (hashes[i] == slotHash && Arrays.equals(keys[i], chars)) {
                values[i] = value;
                return;
            }
        }
    }

    V get(char[] text, int start, int end) {
        return get(text, start, end, hash(text, start, end));
    }

    /** Looks up {@code text[start, end)}, whose {@link #hash} is {@code hash}. */
    @SuppressWarnings("unchecked")
    V get(char[] text, int start, int end, int hash) {
        int slotHash = slotHash(hash);
        int mask = hashes.length - 1;
        for (int i = slotHash & mask; ; i = (i + 1) & mask) {
            int stored = hashes[i];
            if (stored == 0) {
                return null;
            }
            if (stored == slotHash) {
                char[] key = keys[i];
                if (Arrays.equals(key, 0, key.length, text, start, end)) {
                    return (V) values[i];
                }
            }
        }
    }

    /** Looks up {@code text[start1, end1) + ' ' + text[start2, end2)}, whose hash is {@code hash}. */
    @SuppressWarnings("unchecked")
    V getPair(char[] text, int start1, int end1, int start2, int end2, int hash) {
        int slotHash = slotHash(hash);
        int first = end1 - start1;
        int length = first + 1 + end2 - start2;
        int mask = hashes.length - 1;
        for (int i = slotHash & mask; ; i = (i + 1) & mask) {
            int stored = hashes[i];
            if (stored == 0) {
                return null;
            }
            if (stored == slotHash) {
                char[] key = keys[i];
                if (key.length == length && key[first] == ' '
                        && Arrays.equals(key, 0, first, text, start1, end1)
                        && Arrays.equals(key, first + 1, length, text, start2, end2)) {
                    return (V) values[i];
                }
            }
        }
    }

    int size() {
        return size;
    }

    /** Spreads the polynomial's bits over the slot index; never 0, which marks an empty slot. */
    private static int slotHash(int hash) {
        int h = hash * 0x9E3779B9;
        h ^= h >>> 16;
        return h == 0 ? 1 : h;
    }

    private void grow() {
        char[][] oldKeys = keys;
        Object[] oldValues = values;
        keys = new char[oldKeys.length * 2][];
        values = new Object[oldKeys.length * 2];
        hashes = new int[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                @SuppressWarnings("unchecked")
                V value = (V) oldValues[i];
                put(new String(oldKeys[i]), value);
            }
        }
    }
}

package dev.persona.pipeline.categorize;

import java.util.Arrays;

/**
 * An open-addressing table keyed by strings and looked up by a range of a {@code char[]} (or two ranges
 * joined by one space), so classifying a word costs a hash and a comparison but no allocation. Built once,
 * then only read.
 */
final class CharTable<V> {

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

    /** Adds or replaces. */
    void put(String key, V value) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        char[] chars = key.toCharArray();
        int hash = hash(chars, 0, chars.length);
        int mask = keys.length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            if (keys[i] == null) {
                keys[i] = chars;
                values[i] = value;
                hashes[i] = hash;
                size++;
                return;
            }
            if (hashes[i] == hash && Arrays.equals(keys[i], chars)) {
                values[i] = value;
                return;
            }
        }
    }

    @SuppressWarnings("unchecked")
    V get(char[] text, int start, int end) {
        int hash = hash(text, start, end);
        int mask = keys.length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            char[] key = keys[i];
            if (key == null) {
                return null;
            }
            if (hashes[i] == hash && Arrays.equals(key, 0, key.length, text, start, end)) {
                return (V) values[i];
            }
        }
    }

    /** Looks up {@code text[start1, end1) + ' ' + text[start2, end2)}. */
    @SuppressWarnings("unchecked")
    V getPair(char[] text, int start1, int end1, int start2, int end2) {
        int hash = raw(text, start1, end1);
        hash = 31 * hash + ' ';
        for (int i = start2; i < end2; i++) {
            hash = 31 * hash + text[i];
        }
        hash = spread(hash);
        int first = end1 - start1;
        int length = first + 1 + end2 - start2;
        int mask = keys.length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            char[] key = keys[i];
            if (key == null) {
                return null;
            }
            if (hashes[i] == hash && key.length == length && key[first] == ' '
                    && Arrays.equals(key, 0, first, text, start1, end1)
                    && Arrays.equals(key, first + 1, length, text, start2, end2)) {
                return (V) values[i];
            }
        }
    }

    int size() {
        return size;
    }

    /** String.hashCode's polynomial, before spreading: joinable for pairs. */
    private static int raw(char[] text, int start, int end) {
        int hash = 0;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + text[i];
        }
        return hash;
    }

    private static int hash(char[] text, int start, int end) {
        return spread(raw(text, start, end));
    }

    private static int spread(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
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

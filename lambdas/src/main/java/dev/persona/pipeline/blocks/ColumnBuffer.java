package dev.persona.pipeline.blocks;

import java.util.Arrays;

/** A growable byte array holding one column's raw values while a block is built. */
public final class ColumnBuffer {

    private byte[] bytes;
    private int length;

    public ColumnBuffer(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    public void add(byte value) {
        ensure(1);
        bytes[length++] = value;
    }

    public void add(byte[] source, int offset, int count) {
        ensure(count);
        System.arraycopy(source, offset, bytes, length, count);
        length += count;
    }

    /** Adds an INSTANT value ({@link Column.Encoding#INSTANT}). */
    public void addLong(long value) {
        ensure(8);
        Bytes.putLong(bytes, length, value);
        length += 8;
    }

    /** Adds a NUMBER value ({@link Column.Encoding#NUMBER}): null, or the double's 8 bytes after a 1. */
    public void addNumber(Double value) {
        ensure(9);
        if (value == null) {
            bytes[length++] = 0;
        } else {
            bytes[length++] = 1;
            Bytes.putLong(bytes, length, Double.doubleToRawLongBits(value));
            length += 8;
        }
    }

    /** Adds a TEXT value ({@link Column.Encoding#TEXT}): null, or its UTF-8 bytes after their length. */
    public void addText(String value) {
        if (value == null) {
            add((byte) 0);
            return;
        }
        ensure(value.length() * 3 + 5);
        int start = length + 1;
        int end = Utf8.encode(value, bytes, start);
        int count = end - start;
        int prefix = Bytes.varintSize(count + 1);
        if (prefix > 1) {
            System.arraycopy(bytes, start, bytes, length + prefix, count);
        }
        Bytes.putVarint(bytes, length, count + 1);
        length += prefix + count;
    }

    byte[] bytes() {
        return bytes;
    }

    public int length() {
        return length;
    }

    public void clear() {
        length = 0;
    }

    private void ensure(int extra) {
        if (length + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(length + extra, bytes.length * 2));
        }
    }
}

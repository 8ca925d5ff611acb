package dev.persona.pipeline.blocks;

import java.nio.charset.StandardCharsets;

/**
 * Reads one decompressed column value by value, in record order. Loading checks that the column holds exactly one
 * value per record, so reading can never run past it.
 */
public final class ColumnCursor {

    private final Column column;
    private byte[] data;
    private int length;
    private int start;
    private int position;
    private String[] dictionary = new String[0];
    private int textStart;
    private int textLength;

    ColumnCursor(Column column) {
        this.column = column;
    }

    void load(byte[] data, int length, int records) {
        try {
            check(data, length, records);
        } catch (IndexOutOfBoundsException e) {
            throw new CorruptBlockException("the " + column + " column is cut short", e);
        }
    }

    private void check(byte[] data, int length, int records) {
        this.data = data;
        this.length = length;
        start = 0;
        if (column.encoding() == Column.Encoding.DICTIONARY) {
            readDictionary();
        }
        int p = start;
        switch (column.encoding()) {
            case INSTANT -> p += records * 8;
            case BYTE, DICTIONARY -> p += records;
            case NUMBER, TEXT -> {
                for (int i = 0; i < records && p < length; i++) {
                    p += BlockWriter.valueSize(column.encoding(), data, p);
                }
            }
        }
        if (p != length) {
            throw new CorruptBlockException("the " + column + " column does not hold one value per record");
        }
        if (column.encoding() == Column.Encoding.DICTIONARY) {
            for (int i = start; i < length; i++) {
                if ((data[i] & 0xFF) >= dictionary.length) {
                    throw new CorruptBlockException("the " + column + " column names no value of its dictionary");
                }
            }
        }
        position = start;
    }

    void rewind() {
        position = start;
    }

    public long nextLong() {
        long value = Bytes.getLong(data, position);
        position += 8;
        return value;
    }

    public int nextByte() {
        return data[position++] & 0xFF;
    }

    /** The next value of a dictionary column. */
    public String nextDictionaryValue() {
        return dictionary[data[position++] & 0xFF];
    }

    public Double nextNumber() {
        if (data[position++] == 0) {
            return null;
        }
        double value = Double.longBitsToDouble(Bytes.getLong(data, position));
        position += 8;
        return value;
    }

    /** The next text value, decoded; null for null. */
    public String nextText() {
        if (!nextTextBytes()) {
            return null;
        }
        return new String(data, textStart, textLength, StandardCharsets.UTF_8);
    }

    /**
     * Moves to the next text value without decoding it: false for null, else its UTF-8 bytes are
     * {@link #bytes()}{@code [}{@link #textStart()}{@code , +}{@link #textLength()}{@code )}.
     */
    public boolean nextTextBytes() {
        int value = 0;
        int shift = 0;
        byte b;
        do {
            b = data[position++];
            value |= (b & 0x7F) << shift;
            shift += 7;
        } while (b < 0);
        if (value == 0) {
            return false;
        }
        textStart = position;
        textLength = value - 1;
        position += textLength;
        return true;
    }

    public byte[] bytes() {
        return data;
    }

    public int textStart() {
        return textStart;
    }

    public int textLength() {
        return textLength;
    }

    /** A dictionary column starts with its values: a count (1 byte), then that many TEXT values. */
    private void readDictionary() {
        position = 0;
        int count = length == 0 ? 0 : nextByte();
        if (dictionary.length != count) {
            dictionary = new String[count];
        }
        for (int i = 0; i < count; i++) {
            if (position >= length || (dictionary[i] = nextText()) == null || position > length) {
                throw new CorruptBlockException("the " + column + " column's dictionary is damaged");
            }
        }
        start = position;
    }
}

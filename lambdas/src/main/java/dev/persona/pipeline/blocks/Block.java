package dev.persona.pipeline.blocks;

import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import io.airlift.compress.MalformedInputException;
import io.airlift.compress.lz4.Lz4Decompressor;

/**
 * One block of an intermediate file as {@link BlockReader} read it: its record count and its columns as stored. A
 * column is checked and decompressed only when {@link #column} asks for it, so a step pays only for the columns it
 * reads. Reused from block to block by its reader.
 */
public final class Block {

    private final Lz4Decompressor decompressor = new Lz4Decompressor();
    private final CRC32C crc = new CRC32C();
    private final List<Column> columns = new ArrayList<>();
    private final int[] codecs = new int[Column.MAX_ID + 1];
    private final int[] rawLengths = new int[Column.MAX_ID + 1];
    private final int[] storedOffsets = new int[Column.MAX_ID + 1];
    private final int[] storedLengths = new int[Column.MAX_ID + 1];
    private final int[] storedCrcs = new int[Column.MAX_ID + 1];
    private final boolean[] decoded = new boolean[Column.MAX_ID + 1];
    private final byte[][] raw = new byte[Column.MAX_ID + 1][];
    private final ColumnCursor[] cursors = new ColumnCursor[Column.MAX_ID + 1];
    private byte[] stored = new byte[0];
    private int records;
    private long columnsDecoded;

    void reset(int records) {
        this.records = records;
        columns.clear();
        java.util.Arrays.fill(decoded, false);
    }

    void addColumn(Column column, int codec, int rawLength, int storedOffset, int storedLength, int storedCrc) {
        columns.add(column);
        codecs[column.id()] = codec;
        rawLengths[column.id()] = rawLength;
        storedOffsets[column.id()] = storedOffset;
        storedLengths[column.id()] = storedLength;
        storedCrcs[column.id()] = storedCrc;
    }

    /** The array the stored columns are read into, at least {@code size} bytes. */
    byte[] storage(int size) {
        if (stored.length < size) {
            stored = new byte[Math.max(size, stored.length * 2)];
        }
        return stored;
    }

    public int records() {
        return records;
    }

    /** The columns this block holds, in file order. */
    public List<Column> columns() {
        return columns;
    }

    public boolean has(Column column) {
        return columns.contains(column);
    }

    /**
     * A cursor at the first value of a column: checked against its CRC-32C and decompressed now, once per block.
     *
     * @throws CorruptBlockException when the column is missing, damaged or does not hold one value per record
     */
    public ColumnCursor column(Column column) {
        int id = column.id();
        if (!has(column)) {
            throw new CorruptBlockException("the block has no " + column + " column");
        }
        if (!decoded[id]) {
            decode(column);
            decoded[id] = true;
            columnsDecoded++;
        }
        ColumnCursor cursor = cursors[id];
        cursor.rewind();
        return cursor;
    }

    /** How many columns were decompressed so far, over every block this object held. */
    public long columnsDecoded() {
        return columnsDecoded;
    }

    int codec(Column column) {
        return codecs[column.id()];
    }

    int rawLength(Column column) {
        return rawLengths[column.id()];
    }

    byte[] storedBytes(Column column) {
        return stored;
    }

    int storedOffset(Column column) {
        return storedOffsets[column.id()];
    }

    int storedLength(Column column) {
        return storedLengths[column.id()];
    }

    int storedCrc(Column column) {
        return storedCrcs[column.id()];
    }

    private void decode(Column column) {
        int id = column.id();
        int offset = storedOffsets[id];
        int length = storedLengths[id];
        crc.reset();
        crc.update(stored, offset, length);
        if ((int) crc.getValue() != storedCrcs[id]) {
            throw new CorruptBlockException("the " + column + " column does not match its checksum");
        }
        int rawLength = rawLengths[id];
        if (raw[id] == null || raw[id].length < rawLength) {
            raw[id] = new byte[Math.max(rawLength, 1024)];
        }
        if (codecs[id] == BlockFormat.CODEC_STORED) {
            if (length != rawLength) {
                throw new CorruptBlockException("the stored " + column + " column has the wrong length");
            }
            System.arraycopy(stored, offset, raw[id], 0, length);
        } else {
            int n;
            try {
                n = decompressor.decompress(stored, offset, length, raw[id], 0, rawLength);
            } catch (MalformedInputException | IndexOutOfBoundsException e) {
                throw new CorruptBlockException("the " + column + " column does not decompress", e);
            }
            if (n != rawLength) {
                throw new CorruptBlockException("the " + column + " column decompresses to the wrong length");
            }
        }
        if (cursors[id] == null) {
            cursors[id] = new ColumnCursor(column);
        }
        cursors[id].load(raw[id], rawLength, records);
    }
}

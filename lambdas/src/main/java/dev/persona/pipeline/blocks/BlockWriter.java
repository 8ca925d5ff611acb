package dev.persona.pipeline.blocks;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import io.airlift.compress.lz4.Lz4Compressor;

/**
 * Writes an intermediate file: the header, then blocks of columns, each column compressed with LZ4 on its own (or
 * stored when that does not pay), then the trailer with the record count, written by {@link #finish()}. Preprocess
 * appends rows ({@link #append}); categorize copies each block's columns as they are stored and adds its own
 * ({@link #copyWith}), so it never decompresses or recompresses the columns it does not read.
 */
public final class BlockWriter {

    /** The encodings of {@link Column#ACTIVITY}, in row order, read once per value. */
    private static final Column.Encoding[] ACTIVITY_ENCODINGS = Column.ACTIVITY.stream().map(Column::encoding)
            .toArray(Column.Encoding[]::new);

    private final OutputStream out;
    private final ColumnBuffer[] activityColumns = new ColumnBuffer[Column.ACTIVITY.size()];
    private final Lz4Compressor compressor = new Lz4Compressor();
    private final CRC32C crc = new CRC32C();
    private final List<Stored> pending = new ArrayList<>();
    private byte[] compressed = new byte[64 * 1024];
    private int compressedLength;
    private final byte[] scratch = new byte[16];
    private int records;
    private int rawBytes;
    private long total;
    private boolean finished;

    public BlockWriter(OutputStream out) {
        this.out = out;
        for (int i = 0; i < activityColumns.length; i++) {
            activityColumns[i] = new ColumnBuffer(BlockFormat.BLOCK_TARGET_BYTES / 4);
        }
        byte[] header = new byte[BlockFormat.FILE_HEADER_BYTES];
        System.arraycopy(BlockFormat.MAGIC, 0, header, 0, 4);
        header[4] = (byte) BlockFormat.VERSION;
        write(header, 0, header.length);
    }

    /** Appends one row as {@link ActivityRow} encodes it. */
    public void append(byte[] row, int offset, int length) {
        int p = offset;
        int end = offset + length;
        for (int i = 0; i < ACTIVITY_ENCODINGS.length; i++) {
            int size = valueSize(ACTIVITY_ENCODINGS[i], row, p);
            activityColumns[i].add(row, p, size);
            p += size;
        }
        if (p != end) {
            throw new IllegalArgumentException("not an activity row: " + (end - p) + " bytes left over");
        }
        records++;
        rawBytes += length;
        if (rawBytes >= BlockFormat.BLOCK_TARGET_BYTES) {
            flushRows();
        }
    }

    /**
     * Writes a block read from another file with the given columns added: the block's own columns go out exactly as
     * they were stored, so they are neither decompressed nor compressed again.
     */
    public void copyWith(Block block, List<Column> added, List<ColumnBuffer> values) {
        pending.clear();
        reserve(values);
        for (Column column : block.columns()) {
            pending.add(new Stored(column, block.codec(column), block.rawLength(column), block.storedBytes(column),
                    block.storedOffset(column), block.storedLength(column), block.storedCrc(column)));
        }
        for (int i = 0; i < added.size(); i++) {
            compress(added.get(i), values.get(i));
        }
        writeBlock(block.records());
    }

    /** Writes what is buffered and the trailer. The stream stays open. */
    public void finish() {
        if (finished) {
            return;
        }
        flushRows();
        Bytes.putInt(scratch, 0, 0);
        Bytes.putLong(scratch, 4, total);
        write(scratch, 0, 12);
        finished = true;
    }

    /** Records written so far. */
    public long records() {
        return total + records;
    }

    private void flushRows() {
        if (records == 0) {
            return;
        }
        pending.clear();
        reserve(List.of(activityColumns));
        for (int i = 0; i < activityColumns.length; i++) {
            compress(Column.ACTIVITY.get(i), activityColumns[i]);
            activityColumns[i].clear();
        }
        writeBlock(records);
        records = 0;
        rawBytes = 0;
    }

    private void compress(Column column, ColumnBuffer values) {
        int raw = values.length();
        int room = compressor.maxCompressedLength(raw);
        int size = raw == 0 ? 0 : compressor.compress(values.bytes(), 0, raw, compressed, compressedLength, room);
        Stored stored;
        if (size > 0 && size < raw - raw / 16) {
            stored = new Stored(column, BlockFormat.CODEC_LZ4, raw, compressed, compressedLength, size,
                    crc(compressed, compressedLength, size));
            compressedLength += size;
        } else {
            stored = new Stored(column, BlockFormat.CODEC_STORED, raw, values.bytes(), 0, raw,
                    crc(values.bytes(), 0, raw));
        }
        pending.add(stored);
    }

    private void writeBlock(int count) {
        byte[] header = new byte[5 + pending.size() * BlockFormat.DIRECTORY_ENTRY_BYTES];
        Bytes.putInt(header, 0, count);
        header[4] = (byte) pending.size();
        int p = 5;
        for (Stored stored : pending) {
            header[p] = (byte) stored.column.id();
            header[p + 1] = (byte) stored.codec;
            Bytes.putInt(header, p + 2, stored.raw);
            Bytes.putInt(header, p + 6, stored.length);
            Bytes.putInt(header, p + 10, stored.crc);
            p += BlockFormat.DIRECTORY_ENTRY_BYTES;
        }
        write(header, 0, header.length);
        for (Stored stored : pending) {
            write(stored.bytes, stored.offset, stored.length);
        }
        pending.clear();
        total += count;
    }

    private int crc(byte[] bytes, int offset, int length) {
        crc.reset();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    private void write(byte[] bytes, int offset, int length) {
        try {
            out.write(bytes, offset, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The size of the value at {@code p} of a row. */
    static int valueSize(Column.Encoding encoding, byte[] row, int p) {
        return switch (encoding) {
            case INSTANT -> 8;
            case BYTE -> 1;
            case NUMBER -> row[p] == 0 ? 1 : 9;
            case TEXT -> {
                byte first = row[p];
                if (first >= 0) {
                    // Most texts are shorter than 127 bytes: a one-byte length.
                    yield first == 0 ? 1 : first;
                }
                int value = 0;
                int shift = 0;
                int q = p;
                byte b;
                do {
                    b = row[q++];
                    value |= (b & 0x7F) << shift;
                    shift += 7;
                } while (b < 0);
                yield q - p + Math.max(0, value - 1);
            }
            case DICTIONARY -> throw new IllegalArgumentException("a row holds no dictionary column");
        };
    }

    /** Makes room to compress these columns into one array, so the block's columns never move. */
    private void reserve(List<ColumnBuffer> columns) {
        long room = 0;
        for (ColumnBuffer column : columns) {
            room += compressor.maxCompressedLength(column.length());
        }
        if (room > compressed.length) {
            compressed = new byte[(int) Math.max(room, compressed.length * 2L)];
        }
        compressedLength = 0;
    }

    /** A column as it goes into the file. */
    private record Stored(Column column, int codec, int raw, byte[] bytes, int offset, int length, int crc) {
    }
}

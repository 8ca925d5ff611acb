package dev.persona.pipeline.blocks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads an intermediate file block by block. Checks the header's magic and version, every block's directory, and
 * the trailer: a file cut short, or one with bytes after its trailer, fails with {@link CorruptBlockException} rather
 * than giving fewer records.
 */
public final class BlockReader {

    private final InputStream in;
    private final Block block = new Block();
    private final byte[] header = new byte[5 + 255 * BlockFormat.DIRECTORY_ENTRY_BYTES];
    private long records;
    private boolean ended;

    public BlockReader(InputStream in) {
        this.in = in;
        byte[] fileHeader = new byte[BlockFormat.FILE_HEADER_BYTES];
        readFully(fileHeader, BlockFormat.FILE_HEADER_BYTES, "its header");
        for (int i = 0; i < 4; i++) {
            if (fileHeader[i] != BlockFormat.MAGIC[i]) {
                throw new CorruptBlockException("not a file of activity blocks");
            }
        }
        int version = (fileHeader[4] & 0xFF) | (fileHeader[5] & 0xFF) << 8;
        if (version != BlockFormat.VERSION) {
            throw new CorruptBlockException("format version " + version + ", this code reads version "
                    + BlockFormat.VERSION);
        }
    }

    /** The next block (the same object each time, refilled), or null after the last one. */
    public Block next() {
        if (ended) {
            return null;
        }
        readFully(header, 4, "a block header");
        int count = Bytes.getInt(header, 0);
        if (count == 0) {
            readTrailer();
            return null;
        }
        if (count < 0 || count > BlockFormat.MAX_RECORDS_PER_BLOCK) {
            throw new CorruptBlockException("a block of " + count + " records");
        }
        readFully(header, 1, "a block header");
        int columns = header[0] & 0xFF;
        readFully(header, columns * BlockFormat.DIRECTORY_ENTRY_BYTES, "a block's directory");
        block.reset(count);
        long total = 0;
        int p = 0;
        for (int i = 0; i < columns; i++, p += BlockFormat.DIRECTORY_ENTRY_BYTES) {
            Column column = Column.byId(header[p] & 0xFF);
            int codec = header[p + 1] & 0xFF;
            int raw = Bytes.getInt(header, p + 2);
            int stored = Bytes.getInt(header, p + 6);
            if (column == null || block.has(column) || (codec != BlockFormat.CODEC_STORED
                    && codec != BlockFormat.CODEC_LZ4) || raw < 0 || raw > BlockFormat.MAX_COLUMN_BYTES
                    || stored < 0 || stored > BlockFormat.MAX_COLUMN_BYTES) {
                throw new CorruptBlockException("a block's directory is damaged (column " + (header[p] & 0xFF) + ")");
            }
            block.addColumn(column, codec, raw, (int) total, stored, Bytes.getInt(header, p + 10));
            total += stored;
        }
        if (total > BlockFormat.MAX_COLUMN_BYTES) {
            throw new CorruptBlockException("a block of " + total + " bytes");
        }
        byte[] storage = block.storage((int) total);
        readFully(storage, (int) total, "a block's columns");
        records += count;
        return block;
    }

    private void readTrailer() {
        readFully(header, 8, "its trailer");
        long declared = Bytes.getLong(header, 0);
        if (declared != records) {
            throw new CorruptBlockException("the trailer counts " + declared + " records, the blocks " + records);
        }
        try {
            if (in.read() != -1) {
                throw new CorruptBlockException("bytes after the trailer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ended = true;
    }

    /** Records in the blocks read so far. */
    public long records() {
        return records;
    }

    private void readFully(byte[] target, int length, String what) {
        try {
            if (in.readNBytes(target, 0, length) != length) {
                throw new CorruptBlockException("the file ends inside " + what);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

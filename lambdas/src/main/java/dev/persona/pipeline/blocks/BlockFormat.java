package dev.persona.pipeline.blocks;

/**
 * The constants of the intermediate file format, version 1 ({@code docs/intermediate-format.md}): a file header,
 * blocks of columns, a trailer. All integers are little-endian.
 */
final class BlockFormat {

    /** "PACB": persona activity column blocks. */
    static final byte[] MAGIC = {'P', 'A', 'C', 'B'};
    static final int VERSION = 1;
    static final int FILE_HEADER_BYTES = 8;
    /** Per column: id (1), codec (1), raw length (4), stored length (4), CRC-32C of the stored bytes (4). */
    static final int DIRECTORY_ENTRY_BYTES = 14;
    static final int CODEC_STORED = 0;
    static final int CODEC_LZ4 = 1;
    /** A block is cut once its raw columns hold this much: big enough for LZ4, small enough for the cache. */
    static final int BLOCK_TARGET_BYTES = 256 * 1024;
    /** Readers refuse larger values: a damaged length never makes them allocate gigabytes. */
    static final int MAX_RECORDS_PER_BLOCK = 1 << 20;
    static final int MAX_COLUMN_BYTES = 64 * 1024 * 1024;

    private BlockFormat() {
    }
}

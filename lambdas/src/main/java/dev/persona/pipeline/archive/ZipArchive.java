package dev.persona.pipeline.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

import dev.persona.pipeline.errors.CompressionRatioTooHigh;
import dev.persona.pipeline.errors.EmptyUpload;
import dev.persona.pipeline.errors.EncryptedArchive;
import dev.persona.pipeline.errors.MalformedUpload;
import dev.persona.pipeline.errors.TooManyArchiveEntries;
import dev.persona.pipeline.errors.UnsupportedArchive;
import dev.persona.pipeline.errors.UploadTooLarge;
import dev.persona.pipeline.io.DeflateInputStream;
import dev.persona.pipeline.io.SizeFormat;

/**
 * Reads a zip archive (APPNOTE 6.3) through ranged reads, the way the format is meant to be read: the end record
 * from the archive's tail, then the central directory, then each entry's local header and data in offset order.
 * The central directory is authoritative (sizes, CRCs, methods), so entries whose local header defers its sizes
 * to a data descriptor are read as safely as any other.
 *
 * <p>Everything is checked before a byte is inflated: the entry count, name lengths and safety, encryption,
 * split archives, compression methods (stored and DEFLATE only), each entry's declared ratio and the declared
 * total. While inflating, no entry may produce more than it declares, expand beyond the decompression limits, or
 * end with another checksum. Entries overlapping each other (the "overlapping files" bomb) are refused. Memory
 * holds five numbers per entry, never names or data.
 */
public final class ZipArchive {

    /** Opens {@code length} bytes of the archive from {@code offset}. */
    @FunctionalInterface
    public interface RangeSource {
        InputStream open(long offset, long length);
    }

    private static final int END = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_END = 0x06064b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int LOCAL = 0x04034b50;
    private static final int END_SIZE = 22;
    private static final int MAX_COMMENT = 0xFFFF;
    private static final int LOCAL_HEADER_SIZE = 30;
    private static final int STORED = 0;
    private static final int DEFLATED = 8;
    private static final int AES = 99;
    private static final int FLAG_ENCRYPTED = 1;
    private static final int FLAG_STRONG_ENCRYPTION = 1 << 6;
    private static final int FLAG_UTF8 = 1 << 11;
    private static final int FLAG_MASKED_DIRECTORY = 1 << 13;
    private static final long MAX_32 = 0xFFFFFFFFL;
    private static final int MAX_16 = 0xFFFF;

    private final RangeSource source;
    private final long size;
    private final ArchiveLimits limits;

    private ZipArchive(RangeSource source, long size, ArchiveLimits limits) {
        this.source = source;
        this.size = size;
        this.limits = limits;
    }

    /** Hands every file of the archive to {@code handler}, in the order they are stored; returns the entry count. */
    public static int read(RangeSource source, long size, ArchiveLimits limits, ArchiveEntry.Handler handler) {
        return new ZipArchive(source, size, limits).read(handler);
    }

    /** The end of the central directory: where it is, how long, how many entries. */
    private record Directory(long offset, long length, long entries) {
    }

    /** The files the central directory lists, as parallel arrays sorted by where their data lies. */
    private static final class Entries {
        long[] offsets;
        long[] compressed;
        long[] uncompressed;
        long[] crcs;
        int[] methods;
        int count;

        Entries(int capacity) {
            offsets = new long[capacity];
            compressed = new long[capacity];
            uncompressed = new long[capacity];
            crcs = new long[capacity];
            methods = new int[capacity];
        }

        void add(long offset, long compressedSize, long uncompressedSize, long crc, int method) {
            offsets[count] = offset;
            compressed[count] = compressedSize;
            uncompressed[count] = uncompressedSize;
            crcs[count] = crc;
            methods[count] = method;
            count++;
        }

        /** Indexes in offset order. */
        int[] byOffset() {
            long[] keys = new long[count];
            for (int i = 0; i < count; i++) {
                keys[i] = offsets[i] << 20 | i;
            }
            Arrays.sort(keys);
            int[] order = new int[count];
            for (int i = 0; i < count; i++) {
                order[i] = (int) (keys[i] & 0xFFFFF);
            }
            return order;
        }
    }

    private int read(ArchiveEntry.Handler handler) {
        Directory directory = findDirectory();
        if (directory.entries() > limits.maxEntries()) {
            throw tooMany(directory.entries());
        }
        if (directory.entries() == 0) {
            throw new EmptyUpload("The zip archive is empty.");
        }
        Entries files = new Entries((int) directory.entries());
        int entries = readDirectory(directory, files);
        readFiles(files, directory.offset(), handler);
        return entries;
    }

    private Directory findDirectory() {
        if (size < END_SIZE) {
            throw notZip();
        }
        int tailLength = (int) Math.min(size, END_SIZE + MAX_COMMENT);
        long tailStart = size - tailLength;
        byte[] tail = readRange(tailStart, tailLength);
        int end = -1;
        for (int p = tailLength - END_SIZE; p >= 0; p--) {
            if (int32(tail, p) == END && p + END_SIZE + uint16(tail, p + 20) <= tailLength) {
                end = p;
                break;
            }
        }
        if (end < 0) {
            throw notZip();
        }
        int disk = uint16(tail, end + 4);
        int directoryDisk = uint16(tail, end + 6);
        long entriesHere = uint16(tail, end + 8);
        long entries = uint16(tail, end + 10);
        long length = uint32(tail, end + 12);
        long offset = uint32(tail, end + 16);
        if (entries == MAX_16 || length == MAX_32 || offset == MAX_32) {
            return zip64Directory(tail, tailStart, end);
        }
        if (disk != 0 || directoryDisk != 0 || entriesHere != entries) {
            throw split();
        }
        return checked(new Directory(offset, length, entries), tailStart + end);
    }

    private Directory zip64Directory(byte[] tail, long tailStart, int end) {
        int locator = end - 20;
        if (locator < 0 || int32(tail, locator) != ZIP64_LOCATOR) {
            throw damaged("its zip64 end record is missing");
        }
        if (uint32(tail, locator + 16) != 1 || uint32(tail, locator + 4) != 0) {
            throw split();
        }
        long recordOffset = int64(tail, locator + 8);
        if (recordOffset < 0 || recordOffset + 56 > tailStart + locator) {
            throw damaged("its zip64 end record lies outside it");
        }
        byte[] record = readRange(recordOffset, 56);
        if (int32(record, 0) != ZIP64_END) {
            throw damaged("its zip64 end record is missing");
        }
        long disk = uint32(record, 16);
        long directoryDisk = uint32(record, 20);
        long entriesHere = int64(record, 24);
        long entries = int64(record, 32);
        if (disk != 0 || directoryDisk != 0 || entriesHere != entries) {
            throw split();
        }
        if (entries < 0 || entries > limits.maxEntries()) {
            throw tooMany(entries);
        }
        return checked(new Directory(int64(record, 48), int64(record, 40), entries), recordOffset);
    }

    private Directory checked(Directory directory, long endRecord) {
        if (directory.offset() < 0 || directory.length() < 0 || directory.offset() + directory.length() > endRecord) {
            throw damaged("its central directory lies outside it");
        }
        return directory;
    }

    /** Reads and checks every central directory record; keeps the files' numbers. Returns the entry count. */
    private int readDirectory(Directory directory, Entries files) {
        long declaredTotal = 0;
        int entries = 0;
        try (InputStream in = new BufferedInputStream(source.open(directory.offset(), directory.length()), 64 * 1024)) {
            LittleEndian data = new LittleEndian(in);
            byte[] fixed = new byte[46];
            while (entries < directory.entries()) {
                data.readFully(fixed, 46);
                if (int32(fixed, 0) != CENTRAL) {
                    throw damaged("its central directory is broken");
                }
                entries++;
                int flags = uint16(fixed, 8);
                int method = uint16(fixed, 10);
                long crc = uint32(fixed, 16);
                long compressed = uint32(fixed, 20);
                long uncompressed = uint32(fixed, 24);
                int nameLength = uint16(fixed, 28);
                int extraLength = uint16(fixed, 30);
                int commentLength = uint16(fixed, 32);
                int disk = uint16(fixed, 34);
                long offset = uint32(fixed, 42);
                String name = name(data, nameLength, flags);
                byte[] extra = data.read(extraLength);
                data.skip(commentLength);
                if (compressed == MAX_32 || uncompressed == MAX_32 || offset == MAX_32 || disk == MAX_16) {
                    long[] values = zip64Values(extra, uncompressed == MAX_32, compressed == MAX_32,
                            offset == MAX_32, disk == MAX_16);
                    uncompressed = values[0] >= 0 ? values[0] : uncompressed;
                    compressed = values[1] >= 0 ? values[1] : compressed;
                    offset = values[2] >= 0 ? values[2] : offset;
                    disk = values[3] >= 0 ? (int) values[3] : disk;
                }
                if (disk != 0) {
                    throw split();
                }
                boolean folder = name.endsWith("/") || name.endsWith("\\");
                if ((flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION | FLAG_MASKED_DIRECTORY)) != 0 || method == AES
                        || hasAesExtra(extra)) {
                    throw new EncryptedArchive("The zip archive is encrypted (\"" + EntryNames.shown(name)
                            + "\"). Create it again without a password.");
                }
                if (folder) {
                    continue;
                }
                if (method != STORED && method != DEFLATED) {
                    throw new UnsupportedArchive("The zip archive holds \"" + EntryNames.shown(name) + "\", compressed"
                            + " with " + methodName(method) + ", which is not read. Create the archive again with "
                            + "standard (DEFLATE) compression.");
                }
                if (compressed < 0 || uncompressed < 0 || offset < 0 || offset >= directory.offset()
                        || (method == STORED && compressed != uncompressed)) {
                    throw damaged("an entry's sizes or position are impossible");
                }
                try {
                    limits.decompression().check(compressed, uncompressed);
                } catch (CompressionRatioTooHigh e) {
                    throw new CompressionRatioTooHigh("In \"" + EntryNames.shown(name) + "\": " + e.getMessage());
                }
                declaredTotal += uncompressed;
                if (declaredTotal > limits.maxDeclaredBytes()) {
                    throw new UploadTooLarge("The archive holds more than " + SizeFormat.bytes(limits.maxDeclaredBytes())
                            + " once decompressed, the limit for an upload.");
                }
                files.add(offset, compressed, uncompressed, crc, method);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** Streams each file's data in offset order to the handler. */
    private void readFiles(Entries files, long directoryOffset, ArchiveEntry.Handler handler) {
        byte[] header = new byte[LOCAL_HEADER_SIZE];
        try (RangeCursor cursor = new RangeCursor(source, directoryOffset)) {
            boolean started = false;
            for (int index : files.byOffset()) {
                long offset = files.offsets[index];
                if (started && offset < cursor.position()) {
                    throw damaged("its entries overlap, which only damaged or malicious archives do");
                }
                started = true;
                cursor.seek(offset);
                cursor.readFully(header, 0, LOCAL_HEADER_SIZE);
                if (int32(header, 0) != LOCAL) {
                    throw damaged("an entry's local header is missing");
                }
                int flags = uint16(header, 6);
                int method = uint16(header, 8);
                int nameLength = uint16(header, 26);
                int extraLength = uint16(header, 28);
                if ((flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) != 0) {
                    throw new EncryptedArchive("The zip archive is encrypted. Create it again without a password.");
                }
                if (method != files.methods[index]) {
                    throw damaged("an entry's local header contradicts the central directory");
                }
                String name = localName(cursor, nameLength, flags);
                skip(cursor, extraLength);
                long compressed = files.compressed[index];
                if (cursor.position() + compressed > directoryOffset) {
                    throw damaged("an entry's data runs into the central directory");
                }
                InputStream raw = cursor.slice(compressed);
                InputStream data = method == STORED ? raw : new DeflateInputStream(raw, limits.decompression());
                try (CheckedEntryStream content = new CheckedEntryStream(data, files.uncompressed[index],
                        files.crcs[index])) {
                    handler.entry(new ArchiveEntry(name, content));
                }
            }
        }
    }

    private String localName(RangeCursor cursor, int length, int flags) {
        byte[] bytes = new byte[length];
        cursor.readFully(bytes, 0, length);
        String name = decodeName(bytes, flags);
        EntryNames.check(name, length, limits.maxEntryNameBytes());
        return name;
    }

    private static void skip(RangeCursor cursor, int length) {
        cursor.readFully(new byte[length], 0, length);
    }

    private String name(LittleEndian data, int length, int flags) throws IOException {
        if (length > limits.maxEntryNameBytes()) {
            // Refused for its length: only its start is read, to name it.
            EntryNames.check(decodeName(data.read(Math.min(length, 80)), flags), length, limits.maxEntryNameBytes());
        }
        byte[] bytes = data.read(length);
        String name = decodeName(bytes, flags);
        EntryNames.check(name, length, limits.maxEntryNameBytes());
        return name;
    }

    /** UTF-8 when flagged or valid; otherwise Latin-1, which keeps every byte visible. */
    private static String decodeName(byte[] bytes, int flags) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return (flags & FLAG_UTF8) != 0 ? new String(bytes, StandardCharsets.UTF_8)
                    : new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /** The zip64 extended information field: the values the record marked as too large, in their fixed order. */
    private static long[] zip64Values(byte[] extra, boolean uncompressed, boolean compressed, boolean offset,
                                      boolean disk) {
        long[] values = {-1, -1, -1, -1};
        for (int p = 0; p + 4 <= extra.length; ) {
            int id = uint16(extra, p);
            int length = uint16(extra, p + 2);
            int data = p + 4;
            if (data + length > extra.length) {
                break;
            }
            if (id == 0x0001) {
                int q = data;
                boolean[] present = {uncompressed, compressed, offset};
                for (int i = 0; i < 3; i++) {
                    if (present[i]) {
                        if (q + 8 > data + length) {
                            throw damaged("an entry's zip64 sizes are missing");
                        }
                        values[i] = int64(extra, q);
                        q += 8;
                    }
                }
                if (disk && q + 4 <= data + length) {
                    values[3] = uint32(extra, q);
                }
                return values;
            }
            p = data + length;
        }
        throw damaged("an entry's zip64 sizes are missing");
    }

    private static boolean hasAesExtra(byte[] extra) {
        for (int p = 0; p + 4 <= extra.length; p += 4 + uint16(extra, p + 2)) {
            if (uint16(extra, p) == 0x9901) {
                return true;
            }
        }
        return false;
    }

    private static String methodName(int method) {
        return switch (method) {
            case 9 -> "Deflate64";
            case 12 -> "bzip2";
            case 14 -> "LZMA";
            case 93 -> "Zstandard";
            case 95 -> "XZ";
            case 98 -> "PPMd";
            default -> "compression method " + method;
        };
    }

    private byte[] readRange(long offset, int length) {
        try (InputStream in = source.open(offset, length)) {
            byte[] bytes = in.readNBytes(length);
            if (bytes.length != length) {
                throw damaged("it is shorter than its size");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TooManyArchiveEntries tooMany(long entries) {
        return new TooManyArchiveEntries(String.format(Locale.ROOT, "The archive holds %,d entries; at most"
                + " %,d are read. Export fewer products, or upload the activity files themselves.", entries,
                limits.maxEntries()));
    }

    private static UnsupportedArchive split() {
        return new UnsupportedArchive("The zip archive is split into several files. Upload a single, complete "
                + "archive: Google Takeout can make archives of up to 50 GB, so choose a larger archive size.");
    }

    private static MalformedUpload notZip() {
        return new MalformedUpload("The file starts like a zip archive but its end is missing: it is damaged or "
                + "was not uploaded completely.");
    }

    private static MalformedUpload damaged(String what) {
        return new MalformedUpload("The zip archive is damaged: " + what + ".");
    }

    private static int uint16(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
    }

    private static int int32(byte[] b, int p) {
        return uint16(b, p) | uint16(b, p + 2) << 16;
    }

    private static long uint32(byte[] b, int p) {
        return int32(b, p) & MAX_32;
    }

    private static long int64(byte[] b, int p) {
        return uint32(b, p) | uint32(b, p + 4) << 32;
    }

    /** Exact reads from the central directory stream. */
    private static final class LittleEndian {
        private final InputStream in;

        LittleEndian(InputStream in) {
            this.in = in;
        }

        void readFully(byte[] b, int length) throws IOException {
            if (in.readNBytes(b, 0, length) != length) {
                throw damaged("its central directory is cut short");
            }
        }

        byte[] read(int length) throws IOException {
            byte[] b = new byte[length];
            readFully(b, length);
            return b;
        }

        void skip(long length) throws IOException {
            try {
                in.skipNBytes(length);
            } catch (java.io.EOFException e) {
                throw damaged("its central directory is cut short");
            }
        }
    }
}

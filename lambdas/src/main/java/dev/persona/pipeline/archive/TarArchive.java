package dev.persona.pipeline.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import dev.persona.pipeline.errors.MalformedUpload;
import dev.persona.pipeline.errors.TooManyArchiveEntries;
import dev.persona.pipeline.errors.UnsupportedArchive;
import dev.persona.pipeline.io.BulkInputStream;

/**
 * Reads a tar stream (POSIX ustar and pax, and GNU long names) front to back. Regular files go to the handler;
 * folders, links and special files are only counted, never followed. Sparse and multi-volume entries are refused.
 * Every header's checksum is verified, names are checked like a zip's, and extended headers are bounded, so memory
 * stays a few kilobytes whatever the archive holds.
 */
public final class TarArchive {

    static final int BLOCK = 512;
    /** Largest pax extended header read; real ones hold a few fields. */
    static final int MAX_EXTENDED_HEADER = 64 * 1024;

    private final InputStream in;
    private final ArchiveLimits limits;
    private final byte[] header = new byte[BLOCK];

    private TarArchive(InputStream in, ArchiveLimits limits) {
        this.in = in;
        this.limits = limits;
    }

    /** True when {@code block}, the first 512 bytes of some data, is a tar header. */
    public static boolean isTarHeader(byte[] block, int length) {
        if (length < BLOCK) {
            return false;
        }
        boolean magic = block[257] == 'u' && block[258] == 's' && block[259] == 't' && block[260] == 'a'
                && block[261] == 'r';
        return magic && checksumMatches(block);
    }

    /** Hands every regular file to {@code handler}, in order; returns the entry count. */
    public static int read(InputStream in, ArchiveLimits limits, ArchiveEntry.Handler handler) {
        return new TarArchive(in, limits).read(handler);
    }

    private int read(ArchiveEntry.Handler handler) {
        int entries = 0;
        String longName = null;
        String paxPath = null;
        long paxSize = -1;
        while (readBlock()) {
            if (isZeroBlock()) {
                break;
            }
            if (!checksumMatches(header)) {
                throw damaged("a header's checksum is wrong");
            }
            entries++;
            if (entries > limits.maxEntries()) {
                throw new TooManyArchiveEntries(String.format(Locale.ROOT, "The archive holds more than %,d entries, "
                        + "the most that are read. Export fewer products, or upload the activity files themselves.",
                        limits.maxEntries()));
            }
            char type = (char) header[156];
            long headerSize = size();
            switch (type) {
                case 'x' -> {
                    String[] pax = extendedHeader(headerSize);
                    paxPath = pax[0];
                    paxSize = pax[1] == null ? -1 : parsePaxSize(pax[1]);
                    entries--;
                    continue;
                }
                case 'g' -> {
                    skipData(headerSize);
                    entries--;
                    continue;
                }
                case 'L' -> {
                    longName = longName(headerSize);
                    entries--;
                    continue;
                }
                case 'K' -> {
                    skipData(headerSize);
                    entries--;
                    continue;
                }
                case 'S', 'M', 'V' -> throw new UnsupportedArchive("The tar archive holds a sparse or multi-volume "
                        + "entry, which is not read. Create the archive again from the exported files.");
                default -> {
                    // a file, folder, link or special file: handled below
                }
            }
            long size = paxSize >= 0 ? paxSize : headerSize;
            String name = paxPath != null ? paxPath : longName != null ? longName : headerName();
            paxPath = null;
            longName = null;
            paxSize = -1;
            EntryNames.check(name, EntryNames.byteLength(name), limits.maxEntryNameBytes());
            if (type == '0' || type == '\0' || type == '7') {
                EntryData data = new EntryData(size);
                try {
                    handler.entry(new ArchiveEntry(name, data));
                } finally {
                    data.close();
                }
                skipData(data.left(), padding(size));
            } else {
                // Links carry no data whatever their size field says; folders and special files skip theirs.
                skipData(type == '1' || type == '2' ? 0 : size);
            }
        }
        return entries;
    }

    private boolean readBlock() {
        try {
            int n = in.readNBytes(header, 0, BLOCK);
            if (n == 0) {
                return false;
            }
            if (n != BLOCK) {
                throw truncated();
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean isZeroBlock() {
        for (byte b : header) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean checksumMatches(byte[] block) {
        long stored = octal(block, 148, 8);
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            int b = i >= 148 && i < 156 ? ' ' : block[i];
            unsigned += b & 0xFF;
            signed += b;
        }
        return stored >= 0 && (stored == unsigned || stored == signed);
    }

    private String headerName() {
        String name = field(0, 100);
        boolean ustar = header[257] == 'u' && header[258] == 's' && header[259] == 't' && header[260] == 'a'
                && header[261] == 'r' && header[262] == 0;
        String prefix = ustar ? field(345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private String field(int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    /** The size field: octal, or base-256 when its first byte has the high bit set (GNU, for huge files). */
    private long size() {
        long size;
        if ((header[124] & 0x80) != 0) {
            size = 0;
            for (int i = 125; i < 136; i++) {
                size = size << 8 | (header[i] & 0xFF);
                if (size > (1L << 48)) {
                    throw damaged("an entry's size is impossible");
                }
            }
        } else {
            size = octal(header, 124, 12);
        }
        if (size < 0) {
            throw damaged("an entry's size is unreadable");
        }
        return size;
    }

    private static long octal(byte[] block, int offset, int length) {
        long value = 0;
        int i = offset;
        int end = offset + length;
        while (i < end && (block[i] == ' ' || block[i] == 0)) {
            i++;
        }
        if (i == end) {
            return 0;
        }
        int digits = 0;
        for (; i < end && block[i] >= '0' && block[i] <= '7'; i++) {
            value = value * 8 + (block[i] - '0');
            digits++;
        }
        for (; i < end; i++) {
            if (block[i] != ' ' && block[i] != 0) {
                return -1;
            }
        }
        return digits == 0 ? -1 : value;
    }

    /** A pax extended header's {@code path} and {@code size} (either may be null). */
    private String[] extendedHeader(long size) {
        if (size > MAX_EXTENDED_HEADER) {
            throw new UnsupportedArchive("The tar archive holds an extended header larger than 64 KiB, which is not "
                    + "read. Create the archive again from the exported files.");
        }
        byte[] data = readData((int) size);
        String[] values = new String[2];
        int p = 0;
        while (p < data.length) {
            int space = p;
            while (space < data.length && data[space] != ' ') {
                space++;
            }
            int length;
            try {
                length = Integer.parseInt(new String(data, p, space - p, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw damaged("an extended header is unreadable");
            }
            if (length <= space - p || p + length > data.length) {
                throw damaged("an extended header is unreadable");
            }
            String record = new String(data, space + 1, p + length - space - 2, StandardCharsets.UTF_8);
            int equals = record.indexOf('=');
            if (equals > 0) {
                String key = record.substring(0, equals);
                if (key.equals("path")) {
                    values[0] = record.substring(equals + 1);
                } else if (key.equals("size")) {
                    values[1] = record.substring(equals + 1);
                } else if (key.startsWith("GNU.sparse")) {
                    throw new UnsupportedArchive("The tar archive holds a sparse entry, which is not read. Create "
                            + "the archive again from the exported files.");
                }
            }
            p += length;
        }
        return values;
    }

    private static long parsePaxSize(String value) {
        try {
            long size = Long.parseLong(value.strip());
            if (size < 0) {
                throw damaged("an entry's size is impossible");
            }
            return size;
        } catch (NumberFormatException e) {
            throw damaged("an entry's size is unreadable");
        }
    }

    private String longName(long size) {
        if (size > limits.maxEntryNameBytes() + 1L) {
            byte[] start = readData((int) Math.min(size, 80));
            String shown = new String(start, StandardCharsets.UTF_8);
            skipData(size - start.length, padding(size));
            EntryNames.check(shown, (int) Math.min(size - 1, Integer.MAX_VALUE), limits.maxEntryNameBytes());
        }
        byte[] data = readData((int) size);
        int end = 0;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        return new String(data, 0, end, StandardCharsets.UTF_8);
    }

    /** Reads a small entry's data and its padding. */
    private byte[] readData(int size) {
        try {
            byte[] data = in.readNBytes(size);
            if (data.length != size) {
                throw truncated();
            }
            skipExactly(padding(size));
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void skipData(long size) {
        skipData(size, padding(size));
    }

    private void skipData(long size, long padding) {
        skipExactly(size + padding);
    }

    private void skipExactly(long count) {
        try {
            in.skipNBytes(count);
        } catch (java.io.EOFException e) {
            throw truncated();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static MalformedUpload truncated() {
        return new MalformedUpload("The tar archive is truncated: it ends inside an entry. Upload the complete file.");
    }

    private static MalformedUpload damaged(String what) {
        return new MalformedUpload("The tar archive is damaged: " + what + ".");
    }

    /** One entry's data: exactly its size, however much of it the handler reads. */
    private final class EntryData extends BulkInputStream {
        private long left;

        EntryData(long size) {
            this.left = size;
        }

        long left() {
            return left;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            try {
                int n = in.read(b, off, (int) Math.min(len, left));
                if (n < 0) {
                    throw truncated();
                }
                left -= n;
                return n;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            // the archive stays open; the rest of the entry is skipped by the reader
        }
    }
}

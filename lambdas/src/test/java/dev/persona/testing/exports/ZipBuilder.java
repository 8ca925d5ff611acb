package dev.persona.testing.exports;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes zip archives byte by byte (APPNOTE 6.3), with every field under the test's control: hostile names,
 * encryption flags (and real traditional PKWARE encryption), other compression methods, declared sizes that lie,
 * entries that share their data, data descriptors, zip64 records, split-archive disk numbers. The JDK's
 * {@code ZipOutputStream} refuses most of these, which is why tests build archives here.
 */
public final class ZipBuilder {

    public static final int STORED = 0;
    public static final int DEFLATED = 8;

    /** One entry: what is written, and what its headers claim. */
    public static final class Entry {
        final String name;
        final byte[] data;
        int method = DEFLATED;
        int flags;
        Long declaredSize;
        Long declaredCompressedSize;
        boolean dataDescriptor;
        byte[] password;
        int methodInHeaders = -1;
        byte[] extra = new byte[0];
        Integer sharesDataWith;
        byte[] compressedOverride;
        Long crc;

        Entry(String name, byte[] data) {
            this.name = name;
            this.data = data;
        }

        public Entry stored() {
            method = STORED;
            return this;
        }

        /** Claims another uncompressed size in both headers. */
        public Entry declaring(long size) {
            declaredSize = size;
            return this;
        }

        /** Sizes and CRC in a data descriptor after the data, zeros in the local header (streaming writers). */
        public Entry withDataDescriptor() {
            dataDescriptor = true;
            return this;
        }

        /** Traditional PKWARE encryption with this password (flag bit 0, a 12-byte header, encrypted data). */
        public Entry encrypted(String password) {
            this.password = password.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /** Headers name this compression method (the data is written deflated anyway). */
        public Entry claimingMethod(int method) {
            methodInHeaders = method;
            return this;
        }

        /** Extra field bytes in both headers. */
        public Entry extra(byte[] extra) {
            this.extra = extra;
            return this;
        }

        /** Claims this CRC-32 in both headers. */
        public Entry crc(long value) {
            crc = value;
            return this;
        }

        /** Writes these bytes as the entry's compressed data, whatever {@link #data} holds. */
        public Entry compressedData(byte[] compressed) {
            compressedOverride = compressed;
            return this;
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private int endRecordDisk;
    private boolean spannedMarker;
    private byte[] comment = new byte[0];

    public Entry add(String name, byte[] data) {
        Entry entry = new Entry(name, data);
        entries.add(entry);
        return entry;
    }

    public Entry add(String name, String text) {
        return add(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A folder entry. */
    public ZipBuilder folder(String name) {
        add(name.endsWith("/") ? name : name + "/", new byte[0]).stored();
        return this;
    }

    /** A central directory record pointing at the local header and data of entry {@code index} (a bomb trick). */
    public ZipBuilder sharingDataOf(int index, String name) {
        Entry entry = new Entry(name, entries.get(index).data);
        entry.sharesDataWith = index;
        entries.add(entry);
        return this;
    }

    /** Marks the archive as one part of a split archive. */
    public ZipBuilder splitPart(int disk) {
        endRecordDisk = disk;
        return this;
    }

    /** Starts with the spanning signature split archives begin with. */
    public ZipBuilder spannedMarker() {
        spannedMarker = true;
        return this;
    }

    public ZipBuilder comment(String text) {
        comment = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    public byte[] build() {
        Out out = new Out();
        if (spannedMarker) {
            out.int32(0x08074b50);
        }
        long[] offsets = new long[entries.size()];
        long[] compressedSizes = new long[entries.size()];
        long[] crcs = new long[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            CRC32 crc = new CRC32();
            crc.update(e.data);
            crcs[i] = e.crc != null ? e.crc : crc.getValue();
            if (e.sharesDataWith != null) {
                offsets[i] = offsets[e.sharesDataWith];
                compressedSizes[i] = compressedSizes[e.sharesDataWith];
                continue;
            }
            byte[] compressed = e.compressedOverride != null ? e.compressedOverride
                    : e.method == STORED ? e.data : deflate(e.data);
            if (e.password != null) {
                compressed = encrypt(compressed, e.password, crcs[i]);
                e.flags |= 1;
            }
            if (e.dataDescriptor) {
                e.flags |= 8;
            }
            e.flags |= 1 << 11;
            offsets[i] = out.size();
            compressedSizes[i] = compressed.length;
            byte[] name = e.name.getBytes(StandardCharsets.UTF_8);
            out.int32(0x04034b50);
            out.int16(20);
            out.int16(e.flags);
            out.int16(e.methodInHeaders >= 0 ? e.methodInHeaders : e.method);
            out.int16(0x6000);
            out.int16(0x5821);
            long size = e.declaredSize != null ? e.declaredSize : e.data.length;
            out.int32(e.dataDescriptor ? 0 : crcs[i]);
            out.int32(e.dataDescriptor ? 0 : compressed.length);
            out.int32(e.dataDescriptor ? 0 : size);
            out.int16(name.length);
            out.int16(e.extra.length);
            out.bytes(name);
            out.bytes(e.extra);
            out.bytes(compressed);
            if (e.dataDescriptor) {
                out.int32(0x08074b50);
                out.int32(crcs[i]);
                out.int32(compressed.length);
                out.int32(size);
            }
        }
        long directory = out.size();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            Entry stored = e.sharesDataWith != null ? entries.get(e.sharesDataWith) : e;
            byte[] name = e.name.getBytes(StandardCharsets.UTF_8);
            out.int32(0x02014b50);
            out.int16(0x031e);
            out.int16(20);
            out.int16(stored.flags);
            out.int16(stored.methodInHeaders >= 0 ? stored.methodInHeaders : stored.method);
            out.int16(0x6000);
            out.int16(0x5821);
            out.int32(crcs[i]);
            out.int32(compressedSizes[i]);
            out.int32(e.declaredSize != null ? e.declaredSize : e.data.length);
            out.int16(name.length);
            out.int16(e.extra.length);
            out.int16(0);
            out.int16(0);
            out.int16(0);
            out.int32(e.name.endsWith("/") ? 0x41ED0010L : 0x81A40000L);
            out.int32(offsets[i]);
            out.bytes(name);
            out.bytes(e.extra);
        }
        long directorySize = out.size() - directory;
        out.int32(0x06054b50);
        out.int16(endRecordDisk);
        out.int16(endRecordDisk);
        out.int16(entries.size());
        out.int16(entries.size());
        out.int32(directorySize);
        out.int32(directory);
        out.int16(comment.length);
        out.bytes(comment);
        return out.toByteArray();
    }

    static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 4));
        byte[] buffer = new byte[64 * 1024];
        while (!deflater.finished()) {
            int n = deflater.deflate(buffer);
            out.write(buffer, 0, n);
        }
        deflater.end();
        return out.toByteArray();
    }

    /** Traditional PKWARE encryption (APPNOTE 6.1): a 12-byte header ending in the CRC's high byte, then the data. */
    private static byte[] encrypt(byte[] data, byte[] password, long crc) {
        int[] keys = {0x12345678, 0x23456789, 0x34567890};
        for (byte b : password) {
            update(keys, b);
        }
        byte[] header = new byte[12];
        for (int i = 0; i < 11; i++) {
            header[i] = (byte) (i * 31 + 7);
        }
        header[11] = (byte) (crc >>> 24);
        byte[] out = new byte[12 + data.length];
        int p = 0;
        for (byte b : header) {
            out[p++] = encryptByte(keys, b);
        }
        for (byte b : data) {
            out[p++] = encryptByte(keys, b);
        }
        return out;
    }

    private static byte encryptByte(int[] keys, byte plain) {
        int temp = (keys[2] | 2) & 0xFFFF;
        byte cipher = (byte) (plain ^ ((temp * (temp ^ 1)) >>> 8));
        update(keys, plain);
        return cipher;
    }

    private static void update(int[] keys, byte b) {
        keys[0] = crc32(keys[0], b);
        keys[1] = keys[1] + (keys[0] & 0xFF);
        keys[1] = keys[1] * 134775813 + 1;
        keys[2] = crc32(keys[2], (byte) (keys[1] >>> 24));
    }

    private static int crc32(int crc, byte b) {
        int c = (crc ^ b) & 0xFF;
        for (int k = 0; k < 8; k++) {
            c = (c & 1) != 0 ? (c >>> 1) ^ 0xEDB88320 : c >>> 1;
        }
        return (crc >>> 8) ^ c;
    }

    /** Little-endian writing. */
    private static final class Out extends ByteArrayOutputStream {
        void int16(int value) {
            write(value & 0xFF);
            write((value >>> 8) & 0xFF);
        }

        void int32(long value) {
            int16((int) (value & 0xFFFF));
            int16((int) ((value >>> 16) & 0xFFFF));
        }

        void bytes(byte[] bytes) {
            write(bytes, 0, bytes.length);
        }
    }
}

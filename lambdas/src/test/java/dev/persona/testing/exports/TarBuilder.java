package dev.persona.testing.exports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * Writes tar archives (POSIX ustar, with GNU long names and pax headers when asked), and gzips them, the way
 * {@code tar -czf} does.
 */
public final class TarBuilder {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public TarBuilder file(String name, byte[] data) {
        return entry(name, data, '0');
    }

    public TarBuilder file(String name, String text) {
        return file(name, text.getBytes(StandardCharsets.UTF_8));
    }

    public TarBuilder folder(String name) {
        return entry(name.endsWith("/") ? name : name + "/", new byte[0], '5');
    }

    /** A symbolic link (never followed by readers). */
    public TarBuilder symlink(String name, String target) {
        byte[] header = header(name, 0, '2');
        put(header, 157, target, 100);
        checksum(header);
        out.write(header, 0, header.length);
        return this;
    }

    /** A file whose name comes in a GNU long-name entry before it. */
    public TarBuilder longNameFile(String name, byte[] data) {
        byte[] bytes = (name + "\0").getBytes(StandardCharsets.UTF_8);
        entry("././@LongLink", bytes, 'L');
        return entry(name.substring(0, Math.min(99, name.length())), data, '0');
    }

    /** A file whose name comes in a pax extended header before it. */
    public TarBuilder paxFile(String name, byte[] data) {
        String record = " path=" + name + "\n";
        int body = record.getBytes(StandardCharsets.UTF_8).length;
        int length = body + 1;
        while (String.valueOf(length).length() + body != length) {
            length = String.valueOf(length).length() + body;
        }
        String pax = length + record;
        entry("PaxHeaders/" + Math.abs(name.hashCode()), pax.getBytes(StandardCharsets.UTF_8), 'x');
        return entry("pax-file", data, '0');
    }

    private TarBuilder entry(String name, byte[] data, char type) {
        byte[] header = header(name, data.length, type);
        checksum(header);
        out.write(header, 0, header.length);
        out.write(data, 0, data.length);
        int padding = (512 - data.length % 512) % 512;
        out.write(new byte[padding], 0, padding);
        return this;
    }

    private static byte[] header(String name, long size, char type) {
        byte[] header = new byte[512];
        put(header, 0, name, 100);
        put(header, 100, "0000644", 8);
        put(header, 108, "0001750", 8);
        put(header, 116, "0001750", 8);
        put(header, 124, String.format("%011o", size), 12);
        put(header, 136, "14530232651", 12);
        header[156] = (byte) type;
        put(header, 257, "ustar", 6);
        put(header, 263, "00", 2);
        put(header, 265, "user", 32);
        put(header, 297, "user", 32);
        return header;
    }

    private static void checksum(byte[] header) {
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xFF;
        }
        put(header, 148, String.format("%06o", sum), 7);
        header[155] = ' ';
    }

    private static void put(byte[] header, int offset, String value, int length) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, header, offset, Math.min(bytes.length, length));
    }

    /** The archive with its two zero blocks. */
    public byte[] tar() {
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        archive.write(out.toByteArray(), 0, out.size());
        archive.write(new byte[1024], 0, 1024);
        return archive.toByteArray();
    }

    public byte[] tgz() {
        return gzip(tar());
    }

    /** A tar.gz of one file of {@code size} zero bytes, written without holding the file in memory. */
    public static byte[] gzippedZeros(String name, long size) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed, 64 * 1024)) {
            byte[] header = header(name, size, '0');
            checksum(header);
            gzip.write(header);
            byte[] chunk = new byte[1 << 20];
            for (long left = size + (512 - size % 512) % 512 + 1024; left > 0; left -= chunk.length) {
                gzip.write(chunk, 0, (int) Math.min(left, chunk.length));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return compressed.toByteArray();
    }

    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return compressed.toByteArray();
    }
}

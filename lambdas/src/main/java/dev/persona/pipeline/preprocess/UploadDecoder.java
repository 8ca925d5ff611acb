package dev.persona.pipeline.preprocess;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

import dev.persona.pipeline.errors.MalformedUpload;
import dev.persona.pipeline.errors.UnsupportedEncoding;
import dev.persona.pipeline.errors.UploadTooLarge;

/**
 * Turns the raw bytes of an upload into UTF-8 text bytes: un-gzips when the content starts with the gzip
 * magic number, removes a UTF-8 byte order mark, transcodes UTF-16 with a byte order mark, and stops at the
 * size limit (which also defuses gzip bombs). The result supports mark/reset for format detection.
 */
final class UploadDecoder {

    static final int BUFFER = 64 * 1024;

    private UploadDecoder() {
    }

    /** The decoded text and what was found on the way. */
    record Decoded(BufferedInputStream text, boolean gzipped, String encoding, CountingInputStream counter) {
    }

    static Decoded decode(InputStream raw, long maxBytes) {
        try {
            BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER);
            boolean gzipped = startsWith(buffered, 0x1f, 0x8b);
            InputStream plain = gzipped ? new GzipFailures(buffered) : buffered;
            CountingInputStream counter = new CountingInputStream(plain, maxBytes);
            BufferedInputStream text = new BufferedInputStream(counter, BUFFER);
            String encoding = skipByteOrderMark(text);
            if (encoding.startsWith("UTF-16")) {
                Charset charset = encoding.equals("UTF-16BE") ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE;
                text = new BufferedInputStream(new Utf8Transcoder(new InputStreamReader(text, charset)), BUFFER);
            }
            return new Decoded(text, gzipped, encoding, counter);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean startsWith(BufferedInputStream in, int first, int second) throws IOException {
        in.mark(2);
        int a = in.read();
        int b = in.read();
        in.reset();
        return a == first && b == second;
    }

    /** Consumes a byte order mark, returning the encoding it announces (UTF-8 without one). */
    private static String skipByteOrderMark(BufferedInputStream in) throws IOException {
        in.mark(4);
        int[] b = {in.read(), in.read(), in.read(), in.read()};
        in.reset();
        if (b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
            in.skipNBytes(3);
            return "UTF-8 (BOM)";
        }
        if ((b[0] == 0x00 && b[1] == 0x00 && b[2] == 0xFE && b[3] == 0xFF)
                || (b[0] == 0xFF && b[1] == 0xFE && b[2] == 0x00 && b[3] == 0x00)) {
            throw new UnsupportedEncoding("The file is UTF-32 encoded. Save or export it as UTF-8 and upload it again.");
        }
        if (b[0] == 0xFE && b[1] == 0xFF) {
            in.skipNBytes(2);
            return "UTF-16BE";
        }
        if (b[0] == 0xFF && b[1] == 0xFE) {
            in.skipNBytes(2);
            return "UTF-16LE";
        }
        return "UTF-8";
    }

    /** Counts decompressed bytes and fails past the limit. */
    static final class CountingInputStream extends FilterInputStream {
        private final long limit;
        private long count;

        CountingInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(long n) {
            count += n;
            if (count > limit) {
                throw new UploadTooLarge("The file is larger than the limit of " + SizeFormat.bytes(limit)
                        + " once decompressed.");
            }
        }

        long count() {
            return count;
        }
    }

    /** Reports damaged or truncated gzip data as {@link MalformedUpload}. */
    private static final class GzipFailures extends InputStream {
        private final BufferedInputStream compressed;
        private GZIPInputStream gzip;

        GzipFailures(BufferedInputStream compressed) {
            this.compressed = compressed;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            try {
                if (gzip == null) {
                    gzip = new GZIPInputStream(compressed, BUFFER);
                }
                return gzip.read(b, off, len);
            } catch (IOException e) {
                throw new MalformedUpload("The file is gzip-compressed but the compressed data is damaged or "
                        + "truncated. Compress it again and upload the complete file.", e);
            }
        }

        @Override
        public void close() throws IOException {
            compressed.close();
        }
    }

    /** Re-encodes characters from a reader as UTF-8 bytes, so every parser reads one encoding. */
    private static final class Utf8Transcoder extends InputStream {
        private final Reader reader;
        private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        private final CharBuffer chars = CharBuffer.allocate(BUFFER);
        private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER * 3);
        private boolean eof;

        Utf8Transcoder(Reader reader) {
            this.reader = reader;
            chars.flip();
            bytes.flip();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (!bytes.hasRemaining()) {
                if (eof && !chars.hasRemaining()) {
                    return -1;
                }
                refill();
            }
            int n = Math.min(len, bytes.remaining());
            bytes.get(b, off, n);
            return n;
        }

        private void refill() throws IOException {
            chars.compact();
            int n = reader.read(chars);
            if (n < 0) {
                eof = true;
            }
            chars.flip();
            bytes.clear();
            CoderResult result = encoder.encode(chars, bytes, eof);
            if (result.isError()) {
                result.throwException();
            }
            bytes.flip();
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}

package dev.persona.pipeline.preprocess;

import java.io.BufferedInputStream;
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

import dev.persona.pipeline.errors.UnsupportedEncoding;

/**
 * Turns the (decompressed) bytes of one file into UTF-8 text bytes: removes a UTF-8 byte order mark and transcodes
 * UTF-16 with a byte order mark; UTF-32 is refused. The result supports mark/reset for format detection.
 */
final class TextDecoder {

    static final int BUFFER = 64 * 1024;

    private TextDecoder() {
    }

    /** The text and the encoding it was found in. */
    record Decoded(BufferedInputStream text, String encoding) {
    }

    static Decoded decode(InputStream bytes) {
        try {
            BufferedInputStream text = new BufferedInputStream(bytes, BUFFER);
            String encoding = skipByteOrderMark(text);
            if (encoding.startsWith("UTF-16")) {
                Charset charset = encoding.equals("UTF-16BE") ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE;
                text = new BufferedInputStream(new Utf8Transcoder(new InputStreamReader(text, charset)), BUFFER);
            }
            return new Decoded(text, encoding);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

package dev.persona.pipeline.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** gzip streams tuned for the pipeline's intermediate files. */
public final class Gzip {

    private static final int BUFFER = 64 * 1024;

    private Gzip() {
    }

    /**
     * A gzip writer at the fastest level: intermediate files are written once and read once, so
     * throughput matters more than the last percent of size (JSON Lines still shrinks about six times).
     */
    public static Writer fastWriter(OutputStream out) {
        return new Writer(out);
    }

    public static InputStream reader(InputStream in) throws IOException {
        return new BufferedInputStream(new GZIPInputStream(in, BUFFER), BUFFER);
    }

    /**
     * Compresses into a stream it does not own. Small writes are gathered into 64 KiB chunks first, since
     * every call into zlib has a fixed cost. {@link #complete()} writes the trailer; {@link #close()} only
     * releases the compressor, so closing after a failure never writes to the destination.
     */
    public static final class Writer extends OutputStream {
        private final Deflating gzip;
        private final byte[] pending = new byte[BUFFER];
        private int count;
        private boolean released;

        private Writer(OutputStream out) {
            try {
                gzip = new Deflating(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void write(int b) {
            if (count == pending.length) {
                drain();
            }
            pending[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (len > pending.length - count) {
                drain();
                if (len > pending.length) {
                    deflate(b, off, len);
                    return;
                }
            }
            System.arraycopy(b, off, pending, count, len);
            count += len;
        }

        private void drain() {
            deflate(pending, 0, count);
            count = 0;
        }

        private void deflate(byte[] b, int off, int len) {
            try {
                gzip.write(b, off, len);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Finishes the gzip stream; the destination stays open. */
        public void complete() {
            drain();
            try {
                gzip.finish();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                gzip.release();
            }
        }
    }

    private static final class Deflating extends GZIPOutputStream {
        Deflating(OutputStream out) throws IOException {
            super(out, BUFFER);
            def.setLevel(Deflater.BEST_SPEED);
        }

        void release() {
            def.end();
        }
    }
}

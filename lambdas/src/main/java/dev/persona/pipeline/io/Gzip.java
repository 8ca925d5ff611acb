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
     * throughput matters more than the last percent of size (JSON Lines still shrinks several times).
     */
    public static Writer fastWriter(OutputStream out) {
        try {
            return new Writer(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static InputStream reader(InputStream in) throws IOException {
        return new BufferedInputStream(new GZIPInputStream(in, BUFFER), BUFFER);
    }

    /**
     * Compresses into a stream it does not own: {@link #complete()} writes the trailer; {@link #close()}
     * only releases the compressor, so closing after a failure never writes to the destination.
     */
    public static final class Writer extends GZIPOutputStream {
        private boolean released;

        private Writer(OutputStream out) throws IOException {
            super(out, BUFFER);
            def.setLevel(Deflater.BEST_SPEED);
        }

        /** Finishes the gzip stream; the destination stays open. */
        public void complete() {
            try {
                finish();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                def.end();
            }
        }
    }
}

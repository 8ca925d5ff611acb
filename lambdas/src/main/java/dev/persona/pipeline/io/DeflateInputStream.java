package dev.persona.pipeline.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import dev.persona.pipeline.errors.MalformedUpload;

/**
 * Raw DEFLATE data (a zip entry's) inflated from a source that ends where the compressed data ends, with the
 * compressed bytes consumed known exactly, so {@link DecompressionLimits} stop a bomb early.
 */
public final class DeflateInputStream extends BulkInputStream {

    private static final int BUFFER = 64 * 1024;

    private final InputStream source;
    private final DecompressionLimits limits;
    private final Inflater inflater = new Inflater(true);
    private final byte[] input = new byte[BUFFER];
    private boolean released;

    public DeflateInputStream(InputStream source, DecompressionLimits limits) {
        this.source = source;
        this.limits = limits;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        try {
            while (true) {
                if (inflater.finished()) {
                    return -1;
                }
                if (inflater.needsInput()) {
                    int n = source.read(input, 0, input.length);
                    if (n < 0) {
                        throw damaged(null);
                    }
                    inflater.setInput(input, 0, n);
                }
                int produced = inflater.inflate(b, off, len);
                if (produced > 0) {
                    limits.check(inflater.getBytesRead(), inflater.getBytesWritten());
                    return produced;
                }
                if (inflater.needsDictionary()) {
                    throw damaged(null);
                }
            }
        } catch (DataFormatException e) {
            throw damaged(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MalformedUpload damaged(Throwable cause) {
        return new MalformedUpload("The compressed data is damaged or truncated.", cause);
    }

    @Override
    public void close() {
        if (!released) {
            released = true;
            inflater.end();
        }
    }
}

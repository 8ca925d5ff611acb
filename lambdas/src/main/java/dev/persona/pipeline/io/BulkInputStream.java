package dev.persona.pipeline.io;

import java.io.InputStream;

/**
 * An input stream whose only real read is the bulk one: the single-byte read goes through it, and neither throws
 * {@link java.io.IOException} (failures in the pipeline's streams are its own named or unchecked exceptions).
 */
public abstract class BulkInputStream extends InputStream {

    @Override
    public final int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public abstract int read(byte[] b, int off, int len);
}

package dev.persona.storage;

import java.io.OutputStream;

/**
 * A streamed object write. Bytes go to {@code write}; {@link #commit()} makes the object appear;
 * {@link #close()} without a commit discards everything written, so a failed step leaves nothing behind.
 */
public abstract class ObjectWriter extends OutputStream {

    /** Buffers or uploads bytes; storage failures are unchecked ({@link StorageUnavailableException}). */
    @Override
    public abstract void write(byte[] b, int off, int len);

    @Override
    public abstract void write(int b);

    /** Finishes the object and makes it visible. */
    public abstract void commit();

    /** Discards the object unless it was committed. Never throws for an abort. */
    @Override
    public abstract void close();
}

package dev.persona.pipeline.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The unread bytes {@code [start, end)} of a stream in a buffer that slides and grows: {@link #fill()} moves
 * them to the front, doubles the buffer when it is full (up to a limit) and reads more. Readers parse
 * directly in {@link #buffer}.
 */
public final class ByteWindow {

    private final InputStream in;
    private final int maxSize;
    public byte[] buffer = new byte[64 * 1024];
    public int start;
    public int end;
    private boolean eof;

    public ByteWindow(InputStream in, int maxSize) {
        this.in = in;
        this.maxSize = maxSize;
    }

    /** Reads more; returns how far unread bytes moved towards the front (subtract it from saved positions). */
    public int fill() {
        int shift = start;
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, maxSize));
        }
        try {
            int n = in.read(buffer, end, buffer.length - end);
            if (n < 0) {
                eof = true;
            } else {
                end += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return shift;
    }

    public boolean eof() {
        return eof;
    }

    /** Bytes available past {@code start}. */
    public int available() {
        return end - start;
    }
}

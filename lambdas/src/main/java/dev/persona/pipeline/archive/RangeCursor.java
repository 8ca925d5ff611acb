package dev.persona.pipeline.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import dev.persona.pipeline.errors.MalformedUpload;
import dev.persona.pipeline.io.BulkInputStream;

/**
 * Reads an object front to back through ranged reads: one open range serves consecutive entries, and a jump
 * farther than {@value #REOPEN_DISTANCE} bytes (past a large entry that is not needed) opens a new range instead
 * of downloading the bytes in between.
 */
final class RangeCursor implements AutoCloseable {

    static final long REOPEN_DISTANCE = 4L * 1024 * 1024;
    private static final int BUFFER = 64 * 1024;

    private final ZipArchive.RangeSource source;
    private final long end;
    private InputStream current;
    private long position;

    RangeCursor(ZipArchive.RangeSource source, long end) {
        this.source = source;
        this.end = end;
    }

    long position() {
        return position;
    }

    /** Moves forward to {@code target}, which must not lie behind the current position. */
    void seek(long target) {
        if (target > end) {
            throw new MalformedUpload("The zip archive is damaged: an entry lies outside it.");
        }
        if (current != null && target - position <= REOPEN_DISTANCE) {
            skip(target - position);
            return;
        }
        close();
        current = new BufferedInputStream(source.open(target, end - target), BUFFER);
        position = target;
    }

    int read(byte[] b, int off, int len) {
        try {
            int n = current.read(b, off, (int) Math.min(len, end - position));
            if (n > 0) {
                position += n;
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads exactly {@code len} bytes or fails as a truncated archive. */
    void readFully(byte[] b, int off, int len) {
        while (len > 0) {
            int n = read(b, off, len);
            if (n <= 0) {
                throw truncated();
            }
            off += n;
            len -= n;
        }
    }

    private void skip(long count) {
        byte[] scratch = new byte[(int) Math.min(count, BUFFER)];
        while (count > 0) {
            int n = read(scratch, 0, (int) Math.min(count, scratch.length));
            if (n <= 0) {
                throw truncated();
            }
            count -= n;
        }
    }

    /** The next {@code length} bytes as a stream of their own; reading it advances this cursor. */
    InputStream slice(long length) {
        long sliceEnd = position + length;
        return new BulkInputStream() {
            @Override
            public int read(byte[] b, int off, int len) {
                long left = sliceEnd - position;
                if (left <= 0) {
                    return -1;
                }
                int n = RangeCursor.this.read(b, off, (int) Math.min(len, left));
                if (n < 0) {
                    throw truncated();
                }
                return n;
            }
        };
    }

    private static MalformedUpload truncated() {
        return new MalformedUpload("The zip archive is damaged or truncated: an entry ends before its data does.");
    }

    @Override
    public void close() {
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            current = null;
        }
    }
}

package dev.persona.pipeline.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import dev.persona.pipeline.errors.MalformedUpload;

/**
 * Decompresses gzip data (RFC 1952), member after member as {@code gzip -d} does, checking every member's
 * CRC-32 and length. Counts the compressed bytes it consumed, so {@link DecompressionLimits} stop a compression
 * bomb after a few megabytes of output rather than at the upload's size limit. Bytes after the last member that
 * do not start another member are ignored, as gzip ignores trailing garbage. Damaged or truncated data is a
 * {@link MalformedUpload}.
 */
public final class GzipDecoder extends BulkInputStream {

    private static final int BUFFER = 64 * 1024;
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private enum State { HEADER, DATA, DONE }

    private final InputStream source;
    private final DecompressionLimits limits;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] buffer = new byte[BUFFER];
    private int position;
    private int limit;
    private boolean sourceEnded;
    private State state = State.HEADER;
    private int members;
    /** Compressed bytes of finished members and of the current member's header. */
    private long consumedBefore;
    private long produced;
    /** Bytes taken from the buffer one at a time (headers and trailers), to count header bytes. */
    private long bytesTaken;
    private boolean released;

    public GzipDecoder(InputStream source, DecompressionLimits limits) {
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
                switch (state) {
                    case DONE -> {
                        return -1;
                    }
                    case HEADER -> {
                        if (!readHeader()) {
                            state = State.DONE;
                            return -1;
                        }
                        state = State.DATA;
                    }
                    case DATA -> {
                        int n = inflate(b, off, len);
                        if (n > 0) {
                            return n;
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compressed bytes consumed so far. */
    public long compressedBytes() {
        return consumedBefore + (state == State.DATA ? inflater.getBytesRead() : 0);
    }

    private int inflate(byte[] b, int off, int len) throws IOException {
        if (inflater.needsInput()) {
            if (!fill()) {
                throw damaged(null);
            }
            inflater.setInput(buffer, position, limit - position);
            position = limit;
        }
        int n;
        try {
            n = inflater.inflate(b, off, len);
        } catch (DataFormatException e) {
            throw damaged(e);
        }
        if (n > 0) {
            crc.update(b, off, n);
            produced += n;
            limits.check(compressedBytes(), produced);
        }
        if (inflater.finished()) {
            position = limit - inflater.getRemaining();
            endMember();
        } else if (n == 0 && inflater.needsDictionary()) {
            throw damaged(null);
        }
        return n;
    }

    private void endMember() throws IOException {
        long expectedCrc = readInt() & 0xFFFFFFFFL;
        long expectedSize = readInt() & 0xFFFFFFFFL;
        if (expectedCrc != crc.getValue() || expectedSize != (inflater.getBytesWritten() & 0xFFFFFFFFL)) {
            throw damaged(null);
        }
        consumedBefore += inflater.getBytesRead() + 8;
        inflater.reset();
        crc.reset();
        state = State.HEADER;
    }

    /** Reads a member header; false at the end of the data (or at trailing bytes that are no member). */
    private boolean readHeader() throws IOException {
        if (!fill()) {
            if (members == 0) {
                throw damaged(null);
            }
            return false;
        }
        int first = buffer[position] & 0xFF;
        if (members > 0 && first != 0x1f) {
            return false;
        }
        long start = bytesTaken;
        if (readByte() != 0x1f || readByte() != 0x8b || readByte() != 8) {
            if (members > 0) {
                return false;
            }
            throw damaged(null);
        }
        int flags = readByte();
        if ((flags & 0xE0) != 0) {
            throw damaged(null);
        }
        skip(6);
        if ((flags & FEXTRA) != 0) {
            skip(readByte() | readByte() << 8);
        }
        if ((flags & FNAME) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FCOMMENT) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FHCRC) != 0) {
            skip(2);
        }
        consumedBefore += bytesTaken - start;
        members++;
        return true;
    }

    private int readByte() throws IOException {
        if (position == limit && !fill()) {
            throw damaged(null);
        }
        bytesTaken++;
        return buffer[position++] & 0xFF;
    }

    private int readInt() throws IOException {
        return readByte() | readByte() << 8 | readByte() << 16 | readByte() << 24;
    }

    private void skip(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            readByte();
        }
    }

    private void skipZeroTerminated() throws IOException {
        while (readByte() != 0) {
            // the name or comment is not needed
        }
    }

    /** Makes sure unread bytes are buffered; false at the end of the source. */
    private boolean fill() throws IOException {
        if (position < limit) {
            return true;
        }
        if (sourceEnded) {
            return false;
        }
        int n = source.read(buffer, 0, buffer.length);
        if (n <= 0) {
            sourceEnded = n < 0;
            position = 0;
            limit = 0;
            return !sourceEnded && fill();
        }
        position = 0;
        limit = n;
        return true;
    }

    private static MalformedUpload damaged(Throwable cause) {
        return new MalformedUpload("The file is gzip-compressed but the compressed data is damaged or truncated. "
                + "Compress it again and upload the complete file.", cause);
    }

    @Override
    public void close() throws IOException {
        if (!released) {
            released = true;
            inflater.end();
        }
        source.close();
    }
}

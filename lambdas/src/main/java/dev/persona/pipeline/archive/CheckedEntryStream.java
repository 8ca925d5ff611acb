package dev.persona.pipeline.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.CRC32;

import dev.persona.pipeline.errors.MalformedUpload;
import dev.persona.pipeline.io.BulkInputStream;

/**
 * An entry's uncompressed bytes, held to what the archive declares: never more bytes than its size, and at the
 * end exactly that size and CRC-32. Closing it releases the decompressor but leaves the archive open.
 */
final class CheckedEntryStream extends BulkInputStream {

    private final InputStream data;
    private final long size;
    private final long expectedCrc;
    private final CRC32 crc = new CRC32();
    private long count;
    private boolean closed;

    CheckedEntryStream(InputStream data, long size, long expectedCrc) {
        this.data = data;
        this.size = size;
        this.expectedCrc = expectedCrc;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (closed) {
            return -1;
        }
        int n;
        try {
            n = data.read(b, off, len);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (n > 0) {
            count += n;
            if (count > size) {
                throw damaged();
            }
            crc.update(b, off, n);
        } else if (n < 0 && (count != size || crc.getValue() != expectedCrc)) {
            throw damaged();
        }
        return n;
    }

    private static MalformedUpload damaged() {
        return new MalformedUpload("The zip archive is damaged: an entry's data does not match its size or checksum.");
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                data.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

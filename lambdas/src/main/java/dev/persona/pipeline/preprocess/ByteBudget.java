package dev.persona.pipeline.preprocess;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import dev.persona.pipeline.errors.UploadTooLarge;
import dev.persona.pipeline.io.SizeFormat;

/**
 * The upload limit applied after decompression: every byte read out of the upload, whether plain, un-gzipped or
 * out of an archive's entries, counts against one budget.
 */
final class ByteBudget {

    private final long limit;
    private long used;

    ByteBudget(long limit) {
        this.limit = limit;
    }

    long used() {
        return used;
    }

    /** {@code in}, counted. */
    InputStream counted(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    add(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    add(n);
                }
                return n;
            }
        };
    }

    private void add(long n) {
        used += n;
        if (used > limit) {
            throw new UploadTooLarge("The file is larger than the limit of " + SizeFormat.bytes(limit)
                    + " once decompressed.");
        }
    }
}

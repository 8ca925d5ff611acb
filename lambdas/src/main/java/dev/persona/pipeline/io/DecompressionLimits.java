package dev.persona.pipeline.io;

import java.util.Locale;

import dev.persona.pipeline.errors.CompressionRatioTooHigh;

/**
 * How far compressed upload data may expand: past {@code graceBytes} of output, never more than
 * {@code maxRatio} bytes out per compressed byte in. Real activity exports (text, HTML, JSON) compress 5 to 30
 * times; DEFLATE's ceiling is about 1,030, which is what compression bombs use. Checked after every inflate
 * call, so a bomb stops within the grace (or the ratio times the input read so far), not at the size limit.
 *
 * @param maxRatio   most uncompressed bytes per compressed byte
 * @param graceBytes output below which the ratio is not checked: small, very repetitive files are fine
 */
public record DecompressionLimits(double maxRatio, long graceBytes) {

    public static final DecompressionLimits DEFAULT = new DecompressionLimits(200, 1024 * 1024);

    public DecompressionLimits {
        if (maxRatio < 1 || graceBytes < 0) {
            throw new IllegalArgumentException("maxRatio must be at least 1 and graceBytes not negative");
        }
    }

    /** Fails once {@code uncompressed} bytes came out of only {@code compressed} bytes. */
    public void check(long compressed, long uncompressed) {
        if (uncompressed > graceBytes && uncompressed > maxRatio * Math.max(compressed, 1)) {
            throw new CompressionRatioTooHigh(String.format(Locale.ROOT, "The compressed data expands more than "
                    + "%.0f times, far more than real activity exports do, so it was not decompressed further. "
                    + "Upload the file uncompressed, or compress it again with a standard tool.", maxRatio));
        }
    }
}

package dev.persona.pipeline.io;

import java.util.Locale;

/** Human-readable sizes for user-facing messages. */
public final class SizeFormat {

    private SizeFormat() {
    }

    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return (value == Math.rint(value) ? String.format(Locale.ROOT, "%d", (long) value)
                : String.format(Locale.ROOT, "%.1f", value)) + " " + units[unit];
    }
}

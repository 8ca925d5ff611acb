package dev.persona.pipeline.io;

/**
 * Formats epoch milliseconds as ISO-8601 UTC ({@code 2024-03-01T10:15:30Z}, with {@code .SSS} only when
 * non-zero) without java.time allocation; the pipeline formats one per record.
 */
public final class IsoInstant {

    private static final long MILLIS_PER_DAY = 86_400_000L;
    /** Longest formatted instant for years 0000–9999: {@code yyyy-MM-ddTHH:mm:ss.SSSZ}. */
    static final int MAX_LENGTH = 24;

    private IsoInstant() {
    }

    public static String format(long epochMillis) {
        byte[] out = new byte[MAX_LENGTH];
        int length = write(epochMillis, out, 0);
        return new String(out, 0, length, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Writes the instant as ASCII at {@code p}; returns the position after it. */
    static int write(long epochMillis, byte[] out, int p) {
        long days = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
        int millisOfDay = (int) Math.floorMod(epochMillis, MILLIS_PER_DAY);
        long[] ymd = civilFromDays(days);
        p = digits(out, p, (int) ymd[0], 4);
        out[p++] = '-';
        p = digits(out, p, (int) ymd[1], 2);
        out[p++] = '-';
        p = digits(out, p, (int) ymd[2], 2);
        out[p++] = 'T';
        int seconds = millisOfDay / 1000;
        p = digits(out, p, seconds / 3600, 2);
        out[p++] = ':';
        p = digits(out, p, seconds / 60 % 60, 2);
        out[p++] = ':';
        p = digits(out, p, seconds % 60, 2);
        int millis = millisOfDay % 1000;
        if (millis != 0) {
            out[p++] = '.';
            p = digits(out, p, millis, 3);
        }
        out[p++] = 'Z';
        return p;
    }

    /** Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm). */
    public static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yoe = y - era * 400;
        int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return (long) era * 146097 + doe - 719468;
    }

    /** {year, month, day} of days since 1970-01-01. */
    public static long[] civilFromDays(long days) {
        long z = days + 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long day = doy - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        return new long[] {year, month, day};
    }

    private static int digits(byte[] out, int p, int value, int width) {
        for (int i = width - 1; i >= 0; i--) {
            out[p + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return p + width;
    }
}

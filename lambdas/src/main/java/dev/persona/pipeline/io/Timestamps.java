package dev.persona.pipeline.io;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneRules;

/**
 * Parses the timestamp forms uploads use, without java.time on the common paths:
 * <ul>
 *   <li>ISO-8601 date-time with {@code T} or a space, optional seconds and fraction, with {@code Z},
 *       {@code ±HH:mm}, {@code ±HHmm} or {@code ±HH}, or without an offset ({@code yyyy-MM-dd HH:mm:ss});</li>
 *   <li>a date alone ({@code yyyy-MM-dd}): midnight, flagged as date-only;</li>
 *   <li>epoch seconds (up to 11 digits), milliseconds (12–14) or microseconds (15–17), with an optional fraction;</li>
 *   <li>RFC 1123 ({@code Tue, 3 Jun 2008 11:05:30 GMT}).</li>
 * </ul>
 * Times without an offset are read in the given zone.
 */
public final class Timestamps {

    /** Sentinel for {@link Parsed#offsetSeconds} when the text had no offset. */
    public static final int NO_OFFSET = Integer.MIN_VALUE;

    private Timestamps() {
    }

    /** A parse result, reused to spare an allocation per record. */
    public static final class Parsed {
        public long epochMillis;
        public boolean dateOnly;
        /** The offset written in the text, or {@link #NO_OFFSET}. */
        public int offsetSeconds;
        /** True when the text was a time of day only ({@code HH:mm[:ss]}), with no date. */
        public boolean timeOfDayOnly;
        public int secondOfDay;
    }

    /** Parses {@code text}; false when it is in no supported form or names an impossible date. */
    public static boolean parse(String text, ZoneId localZone, Parsed out) {
        out.dateOnly = false;
        out.offsetSeconds = NO_OFFSET;
        out.timeOfDayOnly = false;
        String s = text.strip();
        int n = s.length();
        if (n == 0) {
            return false;
        }
        char c0 = s.charAt(0);
        if (n >= 10 && isDigit(c0) && (s.charAt(4) == '-' || s.charAt(4) == '/')) {
            return parseIso(s, localZone, out);
        }
        if (isDigit(c0) && n <= 8 && s.indexOf(':') > 0) {
            return parseTimeOfDay(s, out);
        }
        if (isDigit(c0)) {
            return parseEpoch(s, out);
        }
        return parseRfc1123(s, out);
    }

    /** Reads our own canonical {@code yyyy-MM-ddTHH:mm:ss[.SSS]Z}. */
    public static long parseCanonical(String text) {
        Parsed parsed = new Parsed();
        if (!parse(text, ZoneOffset.UTC, parsed)) {
            throw new IllegalArgumentException("not an ISO-8601 instant: " + text);
        }
        return parsed.epochMillis;
    }

    private static boolean parseIso(String s, ZoneId zone, Parsed out) {
        int n = s.length();
        char separator = s.charAt(4);
        if (s.charAt(7) != separator) {
            return false;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
            return false;
        }
        long days = IsoInstant.daysFromCivil(year, month, day);
        if (n == 10) {
            out.dateOnly = true;
            return toEpoch(days, 0, 0, zone, out);
        }
        char t = s.charAt(10);
        if (t != 'T' && t != 't' && t != ' ') {
            return false;
        }
        int p = 11;
        if (n < p + 5 || s.charAt(p + 2) != ':') {
            return false;
        }
        int hour = digits(s, p, 2);
        int minute = digits(s, p + 3, 2);
        int second = 0;
        int nanos = 0;
        p += 5;
        if (p < n && s.charAt(p) == ':') {
            second = digits(s, p + 1, 2);
            p += 3;
            if (p < n && (s.charAt(p) == '.' || s.charAt(p) == ',')) {
                int q = p + 1;
                int scale = 100_000_000;
                while (q < n && isDigit(s.charAt(q))) {
                    if (scale > 0) {
                        nanos += (s.charAt(q) - '0') * scale;
                        scale /= 10;
                    }
                    q++;
                }
                if (q == p + 1) {
                    return false;
                }
                p = q;
            }
        }
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return false;
        }
        int secondOfDay = hour * 3600 + minute * 60 + second;
        int millis = nanos / 1_000_000;
        if (p == n) {
            return toEpoch(days, secondOfDay, millis, zone, out);
        }
        if (s.charAt(p) == ' ' && p + 1 < n) {
            p++;
        }
        int offset = parseOffset(s, p);
        if (offset == NO_OFFSET) {
            return false;
        }
        out.offsetSeconds = offset;
        out.epochMillis = (days * 86_400 + secondOfDay - offset) * 1000 + millis;
        return true;
    }

    /** {@code Z}, {@code UTC}, {@code GMT}, {@code ±HH}, {@code ±HHmm} or {@code ±HH:mm} filling the rest of s. */
    private static int parseOffset(String s, int p) {
        int length = s.length() - p;
        if (length == 1 && (s.charAt(p) == 'Z' || s.charAt(p) == 'z')) {
            return 0;
        }
        if (length == 3 && (s.startsWith("UTC", p) || s.startsWith("GMT", p))) {
            return 0;
        }
        char sign = length == 0 ? ' ' : s.charAt(p);
        if (sign != '+' && sign != '-') {
            return NO_OFFSET;
        }
        int hours;
        int minutes = 0;
        switch (length) {
            case 3 -> hours = digits(s, p + 1, 2);
            case 5 -> {
                hours = digits(s, p + 1, 2);
                minutes = digits(s, p + 3, 2);
            }
            case 6 -> {
                if (s.charAt(p + 3) != ':') {
                    return NO_OFFSET;
                }
                hours = digits(s, p + 1, 2);
                minutes = digits(s, p + 4, 2);
            }
            default -> {
                return NO_OFFSET;
            }
        }
        if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
            return NO_OFFSET;
        }
        int seconds = hours * 3600 + minutes * 60;
        return sign == '-' ? -seconds : seconds;
    }

    private static boolean toEpoch(long days, int secondOfDay, int millis, ZoneId zone, Parsed out) {
        long localSeconds = days * 86_400 + secondOfDay;
        int offset;
        ZoneRules rules = zone.getRules();
        if (rules.isFixedOffset()) {
            offset = rules.getOffset(java.time.Instant.EPOCH).getTotalSeconds();
        } else {
            LocalDateTime local = LocalDateTime.ofEpochSecond(localSeconds, 0, ZoneOffset.UTC);
            offset = ZonedDateTime.of(local, zone).getOffset().getTotalSeconds();
        }
        out.epochMillis = (localSeconds - offset) * 1000 + millis;
        return true;
    }

    private static boolean parseTimeOfDay(String s, Parsed out) {
        int n = s.length();
        if ((n != 5 && n != 8) || s.charAt(2) != ':' || (n == 8 && s.charAt(5) != ':')) {
            return false;
        }
        int hour = digits(s, 0, 2);
        int minute = digits(s, 3, 2);
        int second = n == 8 ? digits(s, 6, 2) : 0;
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return false;
        }
        out.timeOfDayOnly = true;
        out.secondOfDay = hour * 3600 + minute * 60 + second;
        return true;
    }

    private static boolean parseEpoch(String s, Parsed out) {
        int dot = s.indexOf('.');
        String whole = dot < 0 ? s : s.substring(0, dot);
        String fraction = dot < 0 ? "" : s.substring(dot + 1);
        if (whole.isEmpty() || whole.length() > 17 || !allDigits(whole) || !allDigits(fraction)) {
            return false;
        }
        long value = Long.parseLong(whole);
        int length = whole.length();
        double fractionValue = fraction.isEmpty() ? 0 : Double.parseDouble("0." + fraction);
        if (length <= 11) {
            out.epochMillis = value * 1000 + Math.round(fractionValue * 1000);
        } else if (length <= 14) {
            out.epochMillis = value;
        } else {
            out.epochMillis = value / 1000;
        }
        return true;
    }

    private static boolean parseRfc1123(String s, Parsed out) {
        // The shortest RFC 1123 time ("1 Jan 2008 11:05 GMT") has 20 characters and a colon: anything else is not
        // one, and is refused without the formatter's exception.
        if (s.length() < 20 || s.indexOf(':') < 0) {
            return false;
        }
        try {
            ZonedDateTime parsed = ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME);
            out.epochMillis = parsed.toInstant().toEpochMilli();
            out.offsetSeconds = parsed.getOffset().getTotalSeconds();
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static int digits(String s, int from, int count) {
        if (from + count > s.length()) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }
}

package dev.persona.pipeline.preprocess;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.persona.pipeline.io.IsoInstant;
import dev.persona.pipeline.io.Timestamps;

/**
 * The timestamps of Takeout's English HTML: {@code Jan 5, 2024, 9:14:03 PM CET} (United States English) and
 * {@code 5 Jan 2024, 21:14:03 GMT} (British and most other English), with {@code Sept}, {@code a.m./p.m.}, any case,
 * and narrow or ordinary no-break spaces. Old exports have no zone: their times are read in the declared zone, else
 * UTC, like other times without an offset.
 *
 * <p>The zone is an English abbreviation, or {@code GMT}/{@code UTC} with an offset ({@code GMT+5:30}). An
 * abbreviation means the declared zone when that zone has this abbreviation at that time (how {@code IST} in an
 * upload declared as Asia/Kolkata is India's); otherwise it must name one offset in the JDK's English zone names
 * (CLDR, the data Google formats with): {@code CET} is +01:00 wherever it is used, but {@code IST}, {@code CST} and
 * {@code AST} name zones on different continents and are refused rather than guessed.
 */
final class TakeoutHtmlTime {

    /** How reading a timestamp ended. */
    enum Result { PARSED, UNREADABLE, AMBIGUOUS_ZONE }

    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
        "nov", "dec"};

    private final ZoneId declaredZone;
    private final ZoneId localZone;
    /** Abbreviation → offset seconds (or {@link Timestamps#NO_OFFSET} when ambiguous), filled as abbreviations come. */
    private final Map<String, Integer> resolved = new HashMap<>();
    private final String[] tokens = new String[8];

    /**
     * @param declaredZone the zone declared with the upload, or null
     */
    TakeoutHtmlTime(ZoneId declaredZone) {
        this.declaredZone = declaredZone;
        this.localZone = declaredZone == null ? ZoneOffset.UTC : declaredZone;
    }

    /** Reads {@code text} into {@code out} (epoch milliseconds and the offset written, if any). */
    Result parse(String text, Timestamps.Parsed out) {
        out.dateOnly = false;
        out.timeOfDayOnly = false;
        out.offsetSeconds = Timestamps.NO_OFFSET;
        int count = tokenize(text);
        if (count < 4) {
            return Result.UNREADABLE;
        }
        int month;
        int day;
        if (isLetter(tokens[0].charAt(0))) {
            month = month(tokens[0]);
            day = number(tokens[1]);
        } else {
            day = number(tokens[0]);
            month = month(tokens[1]);
        }
        int year = number(tokens[2]);
        int[] clock = clock(tokens[3]);
        if (month < 1 || year < 1000 || year > 9999 || day < 1 || day > Month.of(month).length(isLeap(year))
                || clock == null) {
            return Result.UNREADABLE;
        }
        int next = 4;
        int hour = clock[0];
        if (next < count && meridiem(tokens[next]) != 0) {
            int meridiem = meridiem(tokens[next++]);
            if (hour < 1 || hour > 12) {
                return Result.UNREADABLE;
            }
            hour = hour % 12 + (meridiem == 2 ? 12 : 0);
        } else if (hour > 23) {
            return Result.UNREADABLE;
        }
        long localSeconds = IsoInstant.daysFromCivil(year, month, day) * 86_400L + hour * 3600L + clock[1] * 60L
                + clock[2];
        if (next == count) {
            out.epochMillis = (localSeconds - offsetAt(localZone, localSeconds)) * 1000;
            return Result.PARSED;
        }
        if (next != count - 1) {
            return Result.UNREADABLE;
        }
        String zone = tokens[next];
        int offset = gmtOffset(zone);
        if (offset == Timestamps.NO_OFFSET) {
            offset = abbreviationOffset(zone, localSeconds);
            if (offset == Timestamps.NO_OFFSET) {
                return isKnownAbbreviation(zone) ? Result.AMBIGUOUS_ZONE : Result.UNREADABLE;
            }
        }
        out.offsetSeconds = offset;
        out.epochMillis = (localSeconds - offset) * 1000;
        return Result.PARSED;
    }

    /** True when the text has an English month name where Takeout's English dates have it. */
    static boolean hasEnglishMonth(String text) {
        TakeoutHtmlTime probe = new TakeoutHtmlTime(null);
        int count = probe.tokenize(text);
        if (count < 2) {
            return false;
        }
        return month(probe.tokens[0]) > 0 || month(probe.tokens[1]) > 0;
    }

    /** Splits on spaces (any kind) and commas; returns the token count, at most 8. */
    private int tokenize(String text) {
        int count = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && isSeparator(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSeparator(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                if (count == tokens.length) {
                    return 0;
                }
                tokens[count++] = text.substring(start, i);
            }
        }
        return count;
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == ',' || c == '\u00A0' || c == '\u202F' || c == '\u2009' || c == '\u2003';
    }

    private static boolean isLetter(char c) {
        return Character.isLetter(c);
    }

    /**
     * 1–12 for an English month name or abbreviation (with or without a period), else 0. English writes months
     * capitalized ({@code Mar}); the same letters in lower case ({@code mar}) are Spanish, Italian or Portuguese.
     */
    static int month(String token) {
        String name = token.endsWith(".") ? token.substring(0, token.length() - 1) : token;
        if (name.length() < 3 || !Character.isUpperCase(name.charAt(0))
                || !name.substring(1).equals(name.substring(1).toLowerCase(Locale.ROOT))) {
            return 0;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (int m = 0; m < 12; m++) {
            if (lower.startsWith(MONTHS[m])) {
                String full = Month.of(m + 1).getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
                if (lower.length() == 3 || full.equals(lower) || (m == 8 && lower.equals("sept"))) {
                    return m + 1;
                }
            }
        }
        return 0;
    }

    private static int number(String token) {
        if (token.isEmpty() || token.length() > 4) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** {@code h:mm:ss} or {@code h:mm} as hour, minute, second; null otherwise. */
    private static int[] clock(String token) {
        String[] parts = token.split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
            return null;
        }
        int hour = number(parts[0]);
        int minute = parts[1].length() == 2 ? number(parts[1]) : -1;
        int second = parts.length == 3 ? (parts[2].length() == 2 ? number(parts[2]) : -1) : 0;
        if (hour < 0 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        return new int[] {hour, minute, second};
    }

    /** 1 for AM, 2 for PM (any case, with or without periods), 0 otherwise. */
    private static int meridiem(String token) {
        String t = token.replace(".", "").toLowerCase(Locale.ROOT);
        return t.equals("am") ? 1 : t.equals("pm") ? 2 : 0;
    }

    /** {@code GMT}, {@code UTC}, {@code Z}, or one of them with an offset such as {@code +5:30} or {@code -08:00}. */
    private static int gmtOffset(String zone) {
        String upper = zone.toUpperCase(Locale.ROOT);
        if (upper.equals("GMT") || upper.equals("UTC") || upper.equals("Z")) {
            return 0;
        }
        if (!(upper.startsWith("GMT") || upper.startsWith("UTC")) || upper.length() < 5) {
            return Timestamps.NO_OFFSET;
        }
        char sign = upper.charAt(3);
        if (sign != '+' && sign != '-' && sign != '\u2212') {
            return Timestamps.NO_OFFSET;
        }
        String[] parts = upper.substring(4).split(":", -1);
        int hours = number(parts[0]);
        int minutes = parts.length == 2 ? number(parts[1]) : parts.length == 1 ? 0 : -1;
        if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59 || parts[0].length() > 2) {
            return Timestamps.NO_OFFSET;
        }
        int seconds = hours * 3600 + minutes * 60;
        return sign == '+' ? seconds : -seconds;
    }

    private int abbreviationOffset(String zone, long localSeconds) {
        if (declaredZone != null && zone.equals(englishAbbreviation(declaredZone, localSeconds))) {
            return offsetAt(declaredZone, localSeconds);
        }
        return resolved.computeIfAbsent(zone, z -> {
            Set<Integer> offsets = Abbreviations.OFFSETS.get(z);
            return offsets != null && offsets.size() == 1 ? offsets.iterator().next() : Timestamps.NO_OFFSET;
        });
    }

    private static boolean isKnownAbbreviation(String zone) {
        return Abbreviations.OFFSETS.containsKey(zone);
    }

    private static String englishAbbreviation(ZoneId zone, long localSeconds) {
        ZonedDateTime time = ZonedDateTime.of(LocalDateTime.ofEpochSecond(localSeconds, 0, ZoneOffset.UTC), zone);
        return Abbreviations.SHORT_NAME.format(time);
    }

    private static int offsetAt(ZoneId zone, long localSeconds) {
        if (zone.getRules().isFixedOffset()) {
            return zone.getRules().getOffset(Instant.EPOCH).getTotalSeconds();
        }
        return ZonedDateTime.of(LocalDateTime.ofEpochSecond(localSeconds, 0, ZoneOffset.UTC), zone).getOffset()
                .getTotalSeconds();
    }

    private static boolean isLeap(int year) {
        return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    /**
     * The offsets each English zone abbreviation stands for, from the JDK's English zone names of every zone in
     * January and July: built once, the first time an HTML export is read.
     */
    private static final class Abbreviations {
        static final DateTimeFormatter SHORT_NAME = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH);
        static final Map<String, Set<Integer>> OFFSETS = build();

        private static Map<String, Set<Integer>> build() {
            Map<String, Set<Integer>> offsets = new HashMap<>();
            Instant[] samples = {Instant.parse("2024-01-15T12:00:00Z"), Instant.parse("2024-07-15T12:00:00Z")};
            for (String id : ZoneId.getAvailableZoneIds()) {
                ZoneId zone = ZoneId.of(id);
                for (Instant sample : samples) {
                    ZonedDateTime time = sample.atZone(zone);
                    String name = SHORT_NAME.format(time);
                    if (!name.startsWith("GMT") && !name.startsWith("UTC") && isAbbreviation(name)) {
                        offsets.computeIfAbsent(name, n -> new HashSet<>()).add(time.getOffset().getTotalSeconds());
                    }
                }
            }
            return Map.copyOf(offsets);
        }

        private static boolean isAbbreviation(String name) {
            for (int i = 0; i < name.length(); i++) {
                if (name.charAt(i) < 'A' || name.charAt(i) > 'Z') {
                    return false;
                }
            }
            return name.length() >= 2;
        }
    }
}

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

    private final ZoneId declaredZone;
    private final ZoneId localZone;
    /** Abbreviation → offset seconds (or {@link Timestamps#NO_OFFSET} when ambiguous), filled as abbreviations come. */
    private final Map<String, Integer> resolved = new HashMap<>();
    /** Token bounds in the text being read: at most 8 tokens. */
    private final int[] starts = new int[8];
    private final int[] ends = new int[8];
    private String text;
    /** The last zone token and what it resolved to, to spare a lookup (and a substring) per record. */
    private String lastZone;
    private int lastOffset;

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
        this.text = text;
        int count = tokenize(text);
        if (count < 4) {
            return Result.UNREADABLE;
        }
        int month;
        int day;
        if (Character.isLetter(text.charAt(starts[0]))) {
            month = month(text, starts[0], ends[0]);
            day = number(starts[1], ends[1]);
        } else {
            day = number(starts[0], ends[0]);
            month = month(text, starts[1], ends[1]);
        }
        int year = number(starts[2], ends[2]);
        long clock = clock(starts[3], ends[3]);
        if (month < 1 || year < 1000 || year > 9999 || day < 1 || day > Month.of(month).length(isLeap(year))
                || clock < 0) {
            return Result.UNREADABLE;
        }
        int hour = (int) (clock / 3600);
        int next = 4;
        int meridiem = next < count ? meridiem(starts[next], ends[next]) : 0;
        if (meridiem != 0) {
            next++;
            if (hour < 1 || hour > 12) {
                return Result.UNREADABLE;
            }
            clock += (hour % 12 + (meridiem == 2 ? 12 : 0) - hour) * 3600L;
        } else if (hour > 23) {
            return Result.UNREADABLE;
        }
        long localSeconds = IsoInstant.daysFromCivil(year, month, day) * 86_400L + clock;
        if (next == count) {
            out.epochMillis = (localSeconds - offsetAt(localZone, localSeconds)) * 1000;
            return Result.PARSED;
        }
        if (next != count - 1) {
            return Result.UNREADABLE;
        }
        int offset = zoneOffset(starts[next], ends[next], localSeconds);
        if (offset == AMBIGUOUS) {
            return Result.AMBIGUOUS_ZONE;
        }
        if (offset == Timestamps.NO_OFFSET) {
            return Result.UNREADABLE;
        }
        out.offsetSeconds = offset;
        out.epochMillis = (localSeconds - offset) * 1000;
        return Result.PARSED;
    }

    private static final int AMBIGUOUS = Integer.MAX_VALUE;

    /** The offset a zone token names at that local time; {@link #AMBIGUOUS}, or NO_OFFSET when unknown. */
    private int zoneOffset(int start, int end, long localSeconds) {
        boolean sameAsLast = lastZone != null && lastZone.length() == end - start
                && text.regionMatches(start, lastZone, 0, lastZone.length());
        String zone = sameAsLast ? lastZone : text.substring(start, end);
        if (declaredZone != null && zone.equals(englishAbbreviation(declaredZone, localSeconds))) {
            return offsetAt(declaredZone, localSeconds);
        }
        if (sameAsLast) {
            return lastOffset;
        }
        int offset = gmtOffset(zone);
        if (offset == Timestamps.NO_OFFSET) {
            offset = resolved.computeIfAbsent(zone, z -> {
                Set<Integer> offsets = Abbreviations.OFFSETS.get(z);
                return offsets == null ? Timestamps.NO_OFFSET : offsets.size() == 1 ? offsets.iterator().next()
                        : AMBIGUOUS;
            });
        }
        lastZone = zone;
        lastOffset = offset;
        return offset;
    }

    /** True when the text has an English month name where Takeout's English dates have it. */
    static boolean hasEnglishMonth(String text) {
        TakeoutHtmlTime probe = new TakeoutHtmlTime(null);
        int count = probe.tokenize(text);
        if (count < 2) {
            return false;
        }
        return month(text, probe.starts[0], probe.ends[0]) > 0 || month(text, probe.starts[1], probe.ends[1]) > 0;
    }

    /** Finds the tokens, split on spaces (any kind) and commas; returns how many, 0 beyond 8. */
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
                if (count == starts.length) {
                    return 0;
                }
                starts[count] = start;
                ends[count++] = i;
            }
        }
        return count;
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == ',' || c == '\u00A0' || c == '\u202F' || c == '\u2009' || c == '\u2003';
    }

    /**
     * 1–12 for an English month name or abbreviation (with or without a period) in {@code text[start, end)}, else
     * 0. English writes months capitalized ({@code Mar}); the same letters in lower case ({@code mar}) are Spanish,
     * Italian or Portuguese.
     */
    static int month(String text, int start, int end) {
        if (end > start && text.charAt(end - 1) == '.') {
            end--;
        }
        int length = end - start;
        if (length < 3 || !Character.isUpperCase(text.charAt(start))) {
            return 0;
        }
        for (int i = start + 1; i < end; i++) {
            if (!Character.isLowerCase(text.charAt(i))) {
                return 0;
            }
        }
        for (int m = 0; m < 12; m++) {
            String full = FULL_NAMES[m];
            if (!text.regionMatches(true, start, full, 0, 3)) {
                continue;
            }
            if (length == 3 || (length == full.length() && text.regionMatches(true, start, full, 0, length))
                    || (m == 8 && length == 4 && text.regionMatches(true, start, "sept", 0, 4))) {
                return m + 1;
            }
        }
        return 0;
    }

    private static final String[] FULL_NAMES = new String[12];

    static {
        for (int m = 0; m < 12; m++) {
            FULL_NAMES[m] = Month.of(m + 1).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        }
    }

    private int number(int start, int end) {
        return number(text, start, end);
    }

    private static int number(String text, int start, int end) {
        if (end <= start || end - start > 4) {
            return -1;
        }
        int value = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** {@code h:mm:ss} or {@code h:mm} as seconds of the day (hours unchecked), or -1. */
    private long clock(int start, int end) {
        int first = text.indexOf(':', start);
        if (first < 0 || first >= end) {
            return -1;
        }
        int second = text.indexOf(':', first + 1);
        if (second >= end) {
            second = -1;
        }
        int hour = number(start, first);
        int minuteEnd = second < 0 ? end : second;
        int minute = minuteEnd - first == 3 ? number(first + 1, minuteEnd) : -1;
        int seconds = second < 0 ? 0 : end - second == 3 ? number(second + 1, end) : -1;
        if (hour < 0 || hour > 99 || minute < 0 || minute > 59 || seconds < 0 || seconds > 59) {
            return -1;
        }
        return hour * 3600L + minute * 60L + seconds;
    }

    /** 1 for AM, 2 for PM (any case, with or without periods), 0 otherwise. */
    private int meridiem(int start, int end) {
        char first = 0;
        char second = 0;
        int letters = 0;
        for (int i = start; i < end; i++) {
            char c = Character.toLowerCase(text.charAt(i));
            if (c == '.') {
                continue;
            }
            if (letters == 0) {
                first = c;
            } else if (letters == 1) {
                second = c;
            }
            letters++;
        }
        if (letters != 2 || second != 'm') {
            return 0;
        }
        return first == 'a' ? 1 : first == 'p' ? 2 : 0;
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
        int hours = number(parts[0], 0, parts[0].length());
        int minutes = parts.length == 2 ? number(parts[1], 0, parts[1].length()) : parts.length == 1 ? 0 : -1;
        if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59 || parts[0].length() > 2) {
            return Timestamps.NO_OFFSET;
        }
        int seconds = hours * 3600 + minutes * 60;
        return sign == '+' ? seconds : -seconds;
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

package dev.persona.pipeline.persona;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds binge sessions, several episodes of one show in one sitting, among episodes seen in any order, in bounded
 * memory: one packed number per episode (show, start minute, minutes watched), up to {@value #MAX_VIEWS} episodes
 * of up to {@value #MAX_SHOWS} shows; anything beyond is not considered. An episode continues a sitting when it
 * starts at most {@value #GAP_MINUTES} minutes after the previous episode of the show ended; a sitting of at least
 * {@value #MIN_EPISODES} episodes is a binge.
 */
final class BingeFinder {

    static final int MIN_EPISODES = 3;
    static final int GAP_MINUTES = 30;
    static final int MAX_VIEWS = 1 << 20;
    static final int MAX_SHOWS = 1 << 16;
    private static final int DURATION_BITS = 12;
    private static final long MAX_DURATION = (1L << DURATION_BITS) - 1;

    private final long origin;
    private final Map<String, Integer> showIds = new HashMap<>();
    private String[] shows = new String[64];
    private long[] views = new long[256];
    private int count;

    /** @param origin the first activity's time: start minutes count from it */
    BingeFinder(long origin) {
        this.origin = origin;
    }

    void add(String show, long start, Double durationSeconds) {
        if (count == MAX_VIEWS || start < origin) {
            return;
        }
        Integer id = showIds.get(show);
        if (id == null) {
            if (showIds.size() == MAX_SHOWS) {
                return;
            }
            id = showIds.size();
            showIds.put(show, id);
            if (id == shows.length) {
                shows = Arrays.copyOf(shows, shows.length * 2);
            }
            shows[id] = show;
        }
        long minute = (start - origin) / 60_000L;
        long minutes = durationSeconds == null ? 0 : Math.min(MAX_DURATION, Math.round(durationSeconds / 60));
        if (count == views.length) {
            views = Arrays.copyOf(views, Math.min(MAX_VIEWS, views.length * 2));
        }
        views[count++] = (long) id << 44 | minute << DURATION_BITS | minutes;
    }

    /** What was found: how many binges, and the longest (most episodes, then most minutes, then earliest). */
    record Result(long sessions, String show, int episodes, long minutes, long startMinute) {
    }

    Result find() {
        long[] sorted = Arrays.copyOf(views, count);
        Arrays.sort(sorted);
        long sessions = 0;
        Result longest = null;
        int i = 0;
        while (i < count) {
            int show = show(sorted[i]);
            long sittingStart = minute(sorted[i]);
            long end = sittingStart + duration(sorted[i]);
            long minutes = duration(sorted[i]);
            int episodes = 1;
            int j = i + 1;
            while (j < count && show(sorted[j]) == show && minute(sorted[j]) <= end + GAP_MINUTES) {
                end = Math.max(end, minute(sorted[j]) + duration(sorted[j]));
                minutes += duration(sorted[j]);
                episodes++;
                j++;
            }
            if (episodes >= MIN_EPISODES) {
                sessions++;
                if (longest == null || episodes > longest.episodes()
                        || (episodes == longest.episodes() && (minutes > longest.minutes()
                        || (minutes == longest.minutes() && sittingStart < longest.startMinute())))) {
                    longest = new Result(0, shows[show], episodes, minutes, sittingStart);
                }
            }
            i = j;
        }
        return longest == null ? new Result(sessions, null, 0, 0, 0)
                : new Result(sessions, longest.show(), longest.episodes(), longest.minutes(), longest.startMinute());
    }

    private static int show(long view) {
        return (int) (view >>> 44);
    }

    private static long minute(long view) {
        return (view >>> DURATION_BITS) & 0xFFFFFFFFL;
    }

    private static long duration(long view) {
        return view & MAX_DURATION;
    }
}

package dev.persona.bookmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.persona.api.Timestamps;
import dev.persona.items.Revisions;

/**
 * What one import adds of a parsed bookmark file: every link whose address is valid and not bookmarked yet (by the
 * user, or earlier in the same file), each once. Importing the same file again adds nothing: the ids come from the
 * addresses.
 */
public final class BookmarkImport {

    /** At most this many invalid links are shown, with their line and reason. */
    static final int MAX_SAMPLES = 20;
    private static final int MAX_SAMPLE_LENGTH = 200;
    /** {@code ADD_DATE}s before this are not believed (the web is younger); nor are those in the future. */
    private static final long EARLIEST_SECONDS = Instant.parse("1990-01-01T00:00:00Z").getEpochSecond();

    private final Map<String, Bookmark> added = new LinkedHashMap<>();
    private final Map<String, Long> invalidByReason = new LinkedHashMap<>();
    private final List<InvalidSample> samples = new ArrayList<>();
    private int duplicates;

    BookmarkImport(String userId, List<NetscapeBookmarkFile.Entry> entries, Set<String> existing, Instant now) {
        String created = Timestamps.format(now);
        for (NetscapeBookmarkFile.Entry entry : entries) {
            BookmarkUrls.Normalized url = BookmarkUrls.normalize(entry.href());
            if (!url.valid()) {
                invalidByReason.merge(url.problem().wireName(), 1L, Long::sum);
                if (samples.size() < MAX_SAMPLES) {
                    String shown = entry.href().length() > MAX_SAMPLE_LENGTH
                            ? entry.href().substring(0, MAX_SAMPLE_LENGTH) + "…" : entry.href();
                    samples.add(new InvalidSample(entry.line(), BookmarkTitles.clean(shown, ""),
                            url.problem().wireName()));
                }
                continue;
            }
            String id = BookmarkIds.of(userId, url.url());
            if (existing.contains(id) || added.containsKey(id)) {
                duplicates++;
                continue;
            }
            added.put(id, new Bookmark(id, url.url(), BookmarkTitles.clean(entry.title(), url.host()), entry.tags(),
                    addedAt(entry.addDate(), now, created), created, created, Revisions.next()));
        }
    }

    List<Bookmark> added() {
        return List.copyOf(added.values());
    }

    Report report(int received) {
        long invalid = invalidByReason.values().stream().mapToLong(Long::longValue).sum();
        return new Report(received, added.size(), duplicates, invalid, invalidByReason, samples);
    }

    /** {@code ADD_DATE} in seconds since 1970 (as every browser writes it; milliseconds and microseconds are read). */
    private static String addedAt(String addDate, Instant now, String fallback) {
        if (addDate == null || addDate.isBlank() || !addDate.strip().chars().allMatch(Character::isDigit)
                || addDate.strip().length() > 19) {
            return fallback;
        }
        long value = Long.parseLong(addDate.strip());
        long seconds = value > 100_000_000_000_000L ? value / 1_000_000 : value > 100_000_000_000L ? value / 1000 : value;
        if (seconds < EARLIEST_SECONDS || seconds > now.getEpochSecond()) {
            return fallback;
        }
        return Timestamps.format(Instant.ofEpochSecond(seconds));
    }

    /** One link that was not imported, and why. */
    public record InvalidSample(long line, String url, String reason) {
    }

    /**
     * The response body of {@code POST /v1/bookmarks/import}.
     *
     * @param received   links in the file
     * @param imported   bookmarks added
     * @param duplicates links whose address was bookmarked already, or earlier in the file
     * @param invalid    links whose address is not an http or https one
     */
    public record Report(int received, int imported, int duplicates, long invalid, Map<String, Long> invalidByReason,
            List<InvalidSample> invalidSamples) {

        public Report {
            invalidByReason = Map.copyOf(invalidByReason);
            invalidSamples = List.copyOf(invalidSamples);
        }
    }
}

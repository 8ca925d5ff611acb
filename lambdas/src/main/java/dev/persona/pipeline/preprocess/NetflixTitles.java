package dev.persona.pipeline.preprocess;

import java.util.regex.Pattern;

/**
 * Splits a Netflix title into show, season and episode. Netflix writes episodes as {@code Show: Season: Episode},
 * where the show itself may hold colons ({@code Avatar: The Last Airbender: Book 1: Water: The Boy in the Iceberg
 * (Episode 1)}) and the season may be named ({@code Stranger Things: Stranger Things 4: Chapter One}). The rules,
 * in order:
 * <ol>
 *   <li>a part that names a season ({@code Season 2}, {@code Series 3}, {@code Part 1}, {@code Volume 2},
 *       {@code Book 1}, {@code Collection 2}, {@code Limited Series}, {@code Miniseries}), after
 *       the first: what comes before is the show, what follows the episode;</li>
 *   <li>a title ending in {@code (Episode N)}: the first part is the show, the rest the episode;</li>
 *   <li>three parts or more: show, season, episode;</li>
 *   <li>otherwise a film ({@code The Irishman}, {@code Mission: Impossible}).</li>
 * </ol>
 */
final class NetflixTitles {

    private static final Pattern SEASON = Pattern.compile(
            "(?i)(season|series|part|volume|vol\\.|book|collection)\\s+[0-9ivx]+|limited series|miniseries"
                    + "|season [a-z]+");
    private static final Pattern EPISODE_NUMBER = Pattern.compile("(?i).*\\(episode \\d+\\)\\s*$");

    private NetflixTitles() {
    }

    /**
     * @param show    the series, or null for a film
     * @param season  the season as named, or null
     * @param episode the episode's title, or the film's
     */
    record Title(String show, String season, String episode) {
        boolean episodic() {
            return show != null;
        }
    }

    static Title split(String title) {
        String[] parts = title.split(": ");
        for (int i = 1; i < parts.length - 1; i++) {
            if (SEASON.matcher(parts[i].strip()).matches()) {
                return new Title(join(parts, 0, i), parts[i].strip(), join(parts, i + 1, parts.length));
            }
        }
        if (parts.length >= 2 && EPISODE_NUMBER.matcher(title).matches()) {
            return new Title(parts[0].strip(), null, join(parts, 1, parts.length));
        }
        if (parts.length >= 3) {
            return new Title(parts[0].strip(), parts[1].strip(), join(parts, 2, parts.length));
        }
        return new Title(null, null, title.strip());
    }

    private static String join(String[] parts, int from, int to) {
        return String.join(": ", java.util.Arrays.copyOfRange(parts, from, to)).strip();
    }
}

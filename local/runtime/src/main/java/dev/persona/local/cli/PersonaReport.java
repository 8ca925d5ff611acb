package dev.persona.local.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A persona document ({@code docs/persona.md}) as a few lines for a terminal: the archetype and summary, the top
 * interests with bars, the rhythms (an hour-of-day sparkline, the busiest hour and day, the chronotype), the
 * sources, listening and watching when the upload had them, engagement and data quality (with what an archive held).
 * Block characters where the terminal takes Unicode, ASCII otherwise.
 */
final class PersonaReport {

    private static final int TOP_INTERESTS = 5;
    private static final int TOP_NAMES = 3;
    private static final int BAR_WIDTH = 24;
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

    private final boolean unicode;

    PersonaReport(boolean unicode) {
        this.unicode = unicode;
    }

    List<String> render(JsonNode persona) {
        List<String> lines = new ArrayList<>();
        lines.add("Persona: " + persona.at("/archetype/label").asText("?"));
        lines.add("  " + persona.path("summary").asText(""));
        lines.add("");
        interests(persona.path("interests"), lines);
        rhythms(persona.path("rhythms"), persona.at("/timezone/id").asText("UTC"), lines);
        sources(persona.path("sources"), lines);
        listening(persona.path("listening"), lines);
        watching(persona.path("watching"), lines);
        JsonNode engagement = persona.path("engagement");
        lines.add(String.format(Locale.ROOT, "Engagement: active on %,d of %,d days, longest streak %,d days, %,d sessions",
                engagement.path("activeDays").asLong(), engagement.path("spanDays").asLong(),
                engagement.path("longestStreakDays").asLong(), engagement.path("sessions").asLong()));
        JsonNode quality = persona.path("dataQuality");
        lines.add(String.format(Locale.ROOT, "Data: %,d records read, %,d used, %,d rejected, %,d duplicates%s (%s)",
                quality.path("recordsRead").asLong(), quality.path("recordsUsed").asLong(),
                quality.path("recordsRejected").asLong(), quality.path("duplicatesRemoved").asLong(),
                quality.path("recordsSkipped").asLong() == 0 ? "" : String.format(Locale.ROOT, ", %,d left out (%s)",
                        quality.path("recordsSkipped").asLong(), counts(quality.path("skippedByReason"))),
                quality.path("detectedFormat").asText("?")));
        JsonNode archive = quality.path("archive");
        if (!archive.isMissingNode()) {
            lines.add(String.format(Locale.ROOT, "Archive: %,d entries, %,d files read, %,d skipped%s",
                    archive.path("entries").asLong(), archive.path("filesRead").asLong(),
                    archive.path("filesSkipped").asLong(), archive.path("filesSkipped").asLong() == 0 ? ""
                            : " (" + counts(archive.path("skippedByReason")) + ")"));
        }
        return lines;
    }

    /** Each source with its volume, share and largest interest. */
    private void sources(JsonNode sources, List<String> lines) {
        if (sources.isEmpty()) {
            return;
        }
        lines.add("Sources");
        int width = 0;
        for (JsonNode source : sources) {
            width = Math.max(width, source.path("source").asText().length());
        }
        for (JsonNode source : sources) {
            JsonNode top = source.at("/topCategories/0");
            lines.add(String.format(Locale.ROOT, "  %-" + width + "s  %s %5.1f%%  %,6d%s", source.path("source").asText(),
                    bar(source.path("share").asDouble()), source.path("share").asDouble() * 100,
                    source.path("count").asLong(), top.isMissingNode() ? "" : "  mostly " + top.path("category").asText()));
        }
        lines.add("");
    }

    private void listening(JsonNode listening, List<String> lines) {
        if (listening.isMissingNode()) {
            return;
        }
        lines.add("Listening");
        lines.add(String.format(Locale.ROOT, "  %,d plays, %s: music %.0f%%, podcasts %.0f%%, audiobooks %.0f%%",
                listening.path("plays").asLong(), duration(listening.path("minutes").asLong()),
                listening.at("/music/share").asDouble() * 100, listening.at("/podcasts/share").asDouble() * 100,
                listening.at("/audiobooks/share").asDouble() * 100));
        named("top artists", listening.path("topArtists"), "plays", lines);
        named("top podcasts", listening.path("topPodcasts"), "plays", lines);
        lines.add("");
    }

    private void watching(JsonNode watching, List<String> lines) {
        if (watching.isMissingNode()) {
            return;
        }
        lines.add("Watching");
        long titles = watching.path("titles").asLong();
        long videos = watching.path("videos").asLong();
        if (titles > 0) {
            long films = watching.path("movies").asLong();
            lines.add(String.format(Locale.ROOT, "  %,d titles (%,d episodes, %,d film%s), %s%s", titles,
                    watching.path("episodes").asLong(), films, films == 1 ? "" : "s",
                    duration(watching.path("minutes").asLong()),
                    videos == 0 ? "" : String.format(Locale.ROOT, "; %,d videos", videos)));
            named("top shows", watching.path("topShows"), "episodes", lines);
            JsonNode longest = watching.path("longestBinge");
            lines.add(String.format(Locale.ROOT, "  %,d binge session%s%s", watching.path("bingeSessions").asLong(),
                    watching.path("bingeSessions").asLong() == 1 ? "" : "s", longest.isMissingNode() ? ""
                            : String.format(Locale.ROOT, ", the longest %d episodes of %s",
                                    longest.path("episodes").asInt(), longest.path("show").asText())));
        } else {
            lines.add(String.format(Locale.ROOT, "  %,d videos", videos));
        }
        lines.add("");
    }

    /** {@code  top artists   Taylor Swift (7), Queen (3)}: the first names of a ranked list. */
    private static void named(String label, JsonNode ranked, String countField, List<String> lines) {
        if (ranked.isEmpty()) {
            return;
        }
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < Math.min(TOP_NAMES, ranked.size()); i++) {
            names.append(i == 0 ? "" : ", ").append(ranked.get(i).path("name").asText()).append(" (")
                    .append(ranked.get(i).path(countField).asLong()).append(')');
        }
        lines.add(String.format(Locale.ROOT, "  %-12s %s", label, names));
    }

    /** {@code reload 3, trailer 5}. */
    private static String counts(JsonNode counts) {
        StringBuilder text = new StringBuilder();
        counts.properties().forEach(entry -> text.append(text.isEmpty() ? "" : ", ").append(entry.getKey())
                .append(' ').append(entry.getValue().asLong()));
        return text.toString();
    }

    /** Minutes as {@code 95 min} or {@code 52 h}. */
    private static String duration(long minutes) {
        return minutes < 120 ? minutes + " min" : String.format(Locale.ROOT, "%,d h", Math.round(minutes / 60.0));
    }

    private void interests(JsonNode interests, List<String> lines) {
        lines.add("Top interests");
        if (interests.isEmpty()) {
            lines.add("  (none: no activity could be categorized)");
        }
        int width = 0;
        for (int i = 0; i < Math.min(TOP_INTERESTS, interests.size()); i++) {
            width = Math.max(width, interests.get(i).path("category").asText().length());
        }
        double top = interests.isEmpty() ? 1 : Math.max(interests.get(0).path("share").asDouble(), 1e-9);
        for (int i = 0; i < Math.min(TOP_INTERESTS, interests.size()); i++) {
            JsonNode interest = interests.get(i);
            double share = interest.path("share").asDouble();
            String trend = interest.path("trend").asText("steady");
            lines.add(String.format(Locale.ROOT, "  %-" + width + "s  %s %5.1f%%  %,6d%s",
                    interest.path("category").asText(), bar(share / top), share * 100,
                    interest.path("count").asLong(), trend.equals("steady") ? "" : "  " + trend));
        }
        lines.add("");
    }

    private void rhythms(JsonNode rhythms, String zone, List<String> lines) {
        lines.add("Rhythms (" + zone + ")");
        JsonNode hours = rhythms.path("hourOfDay");
        lines.add("  hour of day  " + sparkline(hours) + (rhythms.has("peakHour")
                ? String.format(Locale.ROOT, "  busiest %02d:00", rhythms.path("peakHour").asInt()) : ""));
        lines.add("               0     6     12    18  23");
        JsonNode days = rhythms.path("dayOfWeek");
        StringBuilder week = new StringBuilder();
        long most = 0;
        for (JsonNode day : days) {
            most = Math.max(most, day.asLong());
        }
        for (int i = 0; i < Math.min(DAYS.length, days.size()); i++) {
            week.append(DAYS[i]).append(' ').append(level(days.get(i).asLong(), most)).append("  ");
        }
        lines.add("  day of week  " + week.toString().stripTrailing()
                + (rhythms.has("peakDay") ? "  busiest " + rhythms.path("peakDay").asText() : ""));
        lines.add("  chronotype   " + rhythms.path("chronotype").asText("unknown"));
        lines.add("");
    }

    private String sparkline(JsonNode counts) {
        long most = 0;
        for (JsonNode count : counts) {
            most = Math.max(most, count.asLong());
        }
        StringBuilder line = new StringBuilder();
        for (JsonNode count : counts) {
            line.append(level(count.asLong(), most));
        }
        return line.toString();
    }

    /** One character for {@code value} on a scale up to {@code most}: eight block heights, or ASCII shades. */
    private char level(long value, long most) {
        String ramp = unicode ? "▁▂▃▄▅▆▇█" : ".:-=+*#@";
        if (most <= 0 || value <= 0) {
            return ' ';
        }
        int index = (int) Math.min(ramp.length() - 1, Math.round((double) value / most * (ramp.length() - 1)));
        return ramp.charAt(index);
    }

    private String bar(double fraction) {
        int full = (int) Math.round(Math.max(0, Math.min(1, fraction)) * BAR_WIDTH);
        return (unicode ? "█" : "#").repeat(full) + (unicode ? "░" : ".").repeat(BAR_WIDTH - full);
    }
}

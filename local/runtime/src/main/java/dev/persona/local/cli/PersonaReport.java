package dev.persona.local.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A persona document ({@code docs/persona.md}) as a few lines for a terminal: the archetype and summary, the top
 * interests with bars, the rhythms (an hour-of-day sparkline, the busiest hour and day, the chronotype),
 * engagement and data quality. Block characters where the terminal takes Unicode, ASCII otherwise.
 */
final class PersonaReport {

    private static final int TOP_INTERESTS = 5;
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
        JsonNode engagement = persona.path("engagement");
        lines.add(String.format(Locale.ROOT, "Engagement: active on %,d of %,d days, longest streak %,d days, %,d sessions",
                engagement.path("activeDays").asLong(), engagement.path("spanDays").asLong(),
                engagement.path("longestStreakDays").asLong(), engagement.path("sessions").asLong()));
        JsonNode quality = persona.path("dataQuality");
        lines.add(String.format(Locale.ROOT, "Data: %,d records read, %,d used, %,d rejected, %,d duplicates (%s)",
                quality.path("recordsRead").asLong(), quality.path("recordsUsed").asLong(),
                quality.path("recordsRejected").asLong(), quality.path("duplicatesRemoved").asLong(),
                quality.path("detectedFormat").asText("?")));
        return lines;
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

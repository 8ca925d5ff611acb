package dev.persona.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Activity files about one topic, in each format the pipeline accepts: every record a visit to one of the
 * topic's sites, an hour apart, so the persona's top interest and record counts are known in advance.
 */
final class ActivityFiles {

    /** A topic: the category the taxonomy gives its sites, the sites, and page titles. */
    record Topic(String category, List<String> sites, List<String> titles) {
    }

    static final Topic SPORTS = new Topic("Sports", List.of("www.espn.com/nba", "www.nba.com/games"),
            List.of("Lakers vs Celtics", "Playoff bracket", "Box score"));
    static final Topic FOOD = new Topic("Food & Drink", List.of("www.allrecipes.com/recipe", "www.bbcgoodfood.com/recipes"),
            List.of("Easy lasagna", "Sourdough starter", "Chicken curry"));
    static final Topic TECHNOLOGY = new Topic("Technology & Computing",
            List.of("github.com/features", "stackoverflow.com/questions"),
            List.of("Virtual threads", "Docker networking", "Rust ownership"));
    static final Topic TRAVEL = new Topic("Travel", List.of("www.booking.com/hotel", "www.skyscanner.net/flights"),
            List.of("Hotels in Lisbon", "Flights to Kyoto", "Iceland road trip"));

    private static final Instant START = Instant.parse("2025-03-01T08:00:00Z");

    private ActivityFiles() {
    }

    private record Visit(String time, String title, String url) {
    }

    private static List<Visit> visits(Topic topic, int records) {
        List<Visit> visits = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            String site = topic.sites().get(i % topic.sites().size());
            visits.add(new Visit(START.plusSeconds(3600L * i).toString(),
                    topic.titles().get(i % topic.titles().size()) + " " + i, "https://" + site + "/" + i));
        }
        return visits;
    }

    /** A Google Takeout "My Activity" export. */
    static byte[] takeout(Topic topic, int records) {
        List<String> items = new ArrayList<>();
        for (Visit visit : visits(topic, records)) {
            items.add("""
                    {"header": "Chrome", "title": "Visited %s", "titleUrl": "%s", "time": "%s", \
                    "products": ["Chrome"], "activityControls": ["Web & App Activity"]}"""
                    .formatted(visit.title(), visit.url(), visit.time()));
        }
        return ("[\n" + String.join(",\n", items) + "\n]\n").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] csv(Topic topic, int records) {
        StringBuilder csv = new StringBuilder("timestamp,type,title,url\n");
        for (Visit visit : visits(topic, records)) {
            csv.append(visit.time()).append(",visit,\"").append(visit.title()).append("\",").append(visit.url())
                    .append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] jsonLines(Topic topic, int records) {
        StringBuilder lines = new StringBuilder();
        for (Visit visit : visits(topic, records)) {
            lines.append(eventObject(visit)).append('\n');
        }
        return lines.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] jsonArray(Topic topic, int records) {
        List<String> events = visits(topic, records).stream().map(ActivityFiles::eventObject).toList();
        return ("[" + String.join(",\n", events) + "]").getBytes(StandardCharsets.UTF_8);
    }

    private static String eventObject(Visit visit) {
        return "{\"timestamp\": \"%s\", \"type\": \"visit\", \"title\": \"%s\", \"url\": \"%s\"}"
                .formatted(visit.time(), visit.title(), visit.url());
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return compressed.toByteArray();
    }
}

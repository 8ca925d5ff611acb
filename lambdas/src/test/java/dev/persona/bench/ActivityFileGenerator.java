package dev.persona.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Writes a deterministic, realistic activity file: the same seed, format and size always give the same
 * bytes. Activity follows a daily rhythm (quiet nights, an evening peak) over two years, with a persona's
 * worth of interests (one strong, a few medium, a long tail), searches, videos and site visits, about
 * 1 % exact duplicates and 0.5 % invalid records (bad timestamps).
 *
 * <p>Usage: {@code ActivityFileGenerator OUTPUT [--format takeout|csv|jsonl] [--size 64m | --records N] [--seed S]}
 */
public final class ActivityFileGenerator {

    public enum Format { TAKEOUT, CSV, JSONL }

    private static final long START = Instant.parse("2023-01-01T00:00:00Z").toEpochMilli();
    private static final long SPAN = 730L * 86_400_000L;
    /** Relative activity per hour of day (UTC): low at night, peaks in the evening. */
    private static final int[] HOUR_WEIGHTS = {3, 2, 1, 1, 1, 1, 2, 4, 6, 6, 6, 7, 8, 7, 6, 6, 7, 8, 10, 12, 14, 14, 11, 6};

    private record Topic(String[] sites, String[] phrases, String[] channels, int weight) {
    }

    private static final Topic[] TOPICS = {
        new Topic(new String[] {"www.espn.com/nba/game", "www.nba.com/games", "www.skysports.com/football/news",
            "www.bbc.co.uk/sport/football", "www.nfl.com/scores"},
            new String[] {"nba playoffs highlights", "premier league table", "champions league final recap",
                "lakers vs celtics game 7", "fantasy football waiver wire", "world cup qualifiers results",
                "best goals of the season", "tennis grand slam draw", "formula 1 race highlights",
                "marathon training plan"}, new String[] {"NBA", "ESPN", "Sky Sports Football", "Formula 1"}, 30),
        new Topic(new String[] {"github.com/features", "stackoverflow.com/questions", "www.theverge.com/tech",
            "docs.aws.amazon.com/lambda", "news.ycombinator.com/item"},
            new String[] {"java virtual threads tutorial", "kubernetes deployment yaml", "best mechanical keyboard",
                "python async await explained", "aws lambda cold start", "rust ownership explained",
                "laptop review 2024", "docker compose networking", "machine learning course", "linux kernel update"},
            new String[] {"Fireship", "Computerphile", "Linus Tech Tips", "AWS Events"}, 18),
        new Topic(new String[] {"www.allrecipes.com/recipe", "www.bbcgoodfood.com/recipes", "www.seriouseats.com/recipes",
            "cooking.nytimes.com/recipes"},
            new String[] {"easy lasagna recipe", "sourdough starter guide", "chicken curry recipe", "best pizza dough",
                "vegan brownies recipe", "how to make ramen", "meal prep ideas", "air fryer salmon"},
            new String[] {"Bon Appétit", "Joshua Weissman", "Babish Culinary Universe"}, 12),
        new Topic(new String[] {"www.booking.com/hotel", "www.skyscanner.net/flights", "www.tripadvisor.com/Attractions",
            "www.lonelyplanet.com/portugal"},
            new String[] {"cheap flights to lisbon", "things to do in kyoto", "hotel deals barcelona",
                "road trip iceland itinerary", "best beaches in portugal", "travel packing list"},
            new String[] {"Kara and Nate", "Lost LeBlanc"}, 9),
        new Topic(new String[] {"www.ign.com/games", "store.steampowered.com/app", "www.gamespot.com/reviews"},
            new String[] {"elden ring boss guide", "zelda tears of the kingdom walkthrough", "minecraft speedrun",
                "best ps5 games", "baldurs gate 3 build guide", "nintendo switch gameplay"},
            new String[] {"IGN", "GameSpot", "Dream"}, 8),
        new Topic(new String[] {"open.spotify.com/album", "www.rollingstone.com/music", "pitchfork.com/reviews"},
            new String[] {"taylor swift eras tour", "best albums of the year", "lofi hip hop radio",
                "guitar chords wonderwall", "jazz piano lessons"}, new String[] {"NPR Music", "Queen - Topic"}, 7),
        new Topic(new String[] {"www.investopedia.com/terms", "www.nerdwallet.com/article"},
            new String[] {"high yield savings account", "roth ira explained", "credit card rewards",
                "how to budget monthly"}, new String[] {"Graham Stephan"}, 5),
        new Topic(new String[] {"www.nasa.gov/missions", "www.nature.com/articles", "www.scientificamerican.com/article"},
            new String[] {"james webb telescope images", "black hole explained", "crispr gene editing",
                "climate change research"}, new String[] {"Veritasium", "Kurzgesagt"}, 5),
        new Topic(new String[] {"www.imdb.com/title", "www.rottentomatoes.com/m"},
            new String[] {"oppenheimer trailer", "best movies 2024", "dune part two review"},
            new String[] {"Movieclips"}, 4),
        new Topic(new String[] {"www.zillow.com/homedetails", "www.redfin.com/home"},
            new String[] {"house prices near me", "mortgage calculator", "first time home buyer"},
            new String[] {"BiggerPockets"}, 2),
    };
    private static final int TOTAL_WEIGHT = java.util.Arrays.stream(TOPICS).mapToInt(Topic::weight).sum();

    private final SplittableRandom random;
    private final Format format;
    private String lastRecord;

    public ActivityFileGenerator(long seed, Format format) {
        this.random = new SplittableRandom(seed);
        this.format = format;
    }

    public static void main(String[] args) throws IOException {
        Path output = Path.of(args[0]);
        Format format = Format.TAKEOUT;
        long size = -1;
        long records = -1;
        long seed = 42;
        for (int i = 1; i < args.length; i += 2) {
            switch (args[i]) {
                case "--format" -> format = Format.valueOf(args[i + 1].toUpperCase(java.util.Locale.ROOT));
                case "--size" -> size = Sizes.parse(args[i + 1]);
                case "--records" -> records = Long.parseLong(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        long written = new ActivityFileGenerator(seed, format).write(output, size, records);
        System.out.printf("wrote %s: %,d bytes%n", output, written);
    }

    /** Writes until {@code maxBytes} (if positive) or {@code maxRecords} (if positive); returns the bytes written. */
    public long write(Path file, long maxBytes, long maxRecords) {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            return write(out, maxBytes, maxRecords);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long write(OutputStream out, long maxBytes, long maxRecords) throws IOException {
        long bytes = 0;
        long count = 0;
        byte[] head = switch (format) {
            case TAKEOUT -> "[".getBytes(StandardCharsets.UTF_8);
            case CSV -> "timestamp,type,title,url,channel\n".getBytes(StandardCharsets.UTF_8);
            case JSONL -> new byte[0];
        };
        out.write(head);
        bytes += head.length;
        while ((maxBytes <= 0 || bytes < maxBytes - 4) && (maxRecords <= 0 || count < maxRecords)) {
            byte[] record = nextRecord(count == 0).getBytes(StandardCharsets.UTF_8);
            out.write(record);
            bytes += record.length;
            count++;
        }
        if (format == Format.TAKEOUT) {
            out.write("\n]\n".getBytes(StandardCharsets.UTF_8));
            bytes += 3;
        }
        return bytes;
    }

    private String nextRecord(boolean first) {
        if (lastRecord != null && random.nextInt(100) == 0) {
            return separator(first) + lastRecord;
        }
        Topic topic = topic();
        long time = time();
        String timeText = random.nextInt(200) == 0 ? "not a time" : Instant.ofEpochMilli(time).toString();
        int kind = random.nextInt(10);
        String phrase = topic.phrases[random.nextInt(topic.phrases.length)];
        String site = topic.sites[random.nextInt(topic.sites.length)];
        String record = switch (kind) {
            case 0, 1, 2, 3 -> record("YouTube", "Watched", phrase, "https://www.youtube.com/watch?v=" + id(),
                    topic.channels[random.nextInt(topic.channels.length)], timeText);
            case 4, 5, 6 -> record("Search", "Searched for", phrase,
                    "https://www.google.com/search?q=" + phrase.replace(' ', '+'), null, timeText);
            default -> record("Chrome", "Visited", titleCase(phrase), "https://" + site + "/" + id(), null, timeText);
        };
        lastRecord = record;
        return separator(first) + record;
    }

    private String separator(boolean first) {
        return format == Format.TAKEOUT ? (first ? "\n" : ",\n") : "";
    }

    private String record(String product, String verb, String text, String url, String channel, String time) {
        return switch (format) {
            case TAKEOUT -> "{\n  \"header\": \"" + product + "\",\n  \"title\": \"" + verb + " " + text
                    + "\",\n  \"titleUrl\": \"" + url + "\",\n"
                    + (channel == null ? "" : "  \"subtitles\": [{\n    \"name\": \"" + channel + "\"\n  }],\n")
                    + "  \"time\": \"" + time + "\",\n  \"products\": [\"" + product
                    + "\"],\n  \"activityControls\": [\"" + (product.equals("YouTube") ? "YouTube watch history"
                    : "Web & App Activity") + "\"]\n}";
            case CSV -> time + "," + verb.toLowerCase(java.util.Locale.ROOT).split(" ")[0] + ",\"" + text + "\","
                    + url + "," + (channel == null ? "" : "\"" + channel + "\"") + "\n";
            case JSONL -> "{\"timestamp\":\"" + time + "\",\"type\":\"" + verb.toLowerCase(java.util.Locale.ROOT)
                    .split(" ")[0] + "\",\"title\":\"" + text + "\",\"url\":\"" + url + "\""
                    + (channel == null ? "" : ",\"channel\":\"" + channel + "\"") + "}\n";
        };
    }

    private Topic topic() {
        int pick = random.nextInt(TOTAL_WEIGHT);
        for (Topic topic : TOPICS) {
            pick -= topic.weight;
            if (pick < 0) {
                return topic;
            }
        }
        return TOPICS[0];
    }

    /** A time in the two-year span, its hour drawn from the daily rhythm. */
    private long time() {
        long day = random.nextLong(SPAN / 86_400_000L);
        int pick = random.nextInt(java.util.Arrays.stream(HOUR_WEIGHTS).sum());
        int hour = 0;
        while (pick >= HOUR_WEIGHTS[hour]) {
            pick -= HOUR_WEIGHTS[hour];
            hour++;
        }
        return START + day * 86_400_000L + hour * 3_600_000L + random.nextLong(3_600_000L);
    }

    private String id() {
        StringBuilder id = new StringBuilder(11);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < 11; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    private static String titleCase(String phrase) {
        return Character.toUpperCase(phrase.charAt(0)) + phrase.substring(1);
    }

    /** Sizes such as {@code 64m}, {@code 1g}, {@code 500k} or plain bytes. */
    static final class Sizes {
        private Sizes() {
        }

        static long parse(String text) {
            String s = text.strip().toLowerCase(java.util.Locale.ROOT);
            long unit = switch (s.charAt(s.length() - 1)) {
                case 'k' -> 1024L;
                case 'm' -> 1024L * 1024;
                case 'g' -> 1024L * 1024 * 1024;
                default -> 1;
            };
            return Long.parseLong(unit == 1 ? s : s.substring(0, s.length() - 1)) * unit;
        }
    }
}

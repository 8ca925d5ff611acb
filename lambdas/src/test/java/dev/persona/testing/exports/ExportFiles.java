package dev.persona.testing.exports;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Export files in the shapes Google Takeout, Chrome, Spotify and Netflix write them, generated from a seed: the
 * same seed gives the same bytes. Activities are spread over distinct times, so nothing in one generated file is a
 * duplicate of anything else unless a test writes the same activities twice (as Takeout does for YouTube, in My
 * Activity and in YouTube's own history).
 */
public final class ExportFiles {

    /** One Takeout activity: product, verb, title and link, an optional subtitle (a channel), time. */
    public record TakeoutItem(String product, String verb, String title, String url, String subtitle,
                              String subtitleUrl, Instant time) {
    }

    /** One Chrome visit. */
    public record Visit(String url, String title, String transition, Instant time) {
    }

    /** One Spotify play: a track (artist, track) or an episode (show, episode). */
    public record Play(String artist, String track, String show, String episode, long msPlayed, Instant end) {
    }

    /** One Netflix row. */
    public record Viewing(String profile, Instant start, String duration, String attributes, String title,
                          String supplemental) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final List<String[]> ARTISTS = List.of(
            new String[] {"Taylor Swift", "Anti-Hero", "Cruel Summer", "Shake It Off", "Blank Space"},
            new String[] {"Queen", "Bohemian Rhapsody", "Don't Stop Me Now", "Under Pressure"},
            new String[] {"Daft Punk", "One More Time", "Get Lucky", "Harder, Better, Faster, Stronger"});
    private static final List<String[]> PODCASTS = List.of(
            new String[] {"The Daily", "The Election Results", "Inside the Supreme Court", "A Climate Summit"},
            new String[] {"Huberman Lab", "Sleep and Health", "Fitness and Nutrition Basics"});
    private static final List<String[]> SHOWS = List.of(
            new String[] {"The Crown", "Season 1", "Wolferton Splash (Episode 1)", "Hyde Park Corner (Episode 2)",
                "Windsor (Episode 3)", "Act of God (Episode 4)", "Smoke and Mirrors (Episode 5)"},
            new String[] {"Stranger Things", "Stranger Things 4", "Chapter One: The Hellfire Club",
                "Chapter Two: Vecna's Curse", "Chapter Three: The Monster and the Superhero"},
            new String[] {"Money Heist", "Part 1", "Episode 1", "Episode 2", "Episode 3"});
    private static final List<String> MOVIES = List.of("The Irishman", "Glass Onion: A Knives Out Mystery",
            "Roma");

    private final SplittableRandom random;
    private final int minGapSeconds;
    private final int gapRangeSeconds;
    private Instant clock;

    /** Activities 20 to 80 minutes apart. */
    public ExportFiles(long seed, Instant start) {
        this(seed, start, 1200, 4800);
    }

    /** Activities {@code minGapSeconds} to {@code maxGapSeconds} apart (and a random millisecond). */
    public ExportFiles(long seed, Instant start, int minGapSeconds, int maxGapSeconds) {
        this.random = new SplittableRandom(seed);
        this.clock = start;
        this.minGapSeconds = minGapSeconds;
        this.gapRangeSeconds = maxGapSeconds - minGapSeconds;
    }

    /** The next distinct time. */
    private Instant next() {
        clock = clock.plusSeconds(minGapSeconds + random.nextInt(gapRangeSeconds)).plusMillis(random.nextInt(1000));
        return clock;
    }

    // ---- activities ----------------------------------------------------------------------------------------

    public List<TakeoutItem> searches(Topic topic, String product, int count) {
        List<TakeoutItem> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String query = pick(topic.searches()) + " " + (i + 1);
            items.add(new TakeoutItem(product, "Searched for", query,
                    "https://www.google.com/search?q=" + query.replace(' ', '+'), null, null, next()));
        }
        return items;
    }

    public List<TakeoutItem> watches(Topic topic, int count) {
        List<TakeoutItem> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Topic.Video video = pick(topic.videos());
            items.add(new TakeoutItem("YouTube", "Watched", video.title() + " part " + (i + 1),
                    "https://www.youtube.com/watch?v=" + id(11), video.channel(),
                    "https://www.youtube.com/channel/UC" + id(22), next()));
        }
        return items;
    }

    public List<TakeoutItem> directions(String place, int count) {
        List<TakeoutItem> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(new TakeoutItem("Maps", "Directions to", place + " " + (i + 1),
                    "https://www.google.com/maps/dir//" + place.replace(' ', '+'), null, null, next()));
        }
        return items;
    }

    public List<Visit> visits(Topic topic, int count) {
        List<Visit> visits = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Topic.Site site = pick(topic.sites());
            visits.add(new Visit(site.url() + "?ref=" + (i + 1), site.title(), i % 3 == 0 ? "TYPED" : "LINK", next()));
        }
        return visits;
    }

    /** Visits Chrome records that are not web activity: reloads and browser pages. */
    public List<Visit> browserNoise(int reloads, int pages) {
        List<Visit> visits = new ArrayList<>();
        for (int i = 0; i < reloads; i++) {
            visits.add(new Visit("https://www.example.com/page" + i, "Example page", "RELOAD", next()));
        }
        for (int i = 0; i < pages; i++) {
            visits.add(new Visit("chrome://newtab/", "New Tab", "AUTO_TOPLEVEL", next()));
        }
        return visits;
    }

    /** Music plays; every {@code shortEvery}-th one lasts 5 seconds (0 for none). */
    public List<Play> music(int count, int shortEvery) {
        List<Play> plays = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String[] artist = ARTISTS.get(i % ARTISTS.size());
            long ms = shortEvery > 0 && i % shortEvery == shortEvery - 1 ? 5_000 : 120_000 + random.nextInt(120_000);
            plays.add(new Play(artist[0], artist[1 + random.nextInt(artist.length - 1)], null, null, ms, next()));
        }
        return plays;
    }

    public List<Play> podcasts(int count) {
        List<Play> plays = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String[] show = PODCASTS.get(i % PODCASTS.size());
            plays.add(new Play(null, null, show[0], show[1 + random.nextInt(show.length - 1)],
                    900_000 + random.nextInt(1_800_000), next()));
        }
        return plays;
    }

    /**
     * A Netflix history: {@code binges} sittings of consecutive episodes of one show, single films in between,
     * and trailers and autoplayed previews that are not viewing; profiles alternate between two names.
     */
    public List<Viewing> viewing(int binges, int episodesPerBinge, int films, int trailers, int previews) {
        List<Viewing> rows = new ArrayList<>();
        for (int b = 0; b < binges; b++) {
            String[] show = SHOWS.get(b % SHOWS.size());
            Instant start = next();
            for (int e = 0; e < episodesPerBinge; e++) {
                rows.add(new Viewing("Anna", start, "00:45:00", "", show[0] + ": " + show[1] + ": "
                        + show[2 + e % (show.length - 2)], ""));
                start = start.plusSeconds(47 * 60);
            }
            clock = start;
        }
        for (int f = 0; f < films; f++) {
            rows.add(new Viewing("Ben", next(), "01:52:10", "", MOVIES.get(f % MOVIES.size()), ""));
        }
        for (int t = 0; t < trailers; t++) {
            rows.add(new Viewing("Anna", next(), "00:01:30", "", "The Crown: Season 6 (Trailer)", "TRAILER"));
        }
        for (int p = 0; p < previews; p++) {
            rows.add(new Viewing("Anna", next(), "00:00:08", "Autoplayed: user action: None; ",
                    "Stranger Things: Stranger Things 4: Chapter One: The Hellfire Club", ""));
        }
        rows.sort((a, b) -> b.start().compareTo(a.start()));
        return rows;
    }

    // ---- formats ---------------------------------------------------------------------------------------------

    /** How Takeout writes dates in HTML, by account language. */
    public enum HtmlDates {
        /** {@code Jan 5, 2024, 9:14:03 PM CET}, with a narrow no-break space before PM as newer exports have. */
        US_ENGLISH(DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm:ss'\u202F'a zzz", Locale.US)),
        /** {@code 5 Jan 2024, 21:14:03 GMT}. */
        UK_ENGLISH(DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm:ss zzz", Locale.UK));

        private final DateTimeFormatter formatter;

        HtmlDates(DateTimeFormatter formatter) {
            this.formatter = formatter;
        }

        String format(java.time.temporal.TemporalAccessor time) {
            return formatter.format(time);
        }
    }

    /** My Activity (or YouTube history) as Takeout's HTML: one line, inline style, one outer cell per activity. */
    public String myActivityHtml(List<TakeoutItem> items, ZoneId zone, HtmlDates dates) {
        StringBuilder html = new StringBuilder(htmlHead("My Activity"));
        for (TakeoutItem item : items) {
            appendHtmlCell(html, item, zone, dates);
        }
        return html.append(HTML_TAIL).toString();
    }

    /** The end of every Takeout HTML page. */
    public static final String HTML_TAIL = "</div></body></html>";

    /** One activity's outer cell, as Takeout writes it. */
    public static void appendHtmlCell(StringBuilder html, TakeoutItem item, ZoneId zone, HtmlDates dates) {
        String date = dates.format(item.time().atZone(zone));
        html.append(cell(item.product(), item.verb() + "&nbsp;<a href=\"" + escape(item.url()) + "\">"
                + escape(item.title()) + "</a><br>" + (item.subtitle() == null ? ""
                : "<a href=\"" + escape(item.subtitleUrl()) + "\">" + escape(item.subtitle()) + "</a><br>")
                + date + "<br>", "Products:", item.product(), "Why is this here?",
                "This activity was saved to your Google Account because the following settings were on:&nbsp;"));
    }

    /** The same kind of page in German: {@code Gesucht nach}, {@code 05.01.2024, 21:14:03 MEZ}, {@code Produkte:}. */
    public String germanMyActivityHtml(List<TakeoutItem> items) {
        DateTimeFormatter format = DateTimeFormatter.ofPattern("dd.MM.yyyy, HH:mm:ss zzz", Locale.GERMAN);
        StringBuilder html = new StringBuilder(htmlHead("Meine Aktivitäten"));
        for (TakeoutItem item : items) {
            html.append(cell("Google Suche", "Gesucht nach&nbsp;<a href=\"" + escape(item.url()) + "\">"
                    + escape(item.title()) + "</a><br>" + format.format(item.time().atZone(ZoneId.of("Europe/Berlin")))
                    + "<br>", "Produkte:", "Google Suche", "Warum wird das hier angezeigt?",
                    "Diese Aktivität wurde in Ihrem Google-Konto gespeichert."));
        }
        return html.append("</div></body></html>").toString();
    }

    /** A Spanish page without captions, as old exports were: only the month name tells the language. */
    public String spanishMyActivityHtml(List<TakeoutItem> items) {
        DateTimeFormatter format = DateTimeFormatter.ofPattern("d MMM yyyy, H:mm:ss", Locale.forLanguageTag("es-ES"));
        StringBuilder html = new StringBuilder(htmlHead("Mi actividad"));
        for (TakeoutItem item : items) {
            html.append("<div class=\"outer-cell mdl-cell mdl-cell--12-col mdl-shadow--2dp\"><div class=\"mdl-grid\">"
                    + "<div class=\"header-cell mdl-cell mdl-cell--12-col\"><p class=\"mdl-typography--title\">"
                    + "Búsqueda<br></p></div><div class=\"content-cell mdl-cell mdl-cell--6-col "
                    + "mdl-typography--body-1\">Has buscado&nbsp;<a href=\"" + escape(item.url()) + "\">"
                    + escape(item.title()) + "</a><br>" + format.format(item.time().atZone(ZoneId.of("Europe/Madrid")))
                    + "<br></div></div></div>");
        }
        return html.append("</div></body></html>").toString();
    }

    /**
     * Google Play's {@code Installs.json} from Takeout: a JSON array that is not activity (its times sit inside each
     * install), of the kind Takeout archives hold many of.
     */
    public static String playStoreInstalls(int count) {
        ArrayNode array = JSON.createArrayNode();
        for (int i = 0; i < count; i++) {
            ObjectNode install = array.addObject().putObject("install");
            install.putObject("doc").put("documentType", "Android Apps").put("title", "App " + i);
            install.put("firstInstallationTime", "2021-03-0" + (1 + i % 9) + "T10:00:00.000Z");
            install.putObject("deviceAttribute").put("manufacturer", "Google").put("deviceDisplayName", "Pixel 7");
            install.put("lastUpdateTime", "2024-01-0" + (1 + i % 9) + "T10:00:00.000Z");
        }
        return write(array);
    }

    /** Takeout's {@code archive_browser.html}: an HTML page that is not activity. */
    public static String archiveBrowser() {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Archive Overview</title></head><body>"
                + "<h1>Your Google data archive</h1><div class=\"service\"><h2>My Activity</h2><p>Records of your "
                + "activity across Google products.</p></div><div class=\"service\"><h2>Chrome</h2><p>Your "
                + "browsing history.</p></div></body></html>";
    }

    /** The start of a Takeout HTML page, up to its first cell. */
    public static String htmlHead(String title) {
        StringBuilder style = new StringBuilder();
        String[] selectors = {".mdl-grid", ".mdl-cell", ".mdl-cell--12-col", ".mdl-cell--6-col", ".header-cell",
            ".content-cell", ".outer-cell", ".mdl-typography--title", ".mdl-typography--body-1",
            ".mdl-typography--caption", ".mdl-shadow--2dp", ".mdl-typography--text-right"};
        for (int i = 0; i < 120; i++) {
            style.append(selectors[i % selectors.length]).append(i > 11 ? ":nth-child(" + i + ")" : "")
                    .append("{box-sizing:border-box;margin:8px;padding:0 16px;font-family:Roboto,Helvetica,Arial,"
                            + "sans-serif;font-size:14px;line-height:20px;color:rgba(0,0,0,.87)}");
        }
        return "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\"><style "
                + "type=\"text/css\">" + style + "</style><title>" + title + "</title></head><body><div "
                + "class=\"mdl-grid\">";
    }

    static String cell(String header, String body, String productsLabel, String product, String whyLabel,
                               String why) {
        return "<div class=\"outer-cell mdl-cell mdl-cell--12-col mdl-shadow--2dp\"><div class=\"mdl-grid\"><div "
                + "class=\"header-cell mdl-cell mdl-cell--12-col\"><p class=\"mdl-typography--title\">"
                + escape(header) + "<br></p></div><div class=\"content-cell mdl-cell mdl-cell--6-col "
                + "mdl-typography--body-1\">" + body + "</div><div class=\"content-cell mdl-cell mdl-cell--6-col "
                + "mdl-typography--body-1 mdl-typography--text-right\"></div><div class=\"content-cell mdl-cell "
                + "mdl-cell--12-col mdl-typography--caption\"><b>" + productsLabel + "</b><br>&emsp;"
                + escape(product) + "<br><b>" + whyLabel + "</b><br>&emsp;" + why + "<br>&emsp;Web &amp; App "
                + "Activity<br>&emsp;<a href=\"https://myaccount.google.com/activitycontrols\">here</a>.</div></div>"
                + "</div>";
    }

    /** My Activity (or YouTube history) as Takeout's JSON, pretty-printed as Takeout writes it. */
    public String myActivityJson(List<TakeoutItem> items) {
        ArrayNode array = JSON.createArrayNode();
        for (TakeoutItem item : items) {
            array.add(takeoutNode(item));
        }
        return write(array);
    }

    /** One activity as an element of Takeout's JSON array, pretty-printed and indented as Takeout writes it. */
    public static String myActivityJsonElement(TakeoutItem item) {
        return "  " + write(takeoutNode(item)).replace("\n", "\n  ");
    }

    private static ObjectNode takeoutNode(TakeoutItem item) {
        ObjectNode node = JSON.createObjectNode().put("header", item.product())
                .put("title", item.verb() + " " + item.title()).put("titleUrl", item.url());
        if (item.subtitle() != null) {
            node.putArray("subtitles").addObject().put("name", item.subtitle()).put("url", item.subtitleUrl());
        }
        node.put("time", item.time().toString());
        node.putArray("products").add(item.product());
        node.putArray("activityControls").add(item.product().equals("YouTube") ? "YouTube watch history"
                : "Web & App Activity");
        return node;
    }

    /** Chrome's {@code History.json}. */
    public String chromeHistory(List<Visit> visits) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode history = root.putArray("Browser History");
        for (Visit visit : visits) {
            history.add(visitNode(visit));
        }
        return write(root);
    }

    /** One visit as an element of Chrome's "Browser History" array, indented as Chrome writes it. */
    public String chromeHistoryElement(Visit visit) {
        return "    " + write(visitNode(visit)).replace("\n", "\n    ");
    }

    private ObjectNode visitNode(Visit visit) {
        return JSON.createObjectNode()
                .put("favicon_url", visit.url().replaceAll("(https?://[^/]+).*", "$1/favicon.ico"))
                .put("page_transition", visit.transition()).put("title", visit.title()).put("url", visit.url())
                .put("client_id", id(22) + "==").put("time_usec", visit.time().toEpochMilli() * 1000
                        + random.nextInt(1000));
    }

    /** Spotify account data: {@code StreamingHistory_music_N.json} or {@code StreamingHistory_podcast_N.json}. */
    public String spotifyStreamingHistory(List<Play> plays) {
        DateTimeFormatter minutes = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("UTC"));
        ArrayNode array = JSON.createArrayNode();
        for (Play play : plays) {
            ObjectNode node = array.addObject().put("endTime", minutes.format(play.end()));
            if (play.track() != null) {
                node.put("artistName", play.artist()).put("trackName", play.track());
            } else {
                node.put("podcastName", play.show()).put("episodeName", play.episode());
            }
            node.put("msPlayed", play.msPlayed());
        }
        return write(array);
    }

    /** Spotify's extended streaming history ({@code Streaming_History_Audio_*.json}, {@code endsong_*.json}). */
    public String spotifyExtendedHistory(List<Play> plays) {
        ArrayNode array = JSON.createArrayNode();
        for (Play play : plays) {
            boolean track = play.track() != null;
            array.addObject().put("ts", play.end().toString().replaceAll("\\.\\d+Z$", "Z")).put("username", "user" + 42)
                    .put("platform", "Android OS 14 API 34 (Google, Pixel 7)").put("ms_played", play.msPlayed())
                    .put("conn_country", "DE").put("ip_addr_decrypted", "203.0.113.7")
                    .put("user_agent_decrypted", "unknown")
                    .put("master_metadata_track_name", track ? play.track() : null)
                    .put("master_metadata_album_artist_name", track ? play.artist() : null)
                    .put("master_metadata_album_album_name", track ? "Album" : null)
                    .put("spotify_track_uri", track ? "spotify:track:" + id(22) : null)
                    .put("episode_name", track ? null : play.episode())
                    .put("episode_show_name", track ? null : play.show())
                    .put("spotify_episode_uri", track ? null : "spotify:episode:" + id(22))
                    .put("reason_start", "trackdone").put("reason_end", "trackdone").put("shuffle", false)
                    .put("skipped", play.msPlayed() < 30_000).put("offline", false)
                    .put("offline_timestamp", play.end().getEpochSecond()).put("incognito_mode", false);
        }
        return write(array);
    }

    /** Netflix's {@code ViewingActivity.csv}. */
    public static String netflixViewingActivity(List<Viewing> rows) {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("UTC"));
        StringBuilder csv = new StringBuilder("Profile Name,Start Time,Duration,Attributes,Title,"
                + "Supplemental Video Type,Device Type,Bookmark,Latest Bookmark,Country\n");
        for (Viewing row : rows) {
            csv.append(csvCell(row.profile())).append(',').append(time.format(row.start())).append(',')
                    .append(row.duration()).append(',').append(csvCell(row.attributes())).append(',')
                    .append(csvCell(row.title())).append(',').append(row.supplemental())
                    .append(",Chrome PC (Cadmium),").append(row.duration()).append(',').append(row.duration())
                    .append(",DE (Germany)\n");
        }
        return csv.toString();
    }

    private static String csvCell(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    private static String write(Object node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private String id(int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

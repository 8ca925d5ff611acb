package dev.persona.api.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Netscape bookmark files shaped like a browser's export (Chrome's layout: the toolbar and "Other bookmarks" as top
 * folders, nested folders, {@code ADD_DATE}s, {@code ICON} data URIs on some links; Firefox's {@code TAGS} on others;
 * entity-encoded and non-ASCII titles, an internationalized host), with a known number of links that are not
 * addresses and of addresses given twice (in other spellings that normalize alike). Deterministic for a seed.
 */
public final class BookmarkFiles {

    /** Sites by topic, as the categorizer knows them. */
    public static final List<String> SPORTS_SITES = List.of("www.espn.com/nba", "www.nba.com/games",
            "www.espn.com/soccer", "www.nba.com/standings");
    private static final List<String> SITES = List.of("www.espn.com/nba", "www.nba.com/games", "www.allrecipes.com/recipe",
            "www.bbcgoodfood.com/recipes", "github.com/features", "stackoverflow.com/questions", "www.booking.com/hotel",
            "www.skyscanner.net/flights", "bücher.example/katalog", "en.wikipedia.org/wiki");
    private static final List<String> FOLDERS = List.of("Sports & Games", "Recettes d'été", "Work Stuff", "Reading/Later",
            "Travel 2026");
    private static final List<String> INVALID = List.of("javascript:void(0)", "place:sort=8&maxResults=10",
            "file:///home/me/notes.txt", "chrome://settings/", "http://", "https://user:secret@example.com/",
            "http://example.com:99999/", "about:blank", "ftp://files.example.com/a");

    private BookmarkFiles() {
    }

    /**
     * A file and what it holds.
     *
     * @param links      every {@code <A HREF>}
     * @param unique     distinct valid addresses
     * @param duplicates valid links whose address came earlier in the file
     * @param invalid    links that are not http(s) addresses
     */
    public record BookmarkFile(String html, int links, int unique, int duplicates, int invalid, List<String> urls) {
    }

    /** A file of {@code links} links: about 3 % not addresses, about 7 % addresses given before. */
    public static BookmarkFile generate(int links, long seed) {
        Random random = new Random(seed);
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE NETSCAPE-Bookmark-file-1>
                <!-- This is an automatically generated file.
                     It will be read and overwritten.
                     DO NOT EDIT! -->
                <META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">
                <TITLE>Bookmarks</TITLE>
                <H1>Bookmarks</H1>
                <DL><p>
                    <DT><H3 ADD_DATE="1600000000" LAST_MODIFIED="1700000000" PERSONAL_TOOLBAR_FOLDER="true">Bookmarks bar</H3>
                    <DL><p>
                """);
        List<String> urls = new ArrayList<>();
        int duplicates = 0;
        int invalid = 0;
        long base = Instant.parse("2015-01-01T00:00:00Z").getEpochSecond();
        int depth = 2;
        for (int i = 0; i < links; i++) {
            if (i % 400 == 0 && i > 0) {
                while (depth > 2) {
                    html.append("    ".repeat(depth - 1)).append("</DL><p>\n");
                    depth--;
                }
                String folder = FOLDERS.get(random.nextInt(FOLDERS.size()));
                html.append("    ".repeat(depth)).append("<DT><H3 ADD_DATE=\"").append(base).append("\">")
                        .append(folder.replace("&", "&amp;").replace("'", "&#39;")).append("</H3>\n")
                        .append("    ".repeat(depth)).append("<DL><p>\n");
                depth++;
            }
            String href;
            int roll = random.nextInt(100);
            if (roll < 3) {
                href = INVALID.get(random.nextInt(INVALID.size()));
                invalid++;
            } else if (roll < 10 && !urls.isEmpty()) {
                href = variant(urls.get(random.nextInt(urls.size())), random);
                duplicates++;
            } else {
                String site = SITES.get(random.nextInt(SITES.size()));
                href = "https://" + site + "/" + Integer.toString(i, 36) + "?ref=bm&id=" + i;
                urls.add(href);
            }
            StringBuilder link = new StringBuilder("<DT><A HREF=\"").append(href.replace("&", "&amp;"))
                    .append("\" ADD_DATE=\"").append(base + i * 3_600L).append('"');
            if (random.nextInt(4) == 0) {
                byte[] icon = new byte[96];
                random.nextBytes(icon);
                link.append(" ICON=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(icon))
                        .append('"');
            }
            if (random.nextInt(5) == 0) {
                link.append(" TAGS=\"Favourites,Read Later\"");
            }
            String title = switch (random.nextInt(4)) {
                case 0 -> "Scores &amp; Stats #" + i;
                case 1 -> "L&#39;article n°" + i;
                case 2 -> "Über die Seite " + i;
                default -> "Page " + i;
            };
            link.append('>').append(title).append("</A>\n");
            html.append("    ".repeat(depth)).append(link);
        }
        while (depth > 1) {
            html.append("    ".repeat(depth - 1)).append("</DL><p>\n");
            depth--;
        }
        html.append("</DL><p>\n");
        return new BookmarkFile(html.toString(), links, urls.size(), duplicates, invalid, List.copyOf(urls));
    }

    /** The same address spelled otherwise: an upper-case host, the default port, a fragment, an escaped letter. */
    private static String variant(String url, Random random) {
        int slash = url.indexOf('/', "https://".length());
        return switch (random.nextInt(4)) {
            case 0 -> "HTTPS://" + url.substring("https://".length(), slash).toUpperCase(java.util.Locale.ROOT)
                    + url.substring(slash);
            case 1 -> url.substring(0, slash) + ":443" + url.substring(slash);
            case 2 -> url + "#section-2";
            default -> url.substring(0, slash + 1) + "%" + Integer.toHexString(url.charAt(slash + 1))
                    + url.substring(slash + 2);
        };
    }
}

package dev.persona.testing.exports;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.zip.Deflater;

import static dev.persona.testing.exports.ExportFiles.utf8;

/**
 * The test corpus of exports, generated with a fixed seed instead of committed as binaries: every archive and
 * file a person might upload, in the real shapes, with what the pipeline must make of it; and the hostile ones,
 * with the named error each must end in. Samples are built on first use and kept.
 */
public final class ExportCorpus {

    public static final long SEED = 20_241_205L;
    private static final Instant START = Instant.parse("2024-03-01T07:00:00Z");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Map<String, Object> CACHE = new ConcurrentHashMap<>();

    /** How the bombs' payload starts: a JSON array whose first event is real, the rest of it spaces. */
    private static final byte[] BOMB_START = ExportFiles.utf8(
            "[{\"timestamp\": \"2024-01-05T10:00:00Z\", \"title\": \"nba playoffs\"}");

    private ExportCorpus() {
    }

    /**
     * What a good sample must give.
     *
     * @param detectedFormat the job's detected format
     * @param topInterest    the persona's first interest
     * @param sources        activities per source in the persona
     */
    public record Expected(String detectedFormat, String topInterest, Map<String, Long> sources) {
    }

    /** A file to upload and what must come of it: {@code expected} for a good one, {@code error} for a hostile one. */
    public record Sample(String name, String filename, String contentType, byte[] content, Expected expected,
                         String error, String messageContains) {

        @Override
        public String toString() {
            return name;
        }
    }

    // ---- good exports ----------------------------------------------------------------------------------------

    /** Takeout with My Activity in HTML (its default): Search, Maps, YouTube (twice, as Takeout does), Chrome. */
    public static Sample takeoutHtmlZip() {
        return cached("takeout-html.zip", () -> {
            ExportFiles files = new ExportFiles(SEED, START);
            var search = files.searches(Topic.SPORTS, "Search", 40);
            var maps = files.directions("Wembley Stadium", 6);
            var watches = files.watches(Topic.SPORTS, 30);
            var youtubeSearches = files.searches(Topic.SPORTS, "YouTube", 10);
            var visits = new ArrayList<>(files.visits(Topic.SPORTS, 25));
            visits.addAll(files.browserNoise(3, 2));
            ZipBuilder zip = new ZipBuilder();
            zip.folder("Takeout/");
            zip.add("Takeout/archive_browser.html", ExportFiles.archiveBrowser());
            zip.add("Takeout/My Activity/Search/MyActivity.html",
                    files.myActivityHtml(search, PARIS, ExportFiles.HtmlDates.US_ENGLISH));
            zip.add("Takeout/My Activity/Maps/MyActivity.html",
                    files.myActivityHtml(maps, PARIS, ExportFiles.HtmlDates.US_ENGLISH));
            zip.add("Takeout/My Activity/YouTube/MyActivity.html",
                    files.myActivityHtml(watches, PARIS, ExportFiles.HtmlDates.US_ENGLISH));
            zip.add("Takeout/YouTube and YouTube Music/history/watch-history.html",
                    files.myActivityHtml(watches, PARIS, ExportFiles.HtmlDates.US_ENGLISH)).withDataDescriptor();
            zip.add("Takeout/YouTube and YouTube Music/history/search-history.html",
                    files.myActivityHtml(youtubeSearches, PARIS, ExportFiles.HtmlDates.US_ENGLISH));
            zip.add("Takeout/Chrome/History.json", files.chromeHistory(visits));
            zip.add("Takeout/Google Photos/Photos from 2024/IMG_0001.jpg", jpeg(8_000)).stored();
            zip.add("Takeout/Drive/Notes.docx", docx());
            return new Sample("takeout-html.zip", "takeout-20240301T070000Z-001.zip", "application/zip", zip.build(),
                    new Expected("zip", "Sports", sources("Search", 40, "YouTube", 40, "Chrome", 25, "Maps", 6)),
                    null, null);
        });
    }

    /** Takeout with My Activity in JSON. */
    public static Sample takeoutJsonZip() {
        return cached("takeout-json.zip", () -> {
            ExportFiles files = new ExportFiles(SEED + 1, START);
            var search = files.searches(Topic.FOOD, "Search", 35);
            var watches = files.watches(Topic.FOOD, 25);
            var visits = files.visits(Topic.FOOD, 20);
            ZipBuilder zip = new ZipBuilder();
            zip.add("Takeout/archive_browser.html", ExportFiles.archiveBrowser());
            zip.add("Takeout/My Activity/Search/MyActivity.json", files.myActivityJson(search));
            zip.add("Takeout/My Activity/YouTube/MyActivity.json", files.myActivityJson(watches));
            zip.add("Takeout/YouTube and YouTube Music/history/watch-history.json", files.myActivityJson(watches));
            zip.add("Takeout/Chrome/History.json", files.chromeHistory(visits));
            zip.add("Takeout/Google Play Store/Installs.json", ExportFiles.playStoreInstalls(200));
            return new Sample("takeout-json.zip", "takeout-20240301T070000Z-002.zip", "application/zip", zip.build(),
                    new Expected("zip", "Food & Drink", sources("Search", 35, "YouTube", 25, "Chrome", 20)), null,
                    null);
        });
    }

    /** Takeout as a .tgz, British English dates, with folders and a link. */
    public static Sample takeoutTgz() {
        return cached("takeout.tgz", () -> {
            ExportFiles files = new ExportFiles(SEED + 2, START);
            var search = files.searches(Topic.TRAVEL, "Search", 30);
            var watches = files.watches(Topic.TRAVEL, 20);
            var visits = files.visits(Topic.TRAVEL, 15);
            byte[] tgz = new TarBuilder()
                    .folder("Takeout/")
                    .folder("Takeout/My Activity/")
                    .file("Takeout/My Activity/Search/MyActivity.html",
                            files.myActivityHtml(search, ZoneId.of("Europe/London"), ExportFiles.HtmlDates.UK_ENGLISH))
                    .file("Takeout/YouTube and YouTube Music/history/watch-history.html",
                            files.myActivityHtml(watches, ZoneId.of("Europe/London"), ExportFiles.HtmlDates.UK_ENGLISH))
                    .file("Takeout/Chrome/History.json", files.chromeHistory(visits))
                    .symlink("Takeout/latest", "My Activity")
                    .file("Takeout/archive_browser.html", ExportFiles.archiveBrowser())
                    .tgz();
            return new Sample("takeout.tgz", "takeout-20240301T070000Z-001.tgz", "application/gzip", tgz,
                    new Expected("tar", "Travel", sources("Search", 30, "YouTube", 20, "Chrome", 15)), null, null);
        });
    }

    /** Spotify account data: music and podcasts, with short plays and files that are not listening history. */
    public static Sample spotifyZip() {
        return cached("spotify.zip", () -> {
            ExportFiles files = new ExportFiles(SEED + 3, START);
            ZipBuilder zip = new ZipBuilder();
            zip.add("MyData/StreamingHistory_music_0.json", files.spotifyStreamingHistory(files.music(60, 10)));
            zip.add("MyData/StreamingHistory_podcast_0.json", files.spotifyStreamingHistory(files.podcasts(12)));
            zip.add("MyData/Userdata.json", "{\n  \"username\" : \"user42\",\n  \"country\" : \"DE\"\n}");
            zip.add("MyData/Read Me First.pdf", pdf());
            return new Sample("spotify.zip", "my_spotify_data.zip", "application/zip", zip.build(),
                    new Expected("zip", "Music and Audio", sources("Spotify", 66)), null, null);
        });
    }

    /** Spotify's extended streaming history. */
    public static Sample spotifyExtendedZip() {
        return cached("spotify-extended.zip", () -> {
            ExportFiles files = new ExportFiles(SEED + 4, START);
            List<ExportFiles.Play> plays = new ArrayList<>(files.music(40, 0));
            plays.addAll(files.podcasts(8));
            ZipBuilder zip = new ZipBuilder();
            zip.add("Spotify Extended Streaming History/Streaming_History_Audio_2023-2024_0.json",
                    files.spotifyExtendedHistory(plays));
            zip.add("Spotify Extended Streaming History/ReadMeFirst_ExtendedStreamingHistory.pdf", pdf());
            return new Sample("spotify-extended.zip", "my_spotify_data.zip", "application/zip", zip.build(),
                    new Expected("zip", "Music and Audio", sources("Spotify", 48)), null, null);
        });
    }

    /** Netflix: binges, films, trailers and previews, and the other files of the export. */
    public static Sample netflixZip() {
        return cached("netflix.zip", () -> {
            ExportFiles files = new ExportFiles(SEED + 5, START);
            ZipBuilder zip = new ZipBuilder();
            zip.add("netflix-report/CONTENT_INTERACTION/ViewingActivity.csv",
                    ExportFiles.netflixViewingActivity(files.viewing(3, 4, 3, 5, 4)));
            zip.add("netflix-report/CLICKSTREAM/Clickstream.csv", "Profile Name,Source,Navigation Level,"
                    + "Referrer Url,Webpage Url,Click Utc Ts\nAnna,,browseTitles,,https://www.netflix.com/browse,\n");
            zip.add("netflix-report/Cover sheet.pdf", pdf());
            return new Sample("netflix.zip", "netflix-report.zip", "application/zip", zip.build(),
                    new Expected("zip", "Television", sources("Netflix", 15)), null, null);
        });
    }

    /** Each export on its own, not archived. */
    public static List<Sample> singleFiles() {
        return cachedList("single files", () -> {
            ExportFiles files = new ExportFiles(SEED + 6, START);
            List<Sample> samples = new ArrayList<>();
            samples.add(new Sample("MyActivity.html", "MyActivity.html", "text/html",
                    utf8(files.myActivityHtml(files.searches(Topic.SPORTS, "Search", 25), PARIS,
                            ExportFiles.HtmlDates.US_ENGLISH)),
                    new Expected("takeout-my-activity-html", "Sports", sources("Search", 25)), null, null));
            samples.add(new Sample("watch-history.json", "watch-history.json", "application/json",
                    utf8(files.myActivityJson(files.watches(Topic.FOOD, 20))),
                    new Expected("takeout-my-activity", "Food & Drink", sources("YouTube", 20)), null, null));
            samples.add(new Sample("History.json", "History.json", "application/json",
                    utf8(files.chromeHistory(files.visits(Topic.TRAVEL, 20))),
                    new Expected("chrome-history", "Travel", sources("Chrome", 20)), null, null));
            samples.add(new Sample("StreamingHistory_music_0.json", "StreamingHistory_music_0.json",
                    "application/json", utf8(files.spotifyStreamingHistory(files.music(30, 0))),
                    new Expected("spotify-streaming-history", "Music and Audio", sources("Spotify", 30)), null, null));
            samples.add(new Sample("endsong_0.json", "endsong_0.json", "application/json",
                    utf8(files.spotifyExtendedHistory(files.music(25, 0))),
                    new Expected("spotify-extended-history", "Music and Audio", sources("Spotify", 25)), null, null));
            samples.add(new Sample("ViewingActivity.csv", "ViewingActivity.csv", "text/csv",
                    utf8(ExportFiles.netflixViewingActivity(files.viewing(2, 3, 1, 2, 2))),
                    new Expected("netflix-viewing-activity", "Television", sources("Netflix", 7)), null, null));
            return samples;
        });
    }

    /** Every good sample: the archives, then the single files. */
    public static List<Sample> good() {
        List<Sample> all = new ArrayList<>(List.of(takeoutHtmlZip(), takeoutJsonZip(), takeoutTgz(), spotifyZip(),
                spotifyExtendedZip(), netflixZip()));
        all.addAll(singleFiles());
        return all;
    }

    // ---- hostile uploads -------------------------------------------------------------------------------------

    /** Every hostile upload, each with the named error it must end in. */
    public static List<Sample> hostile() {
        return cachedList("hostile", () -> {
            List<Sample> samples = new ArrayList<>();
            byte[] spaces = deflatedSpaces();
            ZipBuilder honest = new ZipBuilder();
            honest.add("Takeout/My Activity/Search/MyActivity.json", new byte[0]).compressedData(spaces)
                    .declaring(256L << 20).crc(spacesCrc(256L << 20));
            samples.add(bad("zip-bomb.zip", "application/zip", honest.build(), "CompressionRatioTooHigh",
                    "expands more than"));
            ZipBuilder lying = new ZipBuilder();
            lying.add("Takeout/My Activity/Search/MyActivity.json", new byte[0]).compressedData(spaces)
                    .declaring(10L << 20).crc(spacesCrc(10L << 20));
            samples.add(bad("lying-zip-bomb.zip", "application/zip", lying.build(), "CompressionRatioTooHigh",
                    "expands more than"));
            ZipBuilder overlapping = new ZipBuilder();
            overlapping.add("a.json", takeoutJson()).stored();
            for (int i = 0; i < 5; i++) {
                overlapping.sharingDataOf(0, "copy-" + i + ".json");
            }
            samples.add(bad("overlapping-zip-bomb.zip", "application/zip", overlapping.build(), "MalformedUpload",
                    "overlap"));
            samples.add(bad("gzip-bomb.json.gz", "application/gzip", gzipBomb(), "CompressionRatioTooHigh",
                    "expands more than"));
            samples.add(bad("tgz-bomb.tgz", "application/gzip", tgzBomb(), "CompressionRatioTooHigh",
                    "expands more than"));
            for (String[] name : new String[][] {{"traversal.zip", "../../../etc/cron.d/persona"},
                {"absolute.zip", "/etc/cron.d/persona"}, {"drive-letter.zip", "C:\\Windows\\System32\\evil.json"},
                {"backslash-traversal.zip", "Takeout\\..\\..\\evil.json"}}) {
                ZipBuilder zip = new ZipBuilder();
                zip.add("Takeout/My Activity/Search/MyActivity.json", takeoutJson());
                zip.add(name[1], takeoutJson());
                samples.add(bad(name[0], "application/zip", zip.build(), "UnsafeArchiveEntryName", "outside"));
            }
            samples.add(bad("traversal.tgz", "application/gzip", new TarBuilder()
                    .file("Takeout/My Activity/Search/MyActivity.json", takeoutJson())
                    .file("../evil.json", takeoutJson()).tgz(), "UnsafeArchiveEntryName", "outside"));
            ZipBuilder encrypted = new ZipBuilder();
            encrypted.add("Takeout/My Activity/Search/MyActivity.json", takeoutJson()).encrypted("secret");
            samples.add(bad("encrypted.zip", "application/zip", encrypted.build(), "EncryptedArchive", "password"));
            ZipBuilder aes = new ZipBuilder();
            aes.add("Takeout/My Activity/Search/MyActivity.json", takeoutJson()).claimingMethod(99)
                    .extra(new byte[] {1, (byte) 0x99, 7, 0, 2, 0, 'A', 'E', 3, 8, 0});
            samples.add(bad("aes-encrypted.zip", "application/zip", aes.build(), "EncryptedArchive", "password"));
            ZipBuilder split = new ZipBuilder();
            split.add("Takeout/My Activity/Search/MyActivity.json", takeoutJson());
            samples.add(bad("split.zip", "application/zip", split.splitPart(2).build(), "UnsupportedArchive",
                    "split"));
            ZipBuilder spanned = new ZipBuilder();
            spanned.add("Takeout/My Activity/Search/MyActivity.json", takeoutJson());
            samples.add(bad("spanned.zip", "application/zip", spanned.spannedMarker().build(), "UnsupportedArchive",
                    "split"));
            ZipBuilder bzip2 = new ZipBuilder();
            bzip2.add("Takeout/My Activity/Search/MyActivity.json", takeoutJson()).claimingMethod(12);
            samples.add(bad("bzip2.zip", "application/zip", bzip2.build(), "UnsupportedArchive", "bzip2"));
            ZipBuilder nested = new ZipBuilder();
            nested.add("takeout-001.zip", takeoutJsonZip().content()).stored();
            samples.add(bad("nested.zip", "application/zip", nested.build(), "NestedArchive", "takeout-001.zip"));
            samples.add(bad("many-entries.zip", "application/zip", manyEntries(60_000), "TooManyArchiveEntries",
                    "60,000"));
            ZipBuilder longName = new ZipBuilder();
            longName.add("Takeout/" + "a".repeat(2000) + ".json", takeoutJson());
            samples.add(bad("long-name.zip", "application/zip", longName.build(), "ArchiveEntryNameTooLong",
                    "longer than 1024 bytes"));
            samples.add(bad("empty.zip", "application/zip", new ZipBuilder().build(), "EmptyUpload", "empty"));
            ZipBuilder photos = new ZipBuilder();
            photos.add("Takeout/Google Photos/IMG_0001.jpg", jpeg(4000)).stored();
            photos.add("Takeout/Google Photos/IMG_0002.jpg", jpeg(5000)).stored();
            photos.add("Takeout/archive_browser.html", ExportFiles.archiveBrowser());
            samples.add(bad("photos-only.zip", "application/zip", photos.build(), "EmptyUpload", "IMG_0001.jpg"));
            ExportFiles files = new ExportFiles(SEED + 7, START);
            byte[] german = utf8(files.germanMyActivityHtml(files.searches(Topic.SPORTS, "Search", 10)));
            samples.add(bad("german-MyActivity.html", "text/html", german, "UnsupportedLanguage", "German"));
            ZipBuilder germanZip = new ZipBuilder();
            germanZip.add("Takeout/Meine Aktivitäten/Suche/MeineAktivitäten.html", german);
            samples.add(bad("german-takeout.zip", "application/zip", germanZip.build(), "UnsupportedLanguage",
                    "German"));
            ExportFiles january = new ExportFiles(SEED + 9, Instant.parse("2024-01-08T07:00:00Z"));
            samples.add(bad("spanish-MyActivity.html", "text/html",
                    utf8(january.spanishMyActivityHtml(january.searches(Topic.FOOD, "Search", 10))),
                    "UnsupportedLanguage", "Spanish"));
            byte[] whole = takeoutJsonZip().content();
            samples.add(bad("truncated.zip", "application/zip", Arrays.copyOf(whole, whole.length / 2),
                    "MalformedUpload", "end is missing"));
            samples.add(bad("bad-checksum.zip", "application/zip", corruptCrc(), "MalformedUpload", "checksum"));
            samples.add(bad("archive.7z", "application/octet-stream",
                    new byte[] {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C, 0, 4, 1, 2, 3, 4}, "UnsupportedArchive",
                    "7-Zip"));
            return samples;
        });
    }

    /** A small Takeout My Activity JSON file. */
    public static byte[] takeoutJson() {
        return (byte[]) CACHE.computeIfAbsent("takeout json", k -> {
            ExportFiles files = new ExportFiles(SEED + 8, START);
            return utf8(files.myActivityJson(files.searches(Topic.SPORTS, "Search", 12)));
        });
    }

    /**
     * The bombs' payload, 256 MiB, deflated (about 250 KB). It is valid text all the way, so a reader keeps
     * inflating it until something stops it.
     */
    private static byte[] deflatedSpaces() {
        return (byte[]) CACHE.computeIfAbsent("spaces", k -> {
            Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
            byte[] chunk = spaces(1 << 20);
            byte[] buffer = new byte[64 * 1024];
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < 256; i++) {
                deflater.setInput(chunk);
                while (!deflater.needsInput()) {
                    out.write(buffer, 0, deflater.deflate(buffer));
                }
            }
            deflater.finish();
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            deflater.end();
            return out.toByteArray();
        });
    }

    /** The start of the bombs' payload, then spaces, {@code size} bytes in all. */
    private static byte[] spaces(int size) {
        byte[] text = new byte[size];
        Arrays.fill(text, (byte) ' ');
        System.arraycopy(BOMB_START, 0, text, 0, BOMB_START.length);
        return text;
    }

    /** The CRC-32 of the first {@code size} bytes of the bombs' payload. */
    private static long spacesCrc(long size) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(BOMB_START);
        byte[] blanks = new byte[1 << 20];
        Arrays.fill(blanks, (byte) ' ');
        for (long left = size - BOMB_START.length; left > 0; left -= blanks.length) {
            crc.update(blanks, 0, (int) Math.min(left, blanks.length));
        }
        return crc.getValue();
    }

    /**
     * The bombs' payload, 1 GiB, as 1,024 concatenated gzip members of 1 MiB each: about 1 MB, valid for
     * {@code gzip -d}, text all the way.
     */
    public static byte[] gzipBomb() {
        return (byte[]) CACHE.computeIfAbsent("gzip bomb", k -> {
            byte[] first = TarBuilder.gzip(spaces(1 << 20));
            byte[] blank = new byte[1 << 20];
            Arrays.fill(blank, (byte) ' ');
            byte[] member = TarBuilder.gzip(blank);
            ByteArrayOutputStream out = new ByteArrayOutputStream(member.length * 1024);
            out.write(first, 0, first.length);
            for (int i = 1; i < 1024; i++) {
                out.write(member, 0, member.length);
            }
            return out.toByteArray();
        });
    }

    /** A tar.gz whose one file is 300 MiB of zeros. */
    private static byte[] tgzBomb() {
        return TarBuilder.gzippedZeros("Takeout/My Activity/Search/MyActivity.json", 300L << 20);
    }

    private static byte[] manyEntries(int count) {
        ZipBuilder zip = new ZipBuilder();
        for (int i = 0; i < count; i++) {
            zip.add(String.format("Takeout/Drive/n/%05d.txt", i), new byte[] {'x'}).stored();
        }
        return zip.build();
    }

    private static byte[] corruptCrc() {
        ZipBuilder zip = new ZipBuilder();
        zip.add("Takeout/My Activity/Search/MyActivity.json", takeoutJson()).stored();
        byte[] archive = zip.build();
        byte[] json = takeoutJson();
        int at = indexOf(archive, json);
        archive[at + json.length / 2] ^= 0x01;
        return archive;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }

    /** The start of a JPEG: binary, with NUL bytes. */
    private static byte[] jpeg(int size) {
        byte[] image = new byte[size];
        byte[] header = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0};
        System.arraycopy(header, 0, image, 0, header.length);
        for (int i = header.length; i < size; i++) {
            image[i] = (byte) (i * 31);
        }
        return image;
    }

    private static byte[] pdf() {
        byte[] pdf = new byte[600];
        byte[] header = utf8("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n");
        System.arraycopy(header, 0, pdf, 0, header.length);
        return pdf;
    }

    /** An Office document: a zip, like Takeout's Drive exports. */
    private static byte[] docx() {
        ZipBuilder docx = new ZipBuilder();
        docx.add("[Content_Types].xml", "<?xml version=\"1.0\"?><Types/>");
        docx.add("word/document.xml", "<?xml version=\"1.0\"?><document><body>Notes</body></document>");
        return docx.build();
    }

    private static Map<String, Long> sources(Object... pairs) {
        Map<String, Long> sources = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            sources.put((String) pairs[i], ((Integer) pairs[i + 1]).longValue());
        }
        return sources;
    }

    private static Sample bad(String name, String contentType, byte[] content, String error, String message) {
        return new Sample(name, name, contentType, content, null, error, message);
    }

    private static Sample cached(String name, Supplier<Sample> build) {
        return (Sample) CACHE.computeIfAbsent(name, k -> build.get());
    }

    @SuppressWarnings("unchecked")
    private static List<Sample> cachedList(String name, Supplier<List<Sample>> build) {
        return (List<Sample>) CACHE.computeIfAbsent(name, k -> List.copyOf(build.get()));
    }
}

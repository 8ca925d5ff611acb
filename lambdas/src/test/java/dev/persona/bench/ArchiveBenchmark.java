package dev.persona.bench;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import dev.persona.pipeline.StepRequests.PreprocessRequest;
import dev.persona.pipeline.StepRequests.PreprocessResult;
import dev.persona.pipeline.StepRequests.UploadedObject;
import dev.persona.pipeline.preprocess.PreprocessService;
import dev.persona.pipeline.preprocess.PreprocessSettings;
import dev.persona.testing.exports.ExportFiles;
import dev.persona.testing.exports.Topic;

/**
 * Issue 12's benchmark: preprocess on a Takeout zip of the given size holding My Activity in HTML (Search) and JSON
 * (YouTube), YouTube's watch history in HTML and Chrome's History.json, against preprocess on the same records as
 * one My Activity JSON file. Both are generated from one seed, record for record, and read from a local folder on
 * one core. Prints, for each, records per CPU second and MB/s (of the file as uploaded, and of the text inside),
 * the ratio of the archive's records/s to the JSON's, and the peak heap. Run it through
 * {@code lambdas/benchmark --archive}, which pins one core and sets the heap.
 *
 * <p>Options: {@code --size 1g} (the zip's size), {@code --warmup 64m} (a first, unmeasured pair of runs to compile
 * the hot code; 0 to skip), {@code --repeat 1} (runs of each file; the one with the least CPU time is reported, since
 * other processes on the machine only ever add to it), {@code --dir DIR} (work folder, kept).
 */
public final class ArchiveBenchmark {

    private static final String BUCKET = "bench";
    private static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    private static final int BATCH = 500;

    private ArchiveBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        long size = ActivityFileGenerator.Sizes.parse("1g");
        long warmup = ActivityFileGenerator.Sizes.parse("64m");
        Path dir = null;
        int repeat = 1;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--repeat" -> repeat = Integer.parseInt(args[i + 1]);
                case "--size" -> size = ActivityFileGenerator.Sizes.parse(args[i + 1]);
                case "--warmup" -> warmup = ActivityFileGenerator.Sizes.parse(args[i + 1]);
                case "--dir" -> dir = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path work = dir != null ? dir : Files.createTempDirectory("persona-archive-bench");
        try {
            if (warmup > 0) {
                runPair(work, "warmup", warmup, 1, false);
            }
            runPair(work, "measured", size, repeat, true);
        } finally {
            if (dir == null) {
                Measurements.deleteTree(work);
            }
        }
    }

    private record Generated(long zipBytes, long jsonBytes, long textBytes, long records) {
    }

    private record Measured(long records, long cpuNanos, long wallNanos, long peakHeap) {
    }

    private static void runPair(Path work, String name, long size, int repeat, boolean print) throws IOException {
        DirectoryObjectStore store = new DirectoryObjectStore(work);
        String zipKey = "uploads/bench/" + name + "-zip/takeout.zip";
        String jsonKey = "uploads/bench/" + name + "-json/MyActivity.json";
        Path zip = store.path(BUCKET, zipKey);
        Path json = store.path(BUCKET, jsonKey);
        Files.createDirectories(zip.getParent());
        Files.createDirectories(json.getParent());
        long started = System.nanoTime();
        Generated generated = generate(zip, json, size);
        long generatedIn = System.nanoTime() - started;
        Measured archive = null;
        Measured plain = null;
        for (int run = 0; run < repeat; run++) {
            archive = fastest(archive, preprocess(store, work, name + "-zip", zipKey, generated.zipBytes()));
            plain = fastest(plain, preprocess(store, work, name + "-json", jsonKey, generated.jsonBytes()));
        }
        Files.delete(zip);
        Files.delete(json);
        if (!print) {
            return;
        }
        System.out.printf(Locale.ROOT, "generated in %.0f s: a %,d-byte Takeout zip (%,d bytes of HTML and JSON inside)"
                + " and the same %,d records as a %,d-byte My Activity JSON file; best of %d runs each (%s)%n",
                generatedIn / 1e9, generated.zipBytes(), generated.textBytes(), generated.records(),
                generated.jsonBytes(), repeat, ManagementFactory.getRuntimeMXBean().getInputArguments());
        print("Takeout zip (HTML + JSON)", archive, generated.zipBytes(), generated.textBytes());
        print("same records as JSON", plain, generated.jsonBytes(), generated.jsonBytes());
        double ratio = ((double) archive.records() / archive.cpuNanos()) / ((double) plain.records() / plain.cpuNanos());
        System.out.printf(Locale.ROOT, "archive and HTML decoding: %.0f%% of the JSON throughput (records per CPU "
                + "second; the target is at least 80%%)%n", 100 * ratio);
        System.out.printf(Locale.ROOT, "max heap %.0f MiB%n", Runtime.getRuntime().maxMemory() / 1048576.0);
    }

    private static Measured fastest(Measured best, Measured run) {
        return best == null || run.cpuNanos() < best.cpuNanos() ? run : best;
    }

    private static void print(String what, Measured run, long fileBytes, long textBytes) {
        double seconds = run.cpuNanos() / 1e9;
        System.out.printf(Locale.ROOT, "%-26s %,11d records %8.2f s CPU %,10.0f records/s %7.1f MB/s uploaded "
                + "%7.1f MB/s of text   (wall %.2f s, peak heap %.0f MiB)%n", what, run.records(), seconds,
                run.records() / seconds, fileBytes / 1048576.0 / seconds, textBytes / 1048576.0 / seconds,
                run.wallNanos() / 1e9, run.peakHeap() / 1048576.0);
    }

    private static Measured preprocess(DirectoryObjectStore store, Path work, String job, String key, long bytes) {
        PreprocessSettings settings = PreprocessSettings.defaults(BUCKET).withMaxUploadBytes(Long.MAX_VALUE / 4)
                .withSpillDirectory(work);
        PreprocessService service = new PreprocessService(store, settings, Clock.systemUTC());
        Measurements.resetPeaks();
        long cpu = Measurements.cpuNanos();
        long wall = System.nanoTime();
        PreprocessResult result = service.preprocess(new PreprocessRequest("bench", job, BUCKET,
                new UploadedObject(key, bytes, null, null)));
        return new Measured(result.recordsRead(), Measurements.cpuNanos() - cpu, System.nanoTime() - wall,
                Measurements.peakHeap());
    }

    /** The archive's files, each taking its share of the archive's size. */
    private enum Part {
        SEARCH_HTML("Takeout/My Activity/Search/MyActivity.html", 0.30),
        YOUTUBE_JSON("Takeout/My Activity/YouTube/MyActivity.json", 0.20),
        WATCH_HISTORY_HTML("Takeout/YouTube and YouTube Music/history/watch-history.html", 0.30),
        CHROME_JSON("Takeout/Chrome/History.json", 0.20);

        final String name;
        final double share;

        Part(String name, double share) {
            this.name = name;
            this.share = share;
        }
    }

    /** Writes the zip and, record for record, the JSON file. */
    private static Generated generate(Path zipPath, Path jsonPath, long size) throws IOException {
        // About 47 million records fill a 1 GiB zip: 1 to 12 seconds apart, they span ten years, all in the past.
        ExportFiles files = new ExportFiles(42, Instant.parse("2014-01-01T00:00:00Z"), 1, 12);
        long records = 0;
        long text = 0;
        try (Counting zipFile = new Counting(new BufferedOutputStream(Files.newOutputStream(zipPath), 1 << 16));
             ZipOutputStream zip = new ZipOutputStream(zipFile);
             Counting json = new Counting(new BufferedOutputStream(Files.newOutputStream(jsonPath), 1 << 16))) {
            json.write(utf8("["));
            boolean firstJson = true;
            double done = 0;
            int topic = 0;
            for (Part part : Part.values()) {
                done += part.share;
                zip.putNextEntry(new ZipEntry(part.name));
                text += write(zip, switch (part) {
                    case SEARCH_HTML, WATCH_HISTORY_HTML -> ExportFiles.htmlHead("My Activity");
                    case YOUTUBE_JSON -> "[";
                    case CHROME_JSON -> "{\n  \"Browser History\": [";
                });
                boolean first = true;
                while (zipFile.count < done * size) {
                    Topic subject = Topic.values()[topic++ % Topic.values().length];
                    StringBuilder entry = new StringBuilder();
                    StringBuilder plain = new StringBuilder();
                    List<ExportFiles.TakeoutItem> items = switch (part) {
                        case SEARCH_HTML -> files.searches(subject, "Search", BATCH);
                        case YOUTUBE_JSON -> files.searches(subject, "YouTube", BATCH);
                        case WATCH_HISTORY_HTML -> files.watches(subject, BATCH);
                        case CHROME_JSON -> List.of();
                    };
                    List<ExportFiles.Visit> visits = part == Part.CHROME_JSON ? files.visits(subject, BATCH) : List.of();
                    for (ExportFiles.TakeoutItem item : items) {
                        if (part == Part.YOUTUBE_JSON) {
                            entry.append(first ? "\n" : ",\n").append(ExportFiles.myActivityJsonElement(item));
                        } else {
                            ExportFiles.appendHtmlCell(entry, item, ZONE, ExportFiles.HtmlDates.US_ENGLISH);
                        }
                        plain.append(firstJson ? "\n" : ",\n").append(ExportFiles.myActivityJsonElement(item));
                        first = false;
                        firstJson = false;
                    }
                    for (ExportFiles.Visit visit : visits) {
                        entry.append(first ? "\n" : ",\n").append(files.chromeHistoryElement(visit));
                        plain.append(firstJson ? "\n" : ",\n").append(ExportFiles.myActivityJsonElement(
                                new ExportFiles.TakeoutItem("Chrome", "Visited", visit.title(), visit.url(), null,
                                        null, visit.time())));
                        first = false;
                        firstJson = false;
                    }
                    records += items.size() + visits.size();
                    text += write(zip, entry.toString());
                    json.write(utf8(plain.toString()));
                }
                text += write(zip, switch (part) {
                    case SEARCH_HTML, WATCH_HISTORY_HTML -> ExportFiles.HTML_TAIL;
                    case YOUTUBE_JSON -> "\n]\n";
                    case CHROME_JSON -> "\n  ]\n}\n";
                });
                zip.closeEntry();
            }
            json.write(utf8("\n]\n"));
            zip.finish();
            zip.flush();
            return new Generated(zipFile.count, json.count, text, records);
        }
    }

    private static long write(OutputStream out, String text) throws IOException {
        byte[] bytes = utf8(text);
        out.write(bytes);
        return bytes.length;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Counts what is written through it. */
    private static final class Counting extends FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}

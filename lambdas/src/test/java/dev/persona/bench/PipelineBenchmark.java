package dev.persona.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

import dev.persona.pipeline.StepRequests.BuildPersonaRequest;
import dev.persona.pipeline.StepRequests.CategorizeRequest;
import dev.persona.pipeline.StepRequests.CategorizeResult;
import dev.persona.pipeline.StepRequests.PreprocessRequest;
import dev.persona.pipeline.StepRequests.PreprocessResult;
import dev.persona.pipeline.StepRequests.UploadedObject;
import dev.persona.pipeline.categorize.CategorizeService;
import dev.persona.pipeline.categorize.Taxonomy;
import dev.persona.pipeline.persona.BuildPersonaService;
import dev.persona.pipeline.persona.PersonaSummary;
import dev.persona.pipeline.preprocess.PreprocessService;
import dev.persona.pipeline.preprocess.PreprocessSettings;

/**
 * Throughput of preprocess and categorize on a generated file ({@link ActivityFileGenerator}), read from and
 * written to a local folder, beside DuckDB's parse-and-aggregate query on the same file ({@link DuckDbBaseline}).
 * Build-persona runs after them on the categorized file (its DynamoDB summary kept in memory) and is timed apart.
 * Prints MB/s (input bytes per CPU second, 1 MB = 2^20 bytes) and records/s per step and for both together, DuckDB's
 * MB/s and the ratio of ours to it, and the peak heap used. Throughput is input bytes over the CPU time the whole
 * process spent (steps, GC and JIT, or DuckDB's threads), so it means "on one core" even when other processes share
 * the machine; wall time is printed as well. With {@code --repeat N} the pair runs N times on the same file and the
 * medians count. Run it through {@code lambdas/benchmark}, which pins one core and sets the JIT and heap.
 *
 * <p>Options: {@code --size 128m} (input size), {@code --format takeout|csv|jsonl}, {@code --warmup 128m} (a first,
 * unmeasured run to compile the hot code; 0 to skip), {@code --repeat 5} (the first measured run still pays for
 * some of the JIT's work, so the median of five, not three, is the steady state), {@code --duckdb true|false},
 * {@code --dir DIR} (work folder).
 */
public final class PipelineBenchmark {

    private static final String BUCKET = "bench";

    private PipelineBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        long size = ActivityFileGenerator.Sizes.parse("128m");
        long warmup = ActivityFileGenerator.Sizes.parse("128m");
        ActivityFileGenerator.Format format = ActivityFileGenerator.Format.TAKEOUT;
        int repeat = 5;
        boolean duckDb = true;
        Path dir = null;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--size" -> size = ActivityFileGenerator.Sizes.parse(args[i + 1]);
                case "--warmup" -> warmup = ActivityFileGenerator.Sizes.parse(args[i + 1]);
                case "--format" -> format = ActivityFileGenerator.Format.valueOf(args[i + 1].toUpperCase(Locale.ROOT));
                case "--repeat" -> repeat = Integer.parseInt(args[i + 1]);
                case "--duckdb" -> duckDb = Boolean.parseBoolean(args[i + 1]);
                case "--dir" -> dir = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path work = dir != null ? dir : Files.createTempDirectory("persona-bench");
        Files.createDirectories(work);
        DuckDbBaseline baseline = duckDb ? DuckDbBaseline.open() : null;
        try {
            Taxonomy taxonomy = Taxonomy.load();
            DirectoryObjectStore store = new DirectoryObjectStore(work);
            if (warmup > 0) {
                Path file = generate(store, "warmup", format, warmup);
                run(store, "warmup", format, file, taxonomy);
                if (baseline != null) {
                    baseline.run(file, format);
                }
                Files.delete(file);
            }
            Path file = generate(store, "measured", format, size);
            long bytes = Files.size(file);
            Measurements.resetPeaks();
            List<Result> results = new ArrayList<>();
            List<Long> duckDbNanos = new ArrayList<>();
            for (int i = 0; i < repeat; i++) {
                results.add(run(store, "measured", format, file, taxonomy));
                if (baseline != null) {
                    duckDbNanos.add(baseline.run(file, format).cpuNanos());
                }
            }
            long peakHeap = Measurements.peakHeap();
            System.out.printf(Locale.ROOT, "input: %s, %,d bytes, %,d records; median of %d runs (%s)%n", format, bytes,
                    results.get(0).records, repeat, ManagementFactory.getRuntimeMXBean().getInputArguments());
            long preprocess = median(results, Result::preprocessNanos);
            long categorize = median(results, Result::categorizeNanos);
            long both = median(results, r -> r.preprocessNanos + r.categorizeNanos);
            long records = results.get(0).records;
            print("preprocess", bytes, records, preprocess, median(results, Result::preprocessWall));
            print("categorize", bytes, records, categorize, median(results, Result::categorizeWall));
            print("both", bytes, records, both, median(results, r -> r.preprocessWall + r.categorizeWall));
            print("persona", bytes, records, median(results, Result::buildPersonaNanos),
                    median(results, Result::buildPersonaWall));
            if (baseline != null) {
                long duck = median(duckDbNanos);
                System.out.printf(Locale.ROOT, "duckdb     %7.2f s CPU %9.1f MB/s   (%s)%n", duck / 1e9,
                        bytes / 1048576.0 / (duck / 1e9), baseline.describe());
                List<Long> ratios = new ArrayList<>();
                for (int i = 0; i < repeat; i++) {
                    Result r = results.get(i);
                    ratios.add(Math.round(1000.0 * duckDbNanos.get(i) / (r.preprocessNanos + r.categorizeNanos)));
                }
                System.out.printf(Locale.ROOT, "ratio to duckdb (both steps / duckdb, same file, same core): %.2f "
                        + "(median of the runs' ratios; each: %s)%n", median(ratios) / 1000.0,
                        ratios.stream().map(r -> String.format(Locale.ROOT, "%.2f", r / 1000.0)).toList());
            }
            System.out.printf(Locale.ROOT, "peak heap used: %.1f MiB (max heap %.0f MiB)%n", peakHeap / 1048576.0,
                    Runtime.getRuntime().maxMemory() / 1048576.0);
        } finally {
            if (baseline != null) {
                baseline.close();
            }
            if (dir == null) {
                Measurements.deleteTree(work);
            }
        }
    }

    private record Result(long records, long preprocessNanos, long categorizeNanos, long preprocessWall,
                          long categorizeWall, long buildPersonaNanos, long buildPersonaWall) {
    }

    private static Path generate(DirectoryObjectStore store, String job, ActivityFileGenerator.Format format,
                                 long size) throws IOException {
        Path input = store.path(BUCKET, key(job));
        Files.createDirectories(input.getParent());
        new ActivityFileGenerator(42, format).write(input, size, -1);
        return input;
    }

    private static String key(String job) {
        return "uploads/bench/" + job + "/activity";
    }

    /** Preprocess and categorize of the job's upload ({@code file}). */
    private static Result run(DirectoryObjectStore store, String job, ActivityFileGenerator.Format format, Path file,
                              Taxonomy taxonomy) throws IOException {
        long bytes = Files.size(file);
        PreprocessSettings settings = PreprocessSettings.defaults(BUCKET).withMaxUploadBytes(Long.MAX_VALUE / 4)
                .withSpillDirectory(store.path(BUCKET, "spill"));
        Files.createDirectories(settings.spillDirectory());
        PreprocessService preprocess = new PreprocessService(store, settings, Clock.systemUTC());
        CategorizeService categorize = new CategorizeService(store, BUCKET, taxonomy);

        long start = Measurements.cpuNanos();
        long wallStart = System.nanoTime();
        PreprocessResult preprocessed = preprocess.preprocess(new PreprocessRequest("bench", job, BUCKET,
                new UploadedObject(key(job), bytes, null, null)));
        long middle = Measurements.cpuNanos();
        long wallMiddle = System.nanoTime();
        CategorizeResult categorized = categorize.categorize(new CategorizeRequest("bench", job, BUCKET,
                preprocessed.activitiesKey()));
        long end = Measurements.cpuNanos();
        long wallEnd = System.nanoTime();
        if (categorized.recordsCategorized() != preprocessed.recordsKept()) {
            throw new IllegalStateException("categorize lost records");
        }
        List<PersonaSummary> summaries = new ArrayList<>();
        BuildPersonaService buildPersona = new BuildPersonaService(store,
                (summary, execution) -> summaries.add(summary), BUCKET, Clock.systemUTC());
        buildPersona.build(new BuildPersonaRequest("bench", job, BUCKET, categorized.categorizedKey(),
                preprocessed.reportKey(), "arn:aws:states:us-east-1:000000000000:execution:persona-pipeline:bench"));
        long built = Measurements.cpuNanos();
        long wallBuilt = System.nanoTime();
        if (summaries.size() != 1) {
            throw new IllegalStateException("build-persona saved no summary");
        }
        Measurements.deleteTree(store.path(BUCKET, "processed/bench/" + job));
        Measurements.deleteTree(store.path(BUCKET, "personas/bench/" + job));
        return new Result(preprocessed.recordsRead(), middle - start, end - middle, wallMiddle - wallStart,
                wallEnd - wallMiddle, built - end, wallBuilt - wallEnd);
    }

    private static long median(List<Result> results, ToLongFunction<Result> value) {
        return median(results.stream().map(value::applyAsLong).toList());
    }

    private static long median(List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void print(String step, long bytes, long records, long cpuNanos, long wallNanos) {
        double seconds = cpuNanos / 1e9;
        System.out.printf(Locale.ROOT, "%-11s %7.2f s CPU %9.1f MB/s %,11.0f records/s   (wall %.2f s)%n", step,
                seconds, bytes / 1048576.0 / seconds, records / seconds, wallNanos / 1e9);
    }
}

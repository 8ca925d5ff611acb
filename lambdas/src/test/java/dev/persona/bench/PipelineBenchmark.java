package dev.persona.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;

import dev.persona.pipeline.StepRequests.CategorizeRequest;
import dev.persona.pipeline.StepRequests.CategorizeResult;
import dev.persona.pipeline.StepRequests.PreprocessRequest;
import dev.persona.pipeline.StepRequests.PreprocessResult;
import dev.persona.pipeline.StepRequests.UploadedObject;
import dev.persona.pipeline.categorize.CategorizeService;
import dev.persona.pipeline.categorize.Taxonomy;
import dev.persona.pipeline.preprocess.PreprocessService;
import dev.persona.pipeline.preprocess.PreprocessSettings;

/**
 * Throughput of preprocess and categorize on a generated file ({@link ActivityFileGenerator}), read from and
 * written to a local folder. Prints MB/s (input bytes per second, 1 MB = 2^20 bytes) and records/s per step
 * and for both together, and the peak heap used. Throughput is input bytes over the CPU time the whole JVM
 * spent (steps, GC and JIT together), so it means "on one core" even when other processes share the
 * machine; wall time is printed as well. Run it through {@code lambdas/benchmark}, which pins one core and
 * sets the JIT and heap.
 *
 * <p>Options: {@code --size 256m} (input size), {@code --format takeout|csv|jsonl}, {@code --warmup 64m}
 * (a first, unmeasured run to compile the hot code; 0 to skip), {@code --dir DIR} (work folder).
 */
public final class PipelineBenchmark {

    private static final String BUCKET = "bench";

    public static void main(String[] args) throws IOException {
        long size = ActivityFileGenerator.Sizes.parse("256m");
        long warmup = ActivityFileGenerator.Sizes.parse("64m");
        ActivityFileGenerator.Format format = ActivityFileGenerator.Format.TAKEOUT;
        Path dir = null;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--size" -> size = ActivityFileGenerator.Sizes.parse(args[i + 1]);
                case "--warmup" -> warmup = ActivityFileGenerator.Sizes.parse(args[i + 1]);
                case "--format" -> format = ActivityFileGenerator.Format.valueOf(args[i + 1].toUpperCase(Locale.ROOT));
                case "--dir" -> dir = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path work = dir != null ? dir : Files.createTempDirectory("persona-bench");
        Files.createDirectories(work);
        try {
            Taxonomy taxonomy = Taxonomy.load();
            if (warmup > 0) {
                run(work, "warmup", format, warmup, taxonomy);
            }
            Measurements.resetPeaks();
            Result result = run(work, "measured", format, size, taxonomy);
            long peakHeap = Measurements.peakHeap();
            System.out.printf(Locale.ROOT, "input: %s, %,d bytes, %,d records (%s)%n", format, result.bytes,
                    result.records, ManagementFactory.getRuntimeMXBean().getInputArguments());
            print("preprocess", result.bytes, result.records, result.preprocessNanos, result.preprocessWall);
            print("categorize", result.bytes, result.records, result.categorizeNanos, result.categorizeWall);
            print("both", result.bytes, result.records, result.preprocessNanos + result.categorizeNanos,
                    result.preprocessWall + result.categorizeWall);
            System.out.printf(Locale.ROOT, "peak heap used: %.1f MiB (max heap %.0f MiB)%n", peakHeap / 1048576.0,
                    Runtime.getRuntime().maxMemory() / 1048576.0);
        } finally {
            if (dir == null) {
                Measurements.deleteTree(work);
            }
        }
    }

    private record Result(long bytes, long records, long preprocessNanos, long categorizeNanos, long preprocessWall,
                          long categorizeWall) {
    }

    private static Result run(Path work, String job, ActivityFileGenerator.Format format, long size, Taxonomy taxonomy)
            throws IOException {
        DirectoryObjectStore store = new DirectoryObjectStore(work);
        String key = "uploads/bench/" + job + "/activity";
        Path input = store.path(BUCKET, key);
        Files.createDirectories(input.getParent());
        long bytes = new ActivityFileGenerator(42, format).write(input, size, -1);
        PreprocessSettings settings = PreprocessSettings.defaults(BUCKET).withMaxUploadBytes(Long.MAX_VALUE / 4)
                .withSpillDirectory(work);
        PreprocessService preprocess = new PreprocessService(store, settings, Clock.systemUTC());
        CategorizeService categorize = new CategorizeService(store, BUCKET, taxonomy);

        long start = Measurements.cpuNanos();
        long wallStart = System.nanoTime();
        PreprocessResult preprocessed = preprocess.preprocess(new PreprocessRequest("bench", job, BUCKET,
                new UploadedObject(key, bytes, null, null)));
        long middle = Measurements.cpuNanos();
        long wallMiddle = System.nanoTime();
        CategorizeResult categorized = categorize.categorize(new CategorizeRequest("bench", job, BUCKET,
                preprocessed.activitiesKey()));
        long end = Measurements.cpuNanos();
        long wallEnd = System.nanoTime();
        if (categorized.recordsCategorized() != preprocessed.recordsKept()) {
            throw new IllegalStateException("categorize lost records");
        }
        Files.delete(input);
        return new Result(bytes, preprocessed.recordsRead(), middle - start, end - middle, wallMiddle - wallStart,
                wallEnd - wallMiddle);
    }

    private static void print(String step, long bytes, long records, long cpuNanos, long wallNanos) {
        double seconds = cpuNanos / 1e9;
        System.out.printf(Locale.ROOT, "%-11s %7.2f s CPU %9.1f MB/s %,11.0f records/s   (wall %.2f s)%n", step,
                seconds, bytes / 1048576.0 / seconds, records / seconds, wallNanos / 1e9);
    }
}

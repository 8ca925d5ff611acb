package dev.persona.local.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How long {@code ./persona-local up} takes from the moment the process is started to the first request it serves:
 * starts the launcher {@code --runs} times (after one unmeasured run that builds what the launcher builds and, with
 * class-data sharing, the archive), asks {@code GET /} of the API's port every 5 ms until it answers, stops the
 * stack with SIGTERM as Ctrl-C does, and prints every run and the medians: of the wall-clock time, and of the CPU
 * time the process had used by then (user and system, all threads), which depends much less on what else the
 * machine runs. Not part of {@code mvn verify}: the figures depend on the machine and its load, which it prints
 * too.
 *
 * <pre>
 * java local/runtime/src/test/java/dev/persona/local/bench/UpStartBenchmark.java [--runs 7] [--port 3000] [--no-cds]
 * </pre>
 *
 * A single-file program, run by the JDK's source launcher from the repository's root: it needs nothing but the JDK.
 * {@code --no-cds} sets {@code PERSONA_LOCAL_CDS=off}, which makes the launcher leave the archive out.
 */
public final class UpStartBenchmark {

    private UpStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = 7;
        int port = 3000;
        boolean cds = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--no-cds" -> cds = false;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path launcher = Path.of("persona-local").toAbsolutePath();
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException("run from the repository's root: no executable ./persona-local here");
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        URI api = URI.create("http://127.0.0.1:" + port + "/");
        System.out.printf(Locale.ROOT, "up --port %d, class-data sharing %s, load average before: %s%n", port,
                cds ? "on" : "off", loadAverage());
        measure(launcher, port, cds, http, api);
        List<Long> wall = new ArrayList<>();
        List<Long> cpu = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            long[] measured = measure(launcher, port, cds, http, api);
            wall.add(measured[0]);
            cpu.add(measured[1]);
            System.out.printf(Locale.ROOT, "run %d: first response after %d ms, %d ms of CPU by then%n", run,
                    measured[0], measured[1]);
        }
        System.out.printf(Locale.ROOT, "median of %d: %d ms (min %d, max %d), CPU %d ms; load average after: %s%n",
                runs, median(wall), wall.stream().min(Long::compare).orElseThrow(),
                wall.stream().max(Long::compare).orElseThrow(), median(cpu), loadAverage());
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
    }

    /**
     * Starts the launcher, waits for the first answer on {@code api}, stops the process; returns the wait and the
     * CPU time the process had used when the answer came, in milliseconds. The launcher execs the JVM, so the
     * process started is the JVM.
     */
    private static long[] measure(Path launcher, int port, boolean cds, HttpClient http, URI api) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "up", "--port", String.valueOf(port))
                .directory(launcher.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> environment = builder.environment();
        if (!cds) {
            environment.put("PERSONA_LOCAL_CDS", "off");
        }
        long begun = System.nanoTime();
        Process process = builder.start();
        try {
            HttpRequest request = HttpRequest.newBuilder(api).timeout(Duration.ofSeconds(30)).GET().build();
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("persona-local up exited with " + process.exitValue()
                            + " before it answered (is a port taken?)");
                }
                try {
                    http.send(request, HttpResponse.BodyHandlers.discarding());
                    long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun);
                    return new long[] {elapsed, process.info().totalCpuDuration().map(Duration::toMillis).orElse(-1L)};
                } catch (IOException notYet) {
                    Thread.sleep(5);
                }
                if (System.nanoTime() - begun > TimeUnit.MINUTES.toNanos(5)) {
                    throw new IllegalStateException("no answer on " + api + " within 5 minutes");
                }
            }
        } finally {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}

package dev.persona.local.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.persona.local.metrics.MetricsLogs;
import dev.persona.local.runtime.Endpoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code persona-local up} as a process of its own: it announces where it keeps the functions' EMF lines, the
 * functions' output still reaches its standard output, and {@code persona-local metrics} reads the log while the
 * stack runs and after it stopped.
 */
class UpMetricsIT {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path directory;

    private final List<Process> started = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process process : started) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private Path state() {
        return directory.resolve("state");
    }

    /** Starts {@code up} with {@code options} and waits until it wrote its endpoints and its banner. */
    private Process up(Path output, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), "-Dpersona.local.state=" + state(),
                PersonaLocal.class.getName(), "up", "--port", "0"));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        started.add(process);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Files.exists(state().resolve("endpoints.json")) || !Files.readString(output).contains("Ctrl-C stops")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("up did not start:\n" + Files.readString(output));
            }
            Thread.sleep(100);
        }
        return process;
    }

    private static void terminate(Process process) throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("up stops on SIGTERM").isTrue();
    }

    private int command(Command command, String... args) {
        out.reset();
        err.reset();
        return command.execute(List.of(args));
    }

    private MetricsCommand metrics() {
        return new MetricsCommand(stream(out), stream(err), state().resolve("endpoints.json"));
    }

    private static PrintStream stream(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aStackOnADataDirectoryKeepsItsMetricsLogThereAndMetricsReadsItWhileItRunsAndAfter() throws Exception {
        Path data = directory.resolve("data");
        Path console = directory.resolve("up.log");
        Process up = up(console, "--data-dir", data.toString());

        Endpoints endpoints = Endpoints.read(state().resolve("endpoints.json")).orElseThrow();
        Path log = data.toAbsolutePath().resolve("metrics").resolve("emf.jsonl");
        assertThat(endpoints.metricsLog()).isEqualTo(log.toString());
        assertThat(log).exists();
        assertThat(MetricsLogs.last(state())).contains(log);
        assertThat(Files.readString(console)).contains("Metrics log", log.toString());

        Path event = Files.writeString(directory.resolve("event.json"), """
                {"resource": "/v1/jobs/{jobId}", "path": "/v1/jobs/nope", "httpMethod": "GET",
                 "pathParameters": {"jobId": "nope"},
                 "requestContext": {"requestId": "metrics-it", "authorizer": {"userId": "dev_erin"}}}""");
        assertThat(command(new InvokeCommand(stream(out), stream(err), state().resolve("endpoints.json")),
                "jobs", "--event", event.toString())).isZero();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.readString(console).contains("metrics-it") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(Files.readString(console)).as("a function's log line still reaches standard output")
                .contains("\"message\":\"request handled\"", "metrics-it");

        // The jobs function's own documents: its cold start, and the request by route and status class (the first
        // signing-key rotation, running in the background, may have written its cold start too).
        assertThat(command(metrics())).isZero();
        assertThat(output()).contains("Metrics of " + log, "GET:/v1/jobs/{jobId}  4xx", "FunctionName=jobs")
                .containsPattern("lines: [1-9][0-9]* EMF documents");

        terminate(up);
        assertThat(state().resolve("endpoints.json")).doesNotExist();
        assertThat(command(metrics())).isZero();
        assertThat(output()).contains("Metrics of " + log);
        assertThat(command(metrics(), "--data-dir", data.toString(), "--json")).isZero();
        assertThat(output()).contains("GET:/v1/jobs/{jobId}").containsPattern("\"documents\" : [1-9]");
    }

    @Test
    void anInMemoryStackStartsALogOfItsOwnAndTheLastOneStays() throws Exception {
        Path earlier = MetricsLogs.inMemory(state(), 1);
        Files.createDirectories(earlier.getParent());
        Files.writeString(earlier, "{\"_aws\":{}}\n");

        Process up = up(directory.resolve("up.log"));

        Path log = MetricsLogs.inMemory(state(), up.pid());
        assertThat(Endpoints.read(state().resolve("endpoints.json")).orElseThrow().metricsLog())
                .isEqualTo(log.toString());
        assertThat(log).exists();
        assertThat(earlier).as("the log of an earlier in-memory stack, whose data is gone").doesNotExist();

        terminate(up);
        assertThat(command(metrics())).isZero();
        assertThat(output()).contains("Metrics of " + log);
        assertThat(log).exists();
    }
}

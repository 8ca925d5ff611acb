package dev.persona.local.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.persona.local.metrics.MetricsLogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code persona-local metrics} on files: a log named with --from, the running stack's, the last stack's. */
class MetricsCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int metrics(String... args) {
        out.reset();
        err.reset();
        return new MetricsCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), directory.resolve("state").resolve("endpoints.json"))
                .execute(List.of(args));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String outcome(String outcomeClass, String code, long timestamp) {
        return "{\"_aws\":{\"Timestamp\":" + timestamp + ",\"CloudWatchMetrics\":[{\"Namespace\":\"PersonaPipeline\","
                + "\"Dimensions\":[[\"OutcomeClass\"],[\"OutcomeClass\",\"Code\"]],\"Metrics\":[{\"Name\":\"JobOutcomes\","
                + "\"Unit\":\"Count\"}]}]},\"OutcomeClass\":\"" + outcomeClass + "\",\"Code\":\"" + code
                + "\",\"JobOutcomes\":1}";
    }

    private static String latency(String route, String statusClass, String values) {
        return "{\"_aws\":{\"Timestamp\":1767225700000,\"CloudWatchMetrics\":[{\"Namespace\":\"PersonaPipeline\","
                + "\"Dimensions\":[[\"Route\",\"StatusClass\"]],\"Metrics\":[{\"Name\":\"ApiRequests\",\"Unit\":\"Count\"},"
                + "{\"Name\":\"ApiLatency\",\"Unit\":\"Milliseconds\"}]}]},\"Route\":\"" + route + "\",\"StatusClass\":\""
                + statusClass + "\",\"ApiRequests\":" + values.split(",").length + ",\"ApiLatency\":[" + values + "]}";
    }

    private Path log(String name, String... lines) throws IOException {
        Path file = directory.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    }

    @Test
    void aLogNamedWithFromIsSummarizedAsTablesAndAsJson() throws Exception {
        Path file = log("function-output.log",
                "{\"timestamp\":\"2026-01-01T00:00:00Z\",\"level\":\"INFO\",\"message\":\"job started\"}",
                outcome("success", "Succeeded", 1767225600000L),
                outcome("user", "UnsupportedFormat", 1767225601000L),
                "Exception in thread \"main\" java.lang.IllegalStateException",
                latency("GET /v1/jobs/{jobId}", "2xx", "3,4,5,100"),
                outcome("success", "Succeeded", 1767225602000L),
                "{\"_aws\":{\"Timestamp\":1767225603000,\"CloudWatchMetrics\":[{\"Namespace\":\"PersonaPipeline\"",
                "{\"_aws\":{\"Timestamp\":1767225603000,\"CloudWatchMetrics\":[{\"Namespace\":\"PersonaPipeline\","
                        + "\"Dimensions\":[[\"Step\"]],\"Metrics\":[{\"Name\":\"RecordsRead\"}]}]},\"RecordsRead\":5}");

        assertThat(metrics("--from", file.toString())).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(output()).contains("Metrics of " + file, "8 lines: 4 EMF documents (2026-01-01T00:00:00Z to "
                        + "2026-01-01T00:01:40Z), 2 other lines skipped, 2 malformed", "Job outcomes by code",
                "Malformed EMF documents (2, all):", file + ":7: not one JSON object",
                file + ":8: dimension Step (_aws.CloudWatchMetrics[0].Dimensions[0]) is not a member of the document")
                .containsPattern("success\\s+Succeeded\\s+2\n").containsPattern("user\\s+UnsupportedFormat\\s+1\n")
                .containsPattern("GET /v1/jobs/\\{jobId}\\s+2xx\\s+4\\s+4\\s+4\\s+100\n");

        assertThat(metrics("--from", file.toString(), "--json")).isZero();
        JsonNode json = JSON.readTree(output());
        assertThat(json.path("documents").asInt()).isEqualTo(4);
        assertThat(json.path("otherLines").asInt()).isEqualTo(2);
        assertThat(json.at("/malformed/count").asInt()).isEqualTo(2);
        assertThat(json.at("/namespaces/0/jobOutcomes/0/jobs").asInt()).isEqualTo(2);
        assertThat(json.at("/namespaces/0/apiRequests/0/latencyP50").asInt()).isEqualTo(4);
        assertThat(json.at("/namespaces/0/apiRequests/0/latencyP99").asInt()).isEqualTo(100);
    }

    @Test
    void aFolderNamedWithFromIsReadFileByFile() throws Exception {
        log("logs/demo-1.log", outcome("success", "Succeeded", 1767225600000L));
        log("logs/demo-2.log", "text", outcome("system", "InternalError", 1767225600000L));

        assertThat(metrics("--from", directory.resolve("logs").toString(), "--json")).isZero();
        JsonNode json = JSON.readTree(output());
        assertThat(json.path("sources")).hasSize(2);
        assertThat(json.path("lines").asInt()).isEqualTo(3);
        assertThat(json.at("/namespaces/0/jobOutcomes/1/code").asText()).isEqualTo("InternalError");
    }

    @Test
    void withoutOptionsTheRunningStacksLogIsReadThenTheLastStacks() throws Exception {
        assertThat(metrics()).isEqualTo(PersonaLocal.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no stack has run here yet");

        Path state = directory.resolve("state");
        Path last = log("last/metrics/emf.jsonl", outcome("user", "EmptyUpload", 1767225600000L));
        MetricsLogs.recordLast(state, last);
        Path running = log("running/metrics/emf.jsonl", outcome("success", "Succeeded", 1767225600000L));
        Files.writeString(state.resolve("endpoints.json"), JSON.createObjectNode()
                .put("pid", ProcessHandle.current().pid()).put("metricsLog", running.toString())
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("environment", JSON.createObjectNode())
                .toString());

        assertThat(metrics()).isZero();
        assertThat(output()).contains("Metrics of " + running).containsPattern("success\\s+Succeeded\\s+1\n");

        Process ended = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        ended.waitFor();
        Files.writeString(state.resolve("endpoints.json"), JSON.createObjectNode().put("pid", ended.pid())
                .put("metricsLog", running.toString())
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("environment", JSON.createObjectNode())
                .toString());
        assertThat(metrics()).isZero();
        assertThat(output()).contains("Metrics of " + last).containsPattern("user\\s+EmptyUpload\\s+1\n");
    }

    @Test
    void aDataDirectoryNamesItsStacksLog() throws Exception {
        Path data = directory.resolve("data");
        assertThat(metrics("--data-dir", data.toString())).isEqualTo(PersonaLocal.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no metrics log at "
                + data.toAbsolutePath().resolve("metrics").resolve("emf.jsonl"), "has 'up --data-dir");

        Files.createDirectories(data.resolve("metrics"));
        Files.writeString(data.resolve("metrics").resolve("emf.jsonl"), outcome("system", "TimedOut", 1767225600000L)
                + "\n");
        assertThat(metrics("--data-dir", data.toString())).isZero();
        assertThat(output()).containsPattern("system\\s+TimedOut\\s+1\n");
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertThat(metrics("--from", directory.resolve("missing.log").toString())).isEqualTo(PersonaLocal.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read", "no such file or folder",
                "Usage: persona-local metrics");
        assertThat(metrics("--from", "a", "--data-dir", "b")).isEqualTo(PersonaLocal.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("give --from or --data-dir, not both");
        assertThat(metrics("--jsn")).isEqualTo(PersonaLocal.USAGE);
    }
}

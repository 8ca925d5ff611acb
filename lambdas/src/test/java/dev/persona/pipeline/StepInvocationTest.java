package dev.persona.pipeline;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.contracts.OperationalMetrics;
import dev.persona.json.Json;
import dev.persona.logging.StructuredLogger;
import dev.persona.metrics.EmfCapture;
import dev.persona.pipeline.errors.EmptyUpload;
import dev.persona.testing.TestContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every line a step logs carries what ties it to its job, its execution and its Lambda request. */
class StepInvocationTest {

    private static final String EXECUTION = "arn:aws:states:eu-west-1:123456789012:execution:persona-pipeline:e1";

    record Request(String userId, String jobId, String bucket) implements StepInvocation.StepRequest {
    }

    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final StructuredLogger log = StructuredLogger.of(StepInvocationTest.class,
            new PrintStream(logged, true, StandardCharsets.UTF_8));
    private final TestContext context = new TestContext();
    private final StepInvocation.Measured measured = new StepInvocation.Measured("preprocess");

    @Test
    void aSucceedingStepLogsTheJobUserExecutionAndRequestAndAnswersItsResult() throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        StepInvocation.handle(payload(), output, context, Request.class, request -> {
            log.info("working", "records", 3);
            return new Request(request.userId(), request.jobId(), "done");
        }, log, measured);

        assertThat(Json.MAPPER.readTree(output.toByteArray()).get("bucket").asText()).isEqualTo("done");
        List<JsonNode> lines = lines();
        assertThat(lines).extracting(line -> line.get("message").asText()).containsExactly("working", "Step succeeded");
        assertThat(lines).allSatisfy(this::correlated);
    }

    @Test
    void aNamedFailureIsLoggedWithItsCodeAndTheSameCorrelation() {
        assertThatThrownBy(() -> StepInvocation.handle(payload(), new ByteArrayOutputStream(), context, Request.class,
                request -> {
                    throw new EmptyUpload("nothing in it");
                }, log, measured)).isInstanceOf(EmptyUpload.class);

        List<JsonNode> lines = lines();
        assertThat(lines).singleElement().satisfies(line -> {
            correlated(line);
            assertThat(line.get("errorCode").asText()).isEqualTo("EmptyUpload");
        });
    }

    @Test
    void nothingIsLeftInTheContextOfTheNextInvocation() throws Exception {
        StepInvocation.handle(payload(), new ByteArrayOutputStream(), context, Request.class, request -> request, log,
                measured);
        logged.reset();

        log.info("between invocations");

        assertThat(lines().getFirst().has("executionArn")).isFalse();
        assertThat(lines().getFirst().has("jobId")).isFalse();
    }

    @Test
    void aStepWritesItsColdStartItsDurationAndTheCountsItsResultCarries() throws Exception {
        StepRequests.PreprocessResult result = new StepRequests.PreprocessResult("a", "r", "csv", 10, 7, 3, 0, 2048,
                "generic", Map.of("missing-timestamp", 2L, "invalid-url", 1L));

        List<EmfCapture.Value> values = EmfCapture.during(() -> StepInvocation.handle(payload(),
                new ByteArrayOutputStream(), context, Request.class, request -> result, log, measured));

        assertThat(values).extracting(value -> value.name() + value.dimensions() + "=" + (long) value.value())
                .containsExactlyInAnyOrder(
                        "ColdStart{FunctionName=test, Service=persona-pipeline}=1",
                        "RecordsRead{Step=preprocess}=10",
                        "RecordsKept{Step=preprocess}=7",
                        "RecordsRejected{Step=preprocess}=3",
                        "BytesIn{Step=preprocess}=2048",
                        "UploadsRecognized{Format=csv, Source=generic}=1",
                        "RecordsRejected{Reason=missing-timestamp, Step=preprocess}=2",
                        "RecordsRejected{Reason=invalid-url, Step=preprocess}=1",
                        values.stream().filter(value -> value.name().equals(OperationalMetrics.STEP_DURATION))
                                .map(value -> "StepDuration{Step=preprocess}=" + (long) value.value())
                                .findFirst().orElse("StepDuration missing"));
        assertThat(values).noneMatch(value -> value.dimensions().containsValue("01JOB")
                || value.dimensions().containsValue("google_1"));
    }

    @Test
    void aNamedFailureStillWritesTheStepsDuration() throws Exception {
        List<EmfCapture.Value> values = EmfCapture.during(() -> assertThatThrownBy(() -> StepInvocation.handle(
                payload(), new ByteArrayOutputStream(), context, Request.class, request -> {
                    throw new EmptyUpload("nothing in it");
                }, log, measured)).isInstanceOf(EmptyUpload.class));

        assertThat(values).extracting(EmfCapture.Value::name).contains(OperationalMetrics.STEP_DURATION)
                .doesNotContain(OperationalMetrics.RECORDS_READ);
    }

    private void correlated(JsonNode line) {
        assertThat(line.get("jobId").asText()).isEqualTo("01JOB");
        assertThat(line.get("userId").asText()).isEqualTo("google_1");
        assertThat(line.get("executionArn").asText()).isEqualTo(EXECUTION);
        assertThat(line.get("requestId").asText()).isEqualTo(context.getAwsRequestId());
    }

    private static ByteArrayInputStream payload() {
        return new ByteArrayInputStream(("""
                {"userId": "google_1", "jobId": "01JOB", "bucket": "uploads", "executionArn": "%s"}"""
                .formatted(EXECUTION)).getBytes(StandardCharsets.UTF_8));
    }

    private List<JsonNode> lines() {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : logged.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                try {
                    lines.add(Json.MAPPER.readTree(line));
                } catch (java.io.IOException e) {
                    throw new AssertionError("not a JSON line: " + line, e);
                }
            }
        }
        return lines;
    }
}

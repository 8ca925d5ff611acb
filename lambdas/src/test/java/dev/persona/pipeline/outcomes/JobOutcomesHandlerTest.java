package dev.persona.pipeline.outcomes;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.contracts.OperationalMetrics;
import dev.persona.contracts.PipelineErrorCodes;
import dev.persona.json.Json;
import dev.persona.metrics.BusinessMetrics;
import dev.persona.metrics.EmfCapture;
import dev.persona.pipeline.errors.PipelineException;
import dev.persona.testing.TestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Each way an execution ends becomes one job outcome, on the right side of the paging line. */
class JobOutcomesHandlerTest {

    private static final long STARTED = 1_733_130_000_000L;
    private static final long STOPPED = STARTED + 42_000;

    private final JobOutcomesHandler handler = new JobOutcomesHandler(BusinessMetrics.standard());

    @ParameterizedTest(name = "{0} {1} -> {2}/{3}")
    @CsvSource(nullValues = "-", value = {
            "FAILED,UnsupportedFormat,user,UnsupportedFormat",
            "FAILED,UploadTooLarge,user,UploadTooLarge",
            "FAILED,States.NoChoiceMatched,system,InternalError",
            "FAILED,States.Runtime,system,InternalError",
            "FAILED,-,system,InternalError",
            "FAILED,JobNotOwned,success,JobNotOwned",
            "TIMED_OUT,-,system,TimedOut",
            "ABORTED,-,system,Aborted"})
    void anExecutionThatEndedWithoutAPersonaIsCountedByClassAndCode(String status, String error, String outcomeClass,
                                                                     String code) throws Exception {
        List<EmfCapture.Value> values = handle(event(status, error, null, null));

        assertThat(values).extracting(value -> value.name() + value.dimensions())
                .containsExactlyInAnyOrder(
                        "JobOutcomes{OutcomeClass=" + outcomeClass + "}",
                        "JobOutcomes{Code=" + code + ", OutcomeClass=" + outcomeClass + "}");
    }

    @Test
    void everyNamedUserErrorIsTheUsers() {
        for (String code : PipelineErrorCodes.USER_ERRORS) {
            assertThat(ExecutionOutcomes.of(event("FAILED", code, null, null)).orElseThrow().outcomeClass())
                    .as(code).isEqualTo(OperationalMetrics.OutcomeClass.USER);
        }
    }

    @Test
    void everyNamedPipelineErrorIsTheUsersOrKnownToBeOurs() throws Exception {
        Path errors = Path.of(PipelineException.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(PipelineException.class.getPackageName().replace('.', '/'));
        Set<String> named;
        try (Stream<Path> files = Files.list(errors)) {
            named = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".class") && !name.contains("$"))
                    .map(name -> name.substring(0, name.length() - ".class".length()))
                    .filter(name -> !name.equals(PipelineException.class.getSimpleName()))
                    .collect(Collectors.toSet());
        }

        assertThat(named).containsAll(PipelineErrorCodes.USER_ERRORS);
        assertThat(named.stream().filter(name -> !PipelineErrorCodes.USER_ERRORS.contains(name)))
                .as("errors that are ours: a storage failure after retries, a job another execution owns")
                .containsExactlyInAnyOrder("StorageUnavailable", PipelineErrorCodes.JOB_NOT_OWNED);
    }

    @Test
    void aBuiltPersonaCountsAsSuccessWithTheTimeFromTheUploadsArrival() throws Exception {
        String output = "{\"jobId\":\"01J\",\"persona\":{\"personaKey\":\"personas/u/01J.json\",\"archetype\":\"x\"}}";
        String input = "{\"detail-type\":\"Object Created\",\"time\":\"2024-12-02T09:00:00Z\"}";
        long uploaded = java.time.Instant.parse("2024-12-02T09:00:00Z").toEpochMilli();

        List<EmfCapture.Value> values = handle(event("SUCCEEDED", null, output, input, uploaded + 5_000,
                uploaded + 65_000));

        assertThat(values).extracting(value -> value.name() + value.dimensions() + "=" + (long) value.value())
                .containsExactlyInAnyOrder(
                        "JobOutcomes{OutcomeClass=success}=1",
                        "JobOutcomes{Code=PersonaBuilt, OutcomeClass=success}=1",
                        "UploadToPersona{OutcomeClass=success}=65000");
    }

    @Test
    void aDuplicateOrWithdrawnUploadSucceedsWithoutAPersona() throws Exception {
        String withdrawnAfterItsPersona = "{\"persona\":{\"personaKey\":\"k\"},\"discard\":{\"outcome\":\"WITHDRAWN\"}}";
        String duplicate = "{\"discard\":{\"outcome\":\"DUPLICATE\"}}";

        for (String output : List.of(withdrawnAfterItsPersona, duplicate)) {
            assertThat(handle(event("SUCCEEDED", null, output, null))).extracting(EmfCapture.Value::dimensions)
                    .contains(Map.of(OperationalMetrics.OUTCOME_CLASS, "success", OperationalMetrics.CODE, "NoPersona"))
                    .noneMatch(dimensions -> dimensions.isEmpty());
        }
    }

    @Test
    void aStatusThatIsNotAnEndIsNotCounted() throws Exception {
        assertThat(handle(event("RUNNING", null, null, null))).isEmpty();
        assertThat(handle(event("PENDING_REDRIVE", null, null, null))).isEmpty();
    }

    @Test
    void noDimensionNamesAJobAUserOrAFile() throws Exception {
        String output = "{\"userId\":\"google_1\",\"jobId\":\"01J\",\"persona\":{\"personaKey\":\"k\"}}";

        assertThat(handle(event("SUCCEEDED", null, output, null))).allSatisfy(value ->
                assertThat(value.dimensions().values()).doesNotContain("google_1", "01J", "k"));
    }

    private List<EmfCapture.Value> handle(ObjectNode event) throws Exception {
        return EmfCapture.during(() -> handler.handleRequest(
                new ByteArrayInputStream(Json.MAPPER.writeValueAsBytes(event)), new ByteArrayOutputStream(),
                new TestContext())).stream()
                .filter(value -> !value.name().equals(OperationalMetrics.COLD_START)).toList();
    }

    private static ObjectNode event(String status, String error, String output, String input) {
        return event(status, error, output, input, STARTED, STOPPED);
    }

    private static ObjectNode event(String status, String error, String output, String input, long started,
                                    long stopped) {
        ObjectNode event = Json.MAPPER.createObjectNode()
                .put("detail-type", "Step Functions Execution Status Change").put("source", "aws.states");
        event.putObject("detail")
                .put("executionArn", "arn:aws:states:eu-west-1:123456789012:execution:pipeline:e1")
                .put("status", status).put("error", error).put("output", output).put("input", input)
                .put("startDate", started).put("stopDate", stopped);
        return event;
    }
}

package dev.persona.local.runtime;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.persona.contracts.OperationalMetrics;
import dev.persona.contracts.iam.PermissionModel;
import dev.persona.local.stepfunctions.Execution;
import dev.persona.local.stepfunctions.StateMachineType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime's default event bus: a rule on Step Functions' execution status changes gets the events of the stack's
 * executions its pattern matches, as an EventBridge rule on {@code aws.states} would.
 */
class StatusChangeRulesIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The deployed rule's twin: an ended pipeline execution reaches the job-outcomes function, whose EMF document
     * counts it. An upload no job was handed out for ends, as designed, without a persona.
     */
    @Test
    void anEndedPipelineExecutionIsCountedByTheJobOutcomesFunction() throws Exception {
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (PersonaLocalRuntime runtime = PersonaLocalRuntime.builder()
                .logs(new PrintStream(OutputStream.nullOutputStream())).build().start()) {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            Execution unclaimed = runtime.stepFunctions().startExecution(runtime.stateMachineArn(), "unclaimed", """
                    {"version": "0", "id": "e1", "detail-type": "Object Created", "source": "aws.s3",
                     "account": "%s", "time": "2026-12-02T09:00:00Z", "region": "us-east-1",
                     "resources": ["arn:aws:s3:::%s"],
                     "detail": {"version": "0", "bucket": {"name": "%s"},
                       "object": {"key": "uploads/dev_nobody/01JNOJOBWASHANDEDOUT0000/data.csv", "size": 10,
                                  "etag": "e", "version-id": "v1", "sequencer": "0001"},
                       "request-id": "r1", "requester": "%s", "reason": "PutObject"}}"""
                    .formatted(PersonaLocalRuntime.ACCOUNT_ID, PersonaLocalRuntime.BUCKET,
                            PersonaLocalRuntime.BUCKET, PersonaLocalRuntime.ACCOUNT_ID));
            assertThat(runtime.stepFunctions().awaitExecution(unclaimed.arn(), Duration.ofSeconds(60)).status())
                    .isEqualTo(dev.persona.local.stepfunctions.asl.exec.ExecutionStatus.SUCCEEDED);

            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!printed.toString(StandardCharsets.UTF_8).contains("\"JobOutcomes\"")
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            System.setOut(console);
        }
        List<JsonNode> outcomes = printed.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.startsWith("{") && line.contains("\"JobOutcomes\""))
                .map(line -> {
                    try {
                        return JSON.readTree(line);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).toList();
        assertThat(outcomes).extracting(document -> document.path("OutcomeClass").asText() + "/"
                        + document.path("Code").asText(""))
                .containsExactlyInAnyOrder("success/", "success/" + OperationalMetrics.NO_PERSONA);
    }

    @Test
    void aRuleOnExecutionsThatEndedOnOurSideGetsTheirEvents() throws Exception {
        List<JsonNode> ended = new CopyOnWriteArrayList<>();
        List<String> everything = new CopyOnWriteArrayList<>();
        try (PersonaLocalRuntime runtime = PersonaLocalRuntime.builder()
                .logs(new PrintStream(OutputStream.nullOutputStream()))
                .eventRule("sandbox-failures", """
                        {"source": ["aws.states"], "detail-type": ["Step Functions Execution Status Change"],
                         "detail": {"status": ["FAILED", "TIMED_OUT", "ABORTED"],
                                    "stateMachineArn": [{"suffix": ":stateMachine:sandbox"}]}}""",
                        (id, event) -> ended.add(JSON.readTree(event)))
                .eventRule("all", "{\"source\": [\"aws.states\"]}", (id, event) -> everything.add(id))
                .build().start()) {
            var stepFunctions = runtime.stepFunctions();
            String sandbox = stepFunctions.createStateMachine("sandbox", """
                    {"StartAt": "Check", "States": {"Check": {"Type": "Choice", "Choices": [{"Variable": "$.ok",
                      "BooleanEquals": true, "Next": "Done"}], "Default": "Refuse"},
                      "Refuse": {"Type": "Fail", "Error": "Refused", "Cause": "not ok"},
                      "Done": {"Type": "Succeed"}}}""", PersonaLocalRuntime.SANDBOX_ROLE_ARN,
                    StateMachineType.STANDARD).arn();
            Execution fine = stepFunctions.startExecution(sandbox, "fine", "{\"ok\": true}");
            Execution refused = stepFunctions.startExecution(sandbox, "refused", "{\"ok\": false}");
            stepFunctions.awaitExecution(fine.arn(), Duration.ofSeconds(30));
            stepFunctions.awaitExecution(refused.arn(), Duration.ofSeconds(30));

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (everything.size() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(everything).hasSize(4).doesNotHaveDuplicates();
            assertThat(ended).hasSize(1);
            JsonNode event = ended.getFirst();
            assertThat(event.path("source").asText()).isEqualTo("aws.states");
            assertThat(event.path("account").asText()).isEqualTo(PersonaLocalRuntime.ACCOUNT_ID);
            assertThat(event.at("/detail/executionArn").asText()).isEqualTo(refused.arn());
            assertThat(event.at("/detail/status").asText()).isEqualTo("FAILED");
            assertThat(event.at("/detail/error").asText()).isEqualTo("Refused");
            assertThat(event.at("/detail/cause").asText()).isEqualTo("not ok");
            assertThat(runtime.eventBus().ruleNames())
                    .containsExactly("sandbox-failures", "all", PermissionModel.JOB_OUTCOMES_RULE);
        }
    }
}

package dev.persona.local.runtime;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
            assertThat(runtime.eventBus().ruleNames()).containsExactly("sandbox-failures", "all");
        }
    }
}

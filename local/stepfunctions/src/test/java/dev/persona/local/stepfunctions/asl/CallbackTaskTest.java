package dev.persona.local.stepfunctions.asl;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.persona.local.stepfunctions.Execution;
import dev.persona.local.stepfunctions.LocalStepFunctions;
import dev.persona.local.stepfunctions.Machines;
import dev.persona.local.stepfunctions.StateMachineType;
import dev.persona.local.stepfunctions.StepFunctionsException;
import dev.persona.local.stepfunctions.asl.exec.ExecutionOutcome;
import dev.persona.local.stepfunctions.asl.exec.ExecutionStatus;
import dev.persona.local.stepfunctions.asl.exec.HistoryEventType;
import dev.persona.local.stepfunctions.time.VirtualTimeSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.persona.local.stepfunctions.Machines.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code .waitForTaskToken}: SendTaskSuccess, SendTaskFailure, heartbeats, and stopping a waiting execution. */
class CallbackTaskTest {

    private static final String DEFINITION = """
            {"StartAt": "Wait", "States": {"Wait": {"Type": "Task",
              "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
              "Parameters": {"FunctionName": "notify", "Payload": {"token.$": "$$.Task.Token"}},
              "HeartbeatSeconds": 10, "TimeoutSeconds": 300, "End": true}}}
            """;

    private final VirtualTimeSource clock = new VirtualTimeSource(Machines.EPOCH);
    private final LocalStepFunctions engine = Machines.engine(clock);
    private final List<String> tokens = new CopyOnWriteArrayList<>();

    @BeforeEach
    void registerNotifier() {
        engine.lambdaFunctions().registerFunction("notify", payload -> {
            tokens.add(payload.get("token").textValue());
            return json("{\"accepted\":true}");
        });
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private Execution start() {
        var machine = engine.createStateMachine("callback", DEFINITION, Machines.ROLE, StateMachineType.STANDARD);
        Execution execution = engine.startExecution(machine.arn(), "run", "{}");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (tokens.isEmpty() || !Machines.types(engine.executionHistory(execution.arn()))
                .contains(HistoryEventType.TASK_SUBMITTED)) {
            assertThat(System.nanoTime()).as("the task token is issued").isLessThan(deadline);
            Thread.onSpinWait();
        }
        return execution;
    }

    private ExecutionOutcome await(Execution execution) {
        return engine.awaitExecution(execution.arn(), Duration.ofSeconds(10));
    }

    @Test
    void sendTaskSuccessCompletesTheTaskWithItsOutput() {
        Execution execution = start();
        engine.sendTaskSuccess(tokens.getFirst(), "{\"approved\":true}");
        ExecutionOutcome outcome = await(execution);
        assertThat(outcome.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(outcome.output()).isEqualTo(json("{\"approved\":true}"));
        assertThat(Machines.types(engine.executionHistory(execution.arn()))).containsSubsequence(
                HistoryEventType.TASK_SCHEDULED, HistoryEventType.TASK_STARTED, HistoryEventType.TASK_SUBMITTED,
                HistoryEventType.TASK_SUCCEEDED, HistoryEventType.EXECUTION_SUCCEEDED);
        assertThatThrownBy(() -> engine.sendTaskSuccess(tokens.getFirst(), "{}"))
                .isInstanceOfSatisfying(StepFunctionsException.class,
                        e -> assertThat(e.errorType()).isEqualTo("TaskTimedOut"));
    }

    @Test
    void sendTaskFailureFailsTheTaskWithItsErrorAndCause() {
        Execution execution = start();
        engine.sendTaskFailure(tokens.getFirst(), "Rejected", "the reviewer said no");
        ExecutionOutcome outcome = await(execution);
        assertThat(outcome.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(outcome.error()).isEqualTo("Rejected");
        assertThat(outcome.cause()).isEqualTo("the reviewer said no");
    }

    @Test
    void heartbeatsKeepTheTaskAliveUntilOneIsMissed() throws InterruptedException {
        Execution execution = start();
        clock.advance(Duration.ofSeconds(5));
        engine.sendTaskHeartbeat(tokens.getFirst());
        clock.advance(Duration.ofSeconds(8));
        Thread.sleep(100);
        assertThat(execution.status()).as("13 s after the start, 8 s after the heartbeat").isEqualTo(ExecutionStatus.RUNNING);
        clock.advance(Duration.ofSeconds(3));
        ExecutionOutcome outcome = await(execution);
        assertThat(outcome.error()).isEqualTo("States.HeartbeatTimeout");
        assertThat(Machines.types(engine.executionHistory(execution.arn()))).contains(HistoryEventType.TASK_TIMED_OUT);
    }

    @Test
    void unknownAndMalformedTokensAreRefused() {
        assertThatThrownBy(() -> engine.sendTaskSuccess("not-a-token", "{}"))
                .isInstanceOfSatisfying(StepFunctionsException.class,
                        e -> assertThat(e.errorType()).isEqualTo("InvalidToken"));
        assertThatThrownBy(() -> engine.sendTaskHeartbeat("A".repeat(86)))
                .isInstanceOfSatisfying(StepFunctionsException.class,
                        e -> assertThat(e.errorType()).isEqualTo("TaskDoesNotExist"));
    }

    @Test
    void stopExecutionAbortsAWaitingExecution() {
        Execution execution = start();
        engine.stopExecution(execution.arn(), "Operator", "no longer needed");
        ExecutionOutcome outcome = await(execution);
        assertThat(outcome.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(outcome.error()).isEqualTo("Operator");
        assertThat(Machines.types(engine.executionHistory(execution.arn())).getLast())
                .isEqualTo(HistoryEventType.EXECUTION_ABORTED);
    }

    @Test
    void stopExecutionAbandonsEveryIterationOfAMap() {
        var machine = engine.createStateMachine("fan-out", """
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "End": true, "ItemProcessor": {
                  "StartAt": "Ask", "States": {"Ask": {"Type": "Task",
                    "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
                    "Parameters": {"FunctionName": "notify", "Payload": {"token.$": "$$.Task.Token"}}, "End": true}}}}}}
                """, Machines.ROLE, StateMachineType.STANDARD);
        Execution execution = engine.startExecution(machine.arn(), "fan", "[1, 2, 3]");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (tokens.size() < 3) {
            assertThat(System.nanoTime()).as("all three iterations wait").isLessThan(deadline);
            Thread.onSpinWait();
        }
        engine.stopExecution(execution.arn(), null, null);
        assertThat(await(execution).status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThatThrownBy(() -> engine.sendTaskSuccess(tokens.getLast(), "{}"))
                .isInstanceOfSatisfying(StepFunctionsException.class,
                        e -> assertThat(e.errorType()).isEqualTo("TaskTimedOut"));
    }
}

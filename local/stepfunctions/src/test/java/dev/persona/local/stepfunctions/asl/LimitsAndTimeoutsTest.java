package dev.persona.local.stepfunctions.asl;

import java.time.Duration;
import java.time.Instant;

import dev.persona.local.stepfunctions.LocalStepFunctions;
import dev.persona.local.stepfunctions.Machines;
import dev.persona.local.stepfunctions.StepFunctionsException;
import dev.persona.local.stepfunctions.asl.exec.ExecutionStatus;
import dev.persona.local.stepfunctions.asl.exec.HistoryEventType;
import dev.persona.local.stepfunctions.time.VirtualTimeSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.persona.local.stepfunctions.Machines.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AWS's limits (256 KiB payloads, 25,000 history events) and the state machine's TimeoutSeconds. */
class LimitsAndTimeoutsTest {

    private final VirtualTimeSource clock = new VirtualTimeSource(Machines.EPOCH);
    private final LocalStepFunctions engine = Machines.engine(clock);

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void aStateOutputOver256KiBFailsWithDataLimitExceeded() {
        String big = "x".repeat(262_144);
        var outcome = Machines.run(engine, """
                {"StartAt": "Big", "States": {"Big": {"Type": "Pass", "Parameters": {"v.$": "$.v"}, "End": true}}}
                """, "{\"v\":\"" + big.substring(20) + "\"}").outcome();
        assertThat(outcome.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        var failed = Machines.run(engine, """
                {"StartAt": "Big", "States": {"Big": {"Type": "Pass", "Parameters": {"v.$": "$.v", "w.$": "$.v"},
                  "End": true}}}
                """, "{\"v\":\"" + big.substring(20) + "\"}").outcome();
        assertThat(failed.error()).isEqualTo("States.DataLimitExceeded");
        assertThat(failed.cause()).isEqualTo("The state/task 'Big' returned a result with a size exceeding the maximum "
                + "number of bytes service limit.");
    }

    @Test
    void aTaskResultOver256KiBFailsAndIsNotCaughtByStatesAll() {
        engine.lambdaFunctions().registerFunction("big", payload -> json("\"" + "y".repeat(300_000) + "\""));
        var outcome = Machines.run(engine, """
                {"StartAt": "Call", "States": {
                  "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "ResultPath": null,
                    "Parameters": {"FunctionName": "big"}, "End": true,
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}]},
                  "Caught": {"Type": "Succeed"}}}
                """, "{}").outcome();
        assertThat(outcome.error()).isEqualTo("States.DataLimitExceeded");
    }

    @Test
    void executionInputOver256KiBIsRefused() {
        var machine = engine.createStateMachine("limits", "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\","
                + "\"End\":true}}}", Machines.ROLE, dev.persona.local.stepfunctions.StateMachineType.STANDARD);
        assertThatThrownBy(() -> engine.startExecution(machine.arn(), null, "\"" + "z".repeat(262_144) + "\""))
                .isInstanceOfSatisfying(StepFunctionsException.class,
                        e -> assertThat(e.errorType()).isEqualTo("ValidationException"));
    }

    @Test
    void anExecutionFailsWhenItsHistoryReaches25000Events() {
        var run = Machines.run(engine, """
                {"StartAt": "Count", "States": {
                  "Count": {"Type": "Pass", "Parameters": {"n.$": "States.MathAdd($.n, 1)"}, "Next": "Again"},
                  "Again": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericLessThan": 1000000,
                            "Next": "Count"}], "Default": "Done"},
                  "Done": {"Type": "Succeed"}}}
                """, "{\"n\":0}");
        assertThat(run.outcome().error()).isEqualTo("States.Runtime");
        assertThat(run.outcome().cause()).isEqualTo("The execution reached the maximum number of history events (25000).");
        assertThat(run.history()).hasSize(25_001);
        assertThat(run.history().getLast().type()).isEqualTo(HistoryEventType.EXECUTION_FAILED);
    }

    @Test
    void timeoutSecondsEndsTheExecutionWhenItExpires() {
        Instant start = clock.now();
        var run = Machines.run(engine, """
                {"TimeoutSeconds": 60, "StartAt": "Nap", "States": {
                  "Nap": {"Type": "Wait", "Seconds": 3600, "Next": "Never"},
                  "Never": {"Type": "Pass", "End": true}}}
                """, "{}");
        assertThat(run.outcome().status()).isEqualTo(ExecutionStatus.TIMED_OUT);
        assertThat(run.outcome().error()).isEqualTo("States.Timeout");
        assertThat(Duration.between(start, run.outcome().stopDate())).isEqualTo(Duration.ofSeconds(60));
        assertThat(run.history().getLast().type()).isEqualTo(HistoryEventType.EXECUTION_TIMED_OUT);
    }

    @Test
    void anHourLongWaitTakesNoRealTimeOnVirtualTime() {
        Instant start = clock.now();
        long began = System.nanoTime();
        var run = Machines.run(engine, """
                {"StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "Seconds": 3600, "Next": "Stamp"},
                  "Stamp": {"Type": "Pass", "Parameters": {"at.$": "$$.State.EnteredTime"}, "End": true}}}
                """, "{}");
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(2));
        assertThat(Instant.parse(run.outcome().output().get("at").textValue()))
                .isEqualTo(start.plus(Duration.ofHours(1)));
    }
}

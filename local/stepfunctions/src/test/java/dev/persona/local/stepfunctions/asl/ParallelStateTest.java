package dev.persona.local.stepfunctions.asl;

import java.time.Duration;

import dev.persona.local.stepfunctions.LocalStepFunctions;
import dev.persona.local.stepfunctions.Machines;
import dev.persona.local.stepfunctions.asl.exec.ExecutionStatus;
import dev.persona.local.stepfunctions.asl.exec.HistoryEventType;
import dev.persona.local.stepfunctions.time.VirtualTimeSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.persona.local.stepfunctions.Machines.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Parallel states: concurrent branches, the first failure wins and abandons the others. */
class ParallelStateTest {

    private final VirtualTimeSource clock = new VirtualTimeSource(Machines.EPOCH);
    private final LocalStepFunctions engine = Machines.engine(clock);

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void aFailingBranchFailsTheStateAndAbandonsTheOthers() {
        var run = Machines.run(engine, """
                {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "Long", "States": {"Long": {"Type": "Wait", "Seconds": 86400, "Next": "After"},
                                                 "After": {"Type": "Pass", "End": true}}},
                  {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Broken", "Cause": "branch 2"}}}]}}}
                """, "{}");
        assertThat(run.outcome().status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.outcome().error()).isEqualTo("Broken");
        assertThat(run.outcome().cause()).isEqualTo("branch 2");
        assertThat(Machines.types(run.history())).contains(HistoryEventType.PARALLEL_STATE_FAILED)
                .doesNotContain(HistoryEventType.PARALLEL_STATE_SUCCEEDED);
    }

    @Test
    void branchesRunConcurrentlyAndTheirOutputsKeepBranchOrder() {
        engine.lambdaFunctions().registerFunction("slow", payload -> {
            Thread.sleep(200);
            return json("\"slow\"");
        });
        long started = System.nanoTime();
        var run = Machines.run(engine, """
                {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                    "Parameters": {"FunctionName": "slow"}, "OutputPath": "$.Payload", "End": true}}},
                  {"StartAt": "B", "States": {"B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                    "Parameters": {"FunctionName": "slow"}, "OutputPath": "$.Payload", "End": true}}},
                  {"StartAt": "C", "States": {"C": {"Type": "Pass", "Result": "fast", "End": true}}}]}}}
                """, "{}");
        assertThat(run.outcome().output()).isEqualTo(json("[\"slow\",\"slow\",\"fast\"]"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(390));
    }

    @Test
    void aCaughtBranchFailureContinuesAtTheCatcher() {
        var run = Machines.run(engine, """
                {"StartAt": "Both", "States": {
                  "Both": {"Type": "Parallel", "Next": "Done", "ResultPath": "$.results",
                    "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.failure", "Next": "Recover"}],
                    "Branches": [{"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "E"}}}]},
                  "Recover": {"Type": "Pass", "End": true},
                  "Done": {"Type": "Pass", "End": true}}}
                """, "{\"keep\":true}");
        assertThat(run.outcome().output()).isEqualTo(json("{\"keep\":true,\"failure\":{\"Error\":\"E\"}}"));
    }

    @Test
    void aBranchAbandonedByAFailingSiblingRecordsItsAbortedEvents() {
        engine.lambdaFunctions().registerFunction("slow", payload -> {
            Thread.sleep(5_000);
            return payload;
        });
        var run = Machines.run(engine, """
                {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "Slow", "States": {"Slow": {"Type": "Task",
                    "Resource": "arn:aws:lambda:us-east-1:123456789012:function:slow", "End": true}}},
                  {"StartAt": "Inner", "States": {"Inner": {"Type": "Map", "End": true, "ItemsPath": "$.items",
                    "ItemProcessor": {"StartAt": "Hold", "States": {"Hold": {"Type": "Task",
                      "Resource": "arn:aws:lambda:us-east-1:123456789012:function:slow", "End": true}}}}}},
                  {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Broken"}}}]}}}
                """, "{\"items\": [1]}");
        assertThat(run.outcome().error()).isEqualTo("Broken");
        assertThat(Machines.types(run.history())).contains(HistoryEventType.TASK_STATE_ABORTED,
                HistoryEventType.MAP_ITERATION_ABORTED, HistoryEventType.MAP_STATE_ABORTED);
    }
}

package dev.persona.local.stepfunctions.executions;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.stepfunctions.Execution;
import dev.persona.local.stepfunctions.LocalStepFunctions;
import dev.persona.local.stepfunctions.Machines;
import dev.persona.local.stepfunctions.StateMachineRecord;
import dev.persona.local.stepfunctions.StateMachineType;
import dev.persona.local.stepfunctions.StepFunctionsException;
import dev.persona.local.stepfunctions.asl.exec.ExecutionOutcome;
import dev.persona.local.stepfunctions.asl.exec.ExecutionStatus;
import dev.persona.local.stepfunctions.asl.exec.HistoryEvent;
import dev.persona.local.stepfunctions.asl.exec.HistoryEventType;
import dev.persona.local.stepfunctions.tasks.lambda.LambdaFunctionError;
import dev.persona.local.stepfunctions.time.VirtualTimeSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.persona.local.stepfunctions.Machines.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * RedriveExecution as AWS documents it: only unsuccessful executions within the redrivable period; the run
 * continues from the unsuccessful state with the same input and definition, without rerunning what succeeded;
 * Parallel and Map states rerun only their unsuccessful branches and iterations.
 */
class RedriveTest {

    private final VirtualTimeSource clock = new VirtualTimeSource(Machines.EPOCH);
    private final LocalStepFunctions engine = Machines.engine(clock);
    /** Calls per function name; a name in {@code broken} fails. */
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, Boolean> broken = new ConcurrentHashMap<>();

    @AfterEach
    void close() {
        engine.close();
    }

    private void function(String name) {
        engine.lambdaFunctions().registerFunction(name, payload -> {
            calls.computeIfAbsent(name, key -> new AtomicInteger()).incrementAndGet();
            if (broken.getOrDefault(name, false)) {
                throw new LambdaFunctionError("Broken", name + " is broken");
            }
            return json("{\"by\":\"" + name + "\",\"in\":" + payload + "}");
        });
    }

    private int calls(String name) {
        AtomicInteger count = calls.get(name);
        return count == null ? 0 : count.get();
    }

    private static String task(String function, String next) {
        return """
                {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:%s", %s}"""
                .formatted(function, next == null ? "\"End\": true" : "\"Next\": \"" + next + "\"");
    }

    private Execution start(String definition, String input) {
        StateMachineRecord machine = engine.createStateMachine("redriven-" + calls.size() + "-"
                + System.nanoTime(), definition, Machines.ROLE, StateMachineType.STANDARD);
        Execution execution = engine.startExecution(machine.arn(), "run", input);
        engine.awaitExecution(execution.arn(), Duration.ofSeconds(10));
        return execution;
    }

    private ExecutionOutcome redrive(Execution execution) {
        engine.redriveExecution(execution.arn(), null);
        return engine.awaitExecution(execution.arn(), Duration.ofSeconds(10));
    }

    @Test
    void aFailedExecutionContinuesFromItsFailedStateWithTheSameInput() {
        function("first");
        function("second");
        broken.put("second", true);
        Execution execution = start("""
                {"StartAt": "First", "States": {"First": %s, "Second": %s}}
                """.formatted(task("first", "Second"), task("second", null)), "{\"n\":1}");
        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        LocalStepFunctions.RedriveStatus before = engine.redriveStatus(execution);
        assertThat(before.redrivable()).isTrue();

        broken.put("second", false);
        clock.advance(Duration.ofMinutes(5));
        ExecutionOutcome outcome = redrive(execution);

        assertThat(outcome.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(outcome.output().path("in").path("by").asText()).isEqualTo("first");
        assertThat(calls("first")).isEqualTo(1);
        assertThat(calls("second")).isEqualTo(2);
        assertThat(execution.redriveCount()).isEqualTo(1);
        assertThat(execution.redriveDate()).isEqualTo(Machines.EPOCH.plus(Duration.ofMinutes(5)));
        assertThat(engine.redriveStatus(execution).reason()).isEqualTo("Execution is SUCCEEDED and cannot be redriven");
        var history = engine.executionHistory(execution.arn());
        HistoryEvent redriven = history.stream().filter(e -> e.type() == HistoryEventType.EXECUTION_REDRIVEN)
                .findFirst().orElseThrow();
        assertThat(redriven.details().get("redriveCount").intValue()).isEqualTo(1);
        assertThat(Machines.types(history.subList((int) redriven.id(), history.size()))).containsExactly(
                HistoryEventType.TASK_STATE_ENTERED, HistoryEventType.LAMBDA_FUNCTION_SCHEDULED,
                HistoryEventType.LAMBDA_FUNCTION_STARTED, HistoryEventType.LAMBDA_FUNCTION_SUCCEEDED,
                HistoryEventType.TASK_STATE_EXITED, HistoryEventType.EXECUTION_SUCCEEDED);
    }

    @Test
    void theContextObjectCountsRedrives() {
        broken.put("gate", true);
        function("gate");
        Execution execution = start("""
                {"StartAt": "Gate", "States": {"Gate": %s, "Count": {"Type": "Pass",
                  "Parameters": {"redrives.$": "$$.Execution.RedriveCount", "time.$": "$$.Execution.RedriveTime"},
                  "End": true}}}
                """.formatted(task("gate", "Count")), "{}");
        broken.put("gate", false);
        assertThat(redrive(execution).output()).isEqualTo(json(
                "{\"redrives\":1,\"time\":\"2026-01-01T00:00:00.000Z\"}"));
    }

    @Test
    void aParallelStateRerunsOnlyItsFailedBranch() {
        function("left");
        // A failing branch stops the branches still running, which a redrive runs again, as on AWS: the right
        // branch fails only once the left one has ended, so that exactly one branch is unsuccessful.
        CompletableFuture<String> started = new CompletableFuture<>();
        AtomicBoolean rightFails = new AtomicBoolean(true);
        engine.lambdaFunctions().registerFunction("right", payload -> {
            calls.computeIfAbsent("right", key -> new AtomicInteger()).incrementAndGet();
            if (rightFails.get()) {
                awaitStateExited(started.join(), "Left");
                throw new LambdaFunctionError("Broken", "right is broken");
            }
            return json("{\"by\":\"right\",\"in\":" + payload + "}");
        });
        StateMachineRecord machine = engine.createStateMachine("redriven-parallel", """
                {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "Left", "States": {"Left": %s}},
                  {"StartAt": "Right", "States": {"Right": %s}}]}}}
                """.formatted(task("left", null), task("right", null)), Machines.ROLE, StateMachineType.STANDARD);
        Execution execution = engine.startExecution(machine.arn(), "run", "{}");
        started.complete(execution.arn());
        assertThat(engine.awaitExecution(execution.arn(), Duration.ofSeconds(10)).status())
                .isEqualTo(ExecutionStatus.FAILED);
        rightFails.set(false);

        ExecutionOutcome outcome = redrive(execution);

        assertThat(outcome.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(outcome.output().get(0).path("by").asText()).isEqualTo("left");
        assertThat(outcome.output().get(1).path("by").asText()).isEqualTo("right");
        assertThat(calls("left")).isEqualTo(1);
        assertThat(calls("right")).isEqualTo(2);
    }

    /** Waits until the execution's history holds the exit of the named state (at most ten seconds). */
    private void awaitStateExited(String executionArn, String state) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (engine.executionHistory(executionArn).stream().noneMatch(event ->
                event.type() == HistoryEventType.TASK_STATE_EXITED
                        && state.equals(event.details().path("name").asText()))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(state + " never exited");
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void anInlineMapRerunsOnlyItsFailedIterations() {
        Map<Integer, AtomicInteger> perItem = new ConcurrentHashMap<>();
        boolean[] failEven = {true};
        engine.lambdaFunctions().registerFunction("item", payload -> {
            int item = payload.intValue();
            perItem.computeIfAbsent(item, key -> new AtomicInteger()).incrementAndGet();
            if (failEven[0] && item % 2 == 0) {
                throw new LambdaFunctionError("Even", "even items fail");
            }
            return json(String.valueOf(item * 10));
        });
        Execution execution = start("""
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "End": true, "MaxConcurrency": 1,
                  "ItemProcessor": {"StartAt": "Item", "States": {"Item": %s}}}}}
                """.formatted(task("item", null)), "[1, 2, 3, 4]");
        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        failEven[0] = false;

        ExecutionOutcome outcome = redrive(execution);

        assertThat(outcome.output()).isEqualTo(json("[10, 20, 30, 40]"));
        assertThat(perItem.get(1).get()).isEqualTo(1);
        assertThat(perItem.get(2).get()).isEqualTo(2);
        assertThat(perItem.get(4).get()).isEqualTo(1);
    }

    @Test
    void aDistributedMapRerunsOnlyItsFailedChildren() {
        // One child at a time: items 1 and 2 have succeeded before 3 fails, so none is aborted in flight
        // (an aborted child is rerun by a redrive too, which would make the count racy).
        Map<Integer, AtomicInteger> perItem = new ConcurrentHashMap<>();
        boolean[] failing = {true};
        engine.lambdaFunctions().registerFunction("child", payload -> {
            int item = payload.intValue();
            perItem.computeIfAbsent(item, key -> new AtomicInteger()).incrementAndGet();
            if (failing[0] && item == 3) {
                throw new LambdaFunctionError("Three", "three fails");
            }
            return payload;
        });
        Execution execution = start("""
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "End": true, "ToleratedFailureCount": 0,
                  "MaxConcurrency": 1,
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "Child", "States": {"Child": %s}}}}}
                """.formatted(task("child", null)), "[1, 2, 3]");
        assertThat(execution.outcome().error()).isEqualTo("States.ExceedToleratedFailureThreshold");
        failing[0] = false;

        ExecutionOutcome outcome = redrive(execution);

        assertThat(outcome.output()).isEqualTo(json("[1, 2, 3]"));
        assertThat(perItem.get(1).get()).isEqualTo(1);
        assertThat(perItem.get(3).get()).isEqualTo(2);
        assertThat(Machines.types(engine.executionHistory(execution.arn())))
                .contains(HistoryEventType.MAP_RUN_REDRIVEN);
        var mapRun = engine.listMapRuns(execution.arn()).getFirst();
        assertThat(mapRun.redriveCount()).isEqualTo(1);
        assertThat(mapRun.status().name()).isEqualTo("SUCCEEDED");
    }

    @Test
    void anAbortedExecutionContinuesTheStateItWasStoppedIn() {
        Execution execution = engine.startExecution(engine.createStateMachine("stopped", """
                {"StartAt": "Wait", "States": {"Wait": {"Type": "Wait", "Seconds": 3600, "Next": "Done"},
                  "Done": {"Type": "Pass", "Result": "done", "End": true}}}""", Machines.ROLE,
                StateMachineType.STANDARD).arn(), "run", "{}");
        engine.awaitExecution(execution.arn(), Duration.ofSeconds(10));
        // On virtual time the Wait ended at once; start another one that waits for a callback instead.
        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        engine.lambdaFunctions().registerFunction("never", payload -> json("{}"));
        StateMachineRecord machine = engine.createStateMachine("waiting", """
                {"StartAt": "Callback", "States": {"Callback": {"Type": "Task",
                  "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
                  "Parameters": {"FunctionName": "never", "Payload": {"token.$": "$$.Task.Token"}},
                  "Next": "Done"}, "Done": {"Type": "Pass", "Result": "done", "End": true}}}""", Machines.ROLE,
                StateMachineType.STANDARD);
        Execution waiting = engine.startExecution(machine.arn(), "callback", "{}");
        awaitHistory(waiting, HistoryEventType.TASK_SUBMITTED);
        engine.stopExecution(waiting.arn(), "Stopped", "by the test");
        assertThat(waiting.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(engine.redriveStatus(waiting).redrivable()).isTrue();

        engine.redriveExecution(waiting.arn(), null);
        String token = awaitToken(waiting);
        engine.sendTaskSuccess(token, "{\"ok\":true}");

        assertThat(engine.awaitExecution(waiting.arn(), Duration.ofSeconds(10)).output()).isEqualTo(json("\"done\""));
    }

    private void awaitHistory(Execution execution, HistoryEventType type) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (engine.executionHistory(execution.arn()).stream().noneMatch(e -> e.type() == type)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + type + " in " + Machines.types(engine.executionHistory(
                        execution.arn())));
            }
            Thread.onSpinWait();
        }
    }

    private String awaitToken(Execution execution) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            var history = engine.executionHistory(execution.arn());
            HistoryEvent redriven = history.stream().filter(e -> e.type() == HistoryEventType.EXECUTION_REDRIVEN)
                    .findFirst().orElseThrow();
            for (HistoryEvent event : history.subList((int) redriven.id(), history.size())) {
                if (event.type() == HistoryEventType.TASK_SUBMITTED) {
                    JsonNode scheduled = history.get((int) event.id() - 3).details();
                    return scheduled.at("/parameters/Payload/token").asText();
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the redriven task did not wait for its token");
    }

    @Test
    void aFailStateFailsAgainWhenRedriven() {
        Execution execution = start("""
                {"StartAt": "Stop", "States": {"Stop": {"Type": "Fail", "Error": "Final", "Cause": "always"}}}
                """, "{}");
        ExecutionOutcome outcome = redrive(execution);
        assertThat(outcome.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(outcome.error()).isEqualTo("Final");
        assertThat(execution.redriveCount()).isEqualTo(1);
        assertThat(Machines.types(engine.executionHistory(execution.arn()))).containsSubsequence(
                HistoryEventType.EXECUTION_FAILED, HistoryEventType.EXECUTION_REDRIVEN,
                HistoryEventType.FAIL_STATE_ENTERED, HistoryEventType.EXECUTION_FAILED);
    }

    @Test
    void onlyUnsuccessfulExecutionsWithinTheRedrivablePeriodCanBeRedriven() {
        function("ok");
        Execution succeeded = start("{\"StartAt\": \"Ok\", \"States\": {\"Ok\": " + task("ok", null) + "}}", "{}");
        assertThatThrownBy(() -> engine.redriveExecution(succeeded.arn(), null))
                .isInstanceOfSatisfying(StepFunctionsException.class, e -> {
                    assertThat(e.errorType()).isEqualTo("ExecutionNotRedrivable");
                    assertThat(e.getMessage()).contains("Execution is SUCCEEDED and cannot be redriven");
                });

        Execution failed = start("{\"StartAt\": \"F\", \"States\": {\"F\": {\"Type\": \"Fail\"}}}", "{}");
        clock.advance(Duration.ofDays(14).plusSeconds(1));
        assertThat(engine.redriveStatus(failed).reason()).isEqualTo("Execution redrivable period exceeded");
        assertThatThrownBy(() -> engine.redriveExecution(failed.arn(), null))
                .isInstanceOfSatisfying(StepFunctionsException.class,
                        e -> assertThat(e.errorType()).isEqualTo("ExecutionNotRedrivable"));
    }

    @Test
    void aRepeatedClientTokenRedrivesOnce() {
        Execution execution = start("{\"StartAt\": \"F\", \"States\": {\"F\": {\"Type\": \"Fail\"}}}", "{}");
        var first = engine.redriveExecution(execution.arn(), "token-1");
        engine.awaitExecution(execution.arn(), Duration.ofSeconds(10));
        clock.advance(Duration.ofMinutes(1));
        assertThat(engine.redriveExecution(execution.arn(), "token-1")).isEqualTo(first);
        assertThat(execution.redriveCount()).isEqualTo(1);
    }
}

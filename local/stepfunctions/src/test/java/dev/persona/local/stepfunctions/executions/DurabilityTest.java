package dev.persona.local.stepfunctions.executions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.persona.local.stepfunctions.Execution;
import dev.persona.local.stepfunctions.LocalStepFunctions;
import dev.persona.local.stepfunctions.Machines;
import dev.persona.local.stepfunctions.StateMachineAlias;
import dev.persona.local.stepfunctions.StateMachineChange;
import dev.persona.local.stepfunctions.StateMachineType;
import dev.persona.local.stepfunctions.asl.exec.ExecutionStatus;
import dev.persona.local.stepfunctions.asl.exec.HistoryEvent;
import dev.persona.local.stepfunctions.asl.exec.HistoryEventType;
import dev.persona.local.stepfunctions.time.SystemTimeSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.persona.local.stepfunctions.Machines.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a data directory, state machines and executions outlive the service: a second service on the same
 * directory knows them, and continues the executions that were running from their recorded events.
 */
class DurabilityTest {

    private static final String TASK = "arn:aws:lambda:us-east-1:123456789012:function:";

    @TempDir
    Path data;
    private LocalStepFunctions service;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    private LocalStepFunctions open() {
        service = LocalStepFunctions.builder().timeSource(new SystemTimeSource()).dataDirectory(data)
                .functionLogs(line -> { }).build();
        return service;
    }

    @AfterEach
    void close() {
        if (service != null) {
            service.close();
        }
    }

    private void counting(LocalStepFunctions engine, String name, CountDownLatch release) {
        engine.lambdaFunctions().registerFunction(name, payload -> {
            calls.computeIfAbsent(name, key -> new AtomicInteger()).incrementAndGet();
            if (release != null) {
                release.await();
            }
            return json("{\"by\":\"" + name + "\"}");
        });
    }

    private int calls(String name) {
        AtomicInteger count = calls.get(name);
        return count == null ? 0 : count.get();
    }

    private static void awaitEvent(LocalStepFunctions engine, Execution execution, HistoryEventType type) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (engine.executionHistory(execution.arn()).stream().noneMatch(e -> e.type() == type)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + type);
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void stateMachinesWithTheirVersionsAliasesAndTagsSurviveARestart() {
        LocalStepFunctions first = open();
        StateMachineChange created = first.createStateMachine("kept", "{\"StartAt\": \"P\", \"States\": {\"P\": "
                + "{\"Type\": \"Pass\", \"End\": true}}}", Machines.ROLE, StateMachineType.STANDARD,
                Map.of("team", "data"), true, "first");
        first.updateStateMachine(created.revision().arn(), "{\"StartAt\": \"Q\", \"States\": {\"Q\": "
                + "{\"Type\": \"Succeed\"}}}", null, true, "second");
        StateMachineAlias alias = first.createStateMachineAlias("live", "current", List.of(
                new StateMachineAlias.Route(created.version().arn(), 100)));
        first.close();

        LocalStepFunctions second = open();
        assertThat(second.describeStateMachine(created.revision().arn()).definitionText()).contains("Succeed");
        assertThat(second.listStateMachineVersions(created.revision().arn())).extracting(v -> v.description())
                .containsExactly("second", "first");
        assertThat(second.describeStateMachine(created.version().arn()).definitionText()).contains("Pass");
        assertThat(second.describeStateMachineAlias(alias.arn()).routing()).containsExactly(
                new StateMachineAlias.Route(created.version().arn(), 100));
        assertThat(second.listTagsForResource(created.revision().arn())).containsEntry("team", "data");
        Execution viaAlias = second.startExecution(alias.arn(), "through-alias", "{}");
        assertThat(second.awaitExecution(viaAlias.arn(), Duration.ofSeconds(10)).status())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(viaAlias.versionArn()).isEqualTo(created.version().arn());
        assertThat(viaAlias.aliasArn()).isEqualTo(alias.arn());
    }

    @Test
    void aTaskRunningWhenTheServiceStoppedRunsAgainAndTheExecutionSucceeds() throws Exception {
        LocalStepFunctions first = open();
        counting(first, "before", null);
        counting(first, "slow", new CountDownLatch(1));
        String arn = first.createStateMachine("resumed", """
                {"StartAt": "Before", "States": {
                  "Before": {"Type": "Task", "Resource": "%1$sbefore", "ResultPath": "$.before", "Next": "Slow"},
                  "Slow": {"Type": "Task", "Resource": "%1$sslow", "ResultPath": "$.slow", "End": true}}}
                """.formatted(TASK), Machines.ROLE, StateMachineType.STANDARD).arn();
        Execution running = first.startExecution(arn, "interrupted", "{\"n\":1}");
        awaitEvent(first, running, HistoryEventType.LAMBDA_FUNCTION_STARTED);
        while (calls("slow") == 0) {
            Thread.onSpinWait();
        }
        first.close();

        LocalStepFunctions second = open();
        Execution loaded = second.describeExecution(running.arn());
        assertThat(loaded.status()).isEqualTo(ExecutionStatus.RUNNING);
        counting(second, "before", null);
        counting(second, "slow", null);
        second.resumeExecutions();
        var outcome = second.awaitExecution(running.arn(), Duration.ofSeconds(10));

        assertThat(outcome.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(outcome.output()).isEqualTo(json("{\"n\":1,\"before\":{\"by\":\"before\"},\"slow\":{\"by\":\"slow\"}}"));
        assertThat(calls("before")).isEqualTo(1);
        assertThat(calls("slow")).isEqualTo(2);
        List<HistoryEvent> history = second.executionHistory(running.arn());
        for (int i = 0; i < history.size(); i++) {
            assertThat(history.get(i).id()).isEqualTo(i + 1);
        }
        assertThat(history.stream().filter(e -> e.type() == HistoryEventType.LAMBDA_FUNCTION_SCHEDULED)).hasSize(3);
        assertThat(history.getLast().type()).isEqualTo(HistoryEventType.EXECUTION_SUCCEEDED);
    }

    @Test
    void aCallbackTokenStaysValidAcrossARestart() {
        LocalStepFunctions first = open();
        counting(first, "notify", null);
        String arn = first.createStateMachine("callback", """
                {"StartAt": "Wait", "States": {"Wait": {"Type": "Task",
                  "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
                  "Parameters": {"FunctionName": "notify", "Payload": {"token.$": "$$.Task.Token"}}, "End": true}}}
                """, Machines.ROLE, StateMachineType.STANDARD).arn();
        Execution waiting = first.startExecution(arn, "waiting", "{}");
        awaitEvent(first, waiting, HistoryEventType.TASK_SUBMITTED);
        String token = first.executionHistory(waiting.arn()).stream()
                .filter(e -> e.type() == HistoryEventType.TASK_SCHEDULED).findFirst().orElseThrow()
                .details().at("/parameters/Payload/token").asText();
        first.close();

        LocalStepFunctions second = open();
        counting(second, "notify", null);
        second.resumeExecutions();
        second.sendTaskSuccess(token, "{\"approved\":true}");

        assertThat(second.awaitExecution(waiting.arn(), Duration.ofSeconds(10)).output())
                .isEqualTo(json("{\"approved\":true}"));
        assertThat(calls("notify")).isEqualTo(1);
    }

    @Test
    void mapIterationsThatEndedAreNotRunAgain() {
        Map<Integer, AtomicInteger> perItem = new ConcurrentHashMap<>();
        CountDownLatch never = new CountDownLatch(1);
        LocalStepFunctions first = open();
        first.lambdaFunctions().registerFunction("item", payload -> {
            perItem.computeIfAbsent(payload.intValue(), key -> new AtomicInteger()).incrementAndGet();
            if (payload.intValue() == 3) {
                never.await();
            }
            return payload;
        });
        String arn = first.createStateMachine("iterations", """
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "End": true,
                  "ItemProcessor": {"StartAt": "Item", "States": {"Item": {"Type": "Task",
                    "Resource": "%sitem", "End": true}}}}}}
                """.formatted(TASK), Machines.ROLE, StateMachineType.STANDARD).arn();
        Execution running = first.startExecution(arn, "map", "[1, 2, 3]");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        // The third item must be in flight (invoked, never answering) before the crash, not merely scheduled.
        while (!perItem.containsKey(3) || first.executionHistory(running.arn()).stream()
                .filter(e -> e.type() == HistoryEventType.MAP_ITERATION_SUCCEEDED).count() < 2) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.onSpinWait();
        }
        first.close();

        LocalStepFunctions second = open();
        second.lambdaFunctions().registerFunction("item", payload -> {
            perItem.computeIfAbsent(payload.intValue(), key -> new AtomicInteger()).incrementAndGet();
            return payload;
        });
        second.resumeExecutions();

        assertThat(second.awaitExecution(running.arn(), Duration.ofSeconds(10)).output()).isEqualTo(json("[1,2,3]"));
        assertThat(perItem.get(1).get()).isEqualTo(1);
        assertThat(perItem.get(2).get()).isEqualTo(1);
        assertThat(perItem.get(3).get()).isEqualTo(2);
    }

    @Test
    void endedExecutionsKeepTheirHistoryAndCanBeRedrivenAfterARestart() {
        LocalStepFunctions first = open();
        String arn = first.createStateMachine("ended", """
                {"StartAt": "Check", "States": {"Check": {"Type": "Choice", "Choices": [{"Variable":
                  "$$.Execution.RedriveCount", "NumericGreaterThan": 0, "Next": "Done"}]},
                  "Done": {"Type": "Succeed"}}}""", Machines.ROLE, StateMachineType.STANDARD).arn();
        Execution failed = first.startExecution(arn, "failed", "{}");
        first.awaitExecution(failed.arn(), Duration.ofSeconds(10));
        assertThat(failed.outcome().error()).isEqualTo("States.NoChoiceMatched");
        List<HistoryEvent> before = first.executionHistory(failed.arn());
        first.close();

        LocalStepFunctions second = open();
        Execution loaded = second.describeExecution(failed.arn());
        assertThat(loaded.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(loaded.outcome().error()).isEqualTo("States.NoChoiceMatched");
        assertThat(second.executionHistory(failed.arn())).isEqualTo(before);
        assertThat(second.listExecutions(arn, ExecutionStatus.FAILED)).extracting(Execution::name)
                .containsExactly("failed");

        second.redriveExecution(failed.arn(), null);
        assertThat(second.awaitExecution(failed.arn(), Duration.ofSeconds(10)).status())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        second.close();
        assertThat(open().describeExecution(failed.arn()).redriveCount()).isEqualTo(1);
    }

    @Test
    void aRecordCutOffByACrashIsDropped() throws IOException {
        LocalStepFunctions first = open();
        String arn = first.createStateMachine("torn", "{\"StartAt\": \"P\", \"States\": {\"P\": "
                + "{\"Type\": \"Pass\", \"End\": true}}}", Machines.ROLE, StateMachineType.STANDARD).arn();
        Execution execution = first.startExecution(arn, "torn", "{}");
        first.awaitExecution(execution.arn(), Duration.ofSeconds(10));
        first.close();
        Path journal;
        try (Stream<Path> files = Files.walk(data)) {
            journal = files.filter(f -> f.getFileName().toString().equals("journal.jsonl")).findFirst().orElseThrow();
        }
        Files.writeString(journal, "{\"e\":{\"id\":99,\"typ", StandardOpenOption.APPEND);

        LocalStepFunctions second = open();
        assertThat(second.executionHistory(execution.arn())).hasSize(4);
        assertThat(Files.readString(journal)).endsWith("}\n");
    }
}

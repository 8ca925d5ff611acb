package dev.persona.local.stepfunctions.executions;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.Execution;
import dev.persona.local.stepfunctions.ExecutionStatusChangeListener;
import dev.persona.local.stepfunctions.LocalStepFunctions;
import dev.persona.local.stepfunctions.Machines;
import dev.persona.local.stepfunctions.StateMachineType;
import dev.persona.local.stepfunctions.asl.exec.ExecutionStatus;
import dev.persona.local.stepfunctions.time.SystemTimeSource;
import dev.persona.local.stepfunctions.time.VirtualTimeSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.persona.local.stepfunctions.Machines.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Step Functions Execution Status Change" events, as EventBridge receives them from Step Functions
 * (https://docs.aws.amazon.com/step-functions/latest/dg/cw-events.html), from real executions: started, succeeded,
 * failed, aborted, timed out, redriven, resumed after a restart.
 */
class StatusChangeEventsTest {

    private static final String PASS = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}";
    private static final String TASK = "arn:aws:lambda:us-east-1:123456789012:function:";

    @TempDir
    Path data;
    private final List<LocalStepFunctions> opened = new CopyOnWriteArrayList<>();
    private final List<ObjectNode> heard = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(LocalStepFunctions::close);
    }

    private LocalStepFunctions inMemory() {
        LocalStepFunctions engine = Machines.engine(new VirtualTimeSource(Machines.EPOCH));
        opened.add(engine);
        engine.addStatusChangeListener(heard::add);
        return engine;
    }

    private LocalStepFunctions durable(ExecutionStatusChangeListener listener) {
        LocalStepFunctions engine = LocalStepFunctions.builder().timeSource(new SystemTimeSource())
                .dataDirectory(data).functionLogs(line -> { }).statusChangeListener(listener).build();
        opened.add(engine);
        return engine;
    }

    private static String arn(LocalStepFunctions engine, String name, String definition) {
        return engine.createStateMachine(name, definition, Machines.ROLE, StateMachineType.STANDARD).arn();
    }

    /** The events heard for {@code execution}, once {@code count} of them came. */
    private List<JsonNode> eventsOf(Execution execution, int count) {
        return awaitEvents(heard, event -> event.at("/detail/executionArn").asText().equals(execution.arn()), count);
    }

    private static List<JsonNode> awaitEvents(List<ObjectNode> events, Predicate<JsonNode> which, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<JsonNode> matching = events.stream().filter(which).map(JsonNode.class::cast).toList();
            if (matching.size() >= count || System.nanoTime() > deadline) {
                return matching;
            }
            Thread.onSpinWait();
        }
    }

    private static List<String> statuses(List<JsonNode> events) {
        return events.stream().map(event -> event.at("/detail/status").asText()).toList();
    }

    @Test
    void aSucceededExecutionSendsRunningThenSucceededShapedAsAwsSendsThem() {
        LocalStepFunctions engine = inMemory();
        String machine = arn(engine, "greeter", """
                {"StartAt": "Hello", "States": {"Hello": {"Type": "Pass", "Result": "Hello World!", "End": true}}}""");
        Execution execution = engine.startExecution(machine, "execution-name", "{\"who\":\"you\"}");
        engine.awaitExecution(execution.arn(), Duration.ofSeconds(10));

        List<JsonNode> events = eventsOf(execution, 2);
        assertThat(statuses(events)).containsExactly("RUNNING", "SUCCEEDED");
        JsonNode running = events.get(0);
        assertThat(running.path("version").asText()).isEqualTo("0");
        assertThat(UUID.fromString(running.path("id").asText())).isNotNull();
        assertThat(running.path("detail-type").asText()).isEqualTo("Step Functions Execution Status Change");
        assertThat(running.path("source").asText()).isEqualTo("aws.states");
        assertThat(running.path("account").asText()).isEqualTo("123456789012");
        assertThat(running.path("region").asText()).isEqualTo("us-east-1");
        assertThat(running.path("time").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(running.path("resources")).containsExactly(json("\"" + execution.arn() + "\""));
        JsonNode detail = running.path("detail");
        assertThat(detail.path("executionArn").asText()).isEqualTo(execution.arn());
        assertThat(detail.path("stateMachineArn").asText()).isEqualTo(machine);
        assertThat(detail.path("name").asText()).isEqualTo("execution-name");
        assertThat(detail.path("startDate").isIntegralNumber()).isTrue();
        assertThat(detail.path("startDate").asLong()).isEqualTo(execution.startDate().toEpochMilli());
        assertThat(detail.path("stopDate").isNull()).isTrue();
        assertThat(detail.path("input").asText()).isEqualTo("{\"who\":\"you\"}");
        assertThat(detail.path("inputDetails")).isEqualTo(json("{\"included\":true}"));
        assertThat(detail.path("output").isNull()).isTrue();
        assertThat(detail.path("outputDetails").isNull()).isTrue();
        assertThat(detail.path("error").isNull()).isTrue();
        assertThat(detail.path("cause").isNull()).isTrue();
        assertThat(detail.path("redriveCount").asInt()).isZero();
        assertThat(detail.path("redriveDate").isNull()).isTrue();
        assertThat(detail.path("redriveStatus").asText()).isEqualTo("NOT_REDRIVABLE");
        assertThat(detail.path("redriveStatusReason").asText()).isEqualTo("Execution is RUNNING and cannot be redriven");

        JsonNode succeeded = events.get(1).path("detail");
        assertThat(events.get(1).path("id").asText()).isNotEqualTo(running.path("id").asText());
        assertThat(succeeded.path("stopDate").asLong()).isEqualTo(execution.outcome().stopDate().toEpochMilli());
        assertThat(succeeded.path("output").asText()).isEqualTo("\"Hello World!\"");
        assertThat(succeeded.path("outputDetails")).isEqualTo(json("{\"included\":true}"));
        assertThat(succeeded.path("redriveStatusReason").asText())
                .isEqualTo("Execution is SUCCEEDED and cannot be redriven");
    }

    @Test
    void aFailedExecutionCarriesItsErrorAndCauseAndCanBeRedriven() {
        LocalStepFunctions engine = inMemory();
        String machine = arn(engine, "failing", """
                {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "UploadTooLarge",
                  "Cause": "the upload is larger than declared"}}}""");
        Execution execution = engine.startExecution(machine, "failed-one", "{}");
        engine.awaitExecution(execution.arn(), Duration.ofSeconds(10));

        List<JsonNode> events = eventsOf(execution, 2);
        assertThat(statuses(events)).containsExactly("RUNNING", "FAILED");
        JsonNode failed = events.get(1).path("detail");
        assertThat(failed.path("error").asText()).isEqualTo("UploadTooLarge");
        assertThat(failed.path("cause").asText()).isEqualTo("the upload is larger than declared");
        assertThat(failed.path("output").isNull()).isTrue();
        assertThat(failed.path("stopDate").isIntegralNumber()).isTrue();
        assertThat(failed.path("redriveStatus").asText()).isEqualTo("REDRIVABLE");
        assertThat(failed.path("redriveStatusReason").isNull()).isTrue();
    }

    @Test
    void stopExecutionSendsAborted() throws Exception {
        LocalStepFunctions engine = inMemory();
        CountDownLatch release = new CountDownLatch(1);
        engine.lambdaFunctions().registerFunction("slow", payload -> {
            release.await(10, TimeUnit.SECONDS);
            return payload;
        });
        String machine = arn(engine, "stopped", """
                {"StartAt": "Slow", "States": {"Slow": {"Type": "Task", "Resource": "%sslow", "End": true}}}"""
                .formatted(TASK));
        Execution execution = engine.startExecution(machine, "stop-me", "{}");
        assertThat(statuses(eventsOf(execution, 1))).containsExactly("RUNNING");

        engine.stopExecution(execution.arn(), "Operator.Stop", "stopped by hand");
        release.countDown();

        List<JsonNode> events = eventsOf(execution, 2);
        assertThat(statuses(events)).containsExactly("RUNNING", "ABORTED");
        assertThat(events.get(1).at("/detail/error").asText()).isEqualTo("Operator.Stop");
        assertThat(events.get(1).at("/detail/cause").asText()).isEqualTo("stopped by hand");
        assertThat(events.get(1).at("/detail/redriveStatus").asText()).isEqualTo("REDRIVABLE");
    }

    @Test
    void anExecutionPastItsTimeoutSecondsSendsTimedOut() {
        LocalStepFunctions engine = inMemory();
        String machine = arn(engine, "slow", """
                {"TimeoutSeconds": 60, "StartAt": "Nap", "States": {
                  "Nap": {"Type": "Wait", "Seconds": 3600, "End": true}}}""");
        Execution execution = engine.startExecution(machine, "too-slow", "{}");
        assertThat(engine.awaitExecution(execution.arn(), Duration.ofSeconds(10)).status())
                .isEqualTo(ExecutionStatus.TIMED_OUT);

        List<JsonNode> events = eventsOf(execution, 2);
        assertThat(statuses(events)).containsExactly("RUNNING", "TIMED_OUT");
        JsonNode timedOut = events.get(1).path("detail");
        assertThat(timedOut.path("error").asText()).isEqualTo("States.Timeout");
        assertThat(timedOut.path("stopDate").asLong() - timedOut.path("startDate").asLong()).isEqualTo(60_000);
        assertThat(events.get(1).path("time").asText()).isEqualTo("2026-01-01T00:01:00Z");
    }

    @Test
    void aRedriveSendsRunningWithItsCountThenHowTheRedriveEnded() {
        LocalStepFunctions engine = inMemory();
        String machine = arn(engine, "redriven", """
                {"StartAt": "Check", "States": {"Check": {"Type": "Choice", "Choices": [{"Variable":
                  "$$.Execution.RedriveCount", "NumericGreaterThan": 0, "Next": "Done"}]},
                  "Done": {"Type": "Succeed"}}}""");
        Execution execution = engine.startExecution(machine, "second-chance", "{}");
        engine.awaitExecution(execution.arn(), Duration.ofSeconds(10));
        assertThat(statuses(eventsOf(execution, 2))).containsExactly("RUNNING", "FAILED");

        Instant redriven = engine.redriveExecution(execution.arn(), null);
        engine.awaitExecution(execution.arn(), Duration.ofSeconds(10));

        List<JsonNode> events = eventsOf(execution, 4);
        assertThat(statuses(events)).containsExactly("RUNNING", "FAILED", "RUNNING", "SUCCEEDED");
        assertThat(events.get(1).at("/detail/error").asText()).isEqualTo("States.NoChoiceMatched");
        for (JsonNode after : events.subList(2, 4)) {
            assertThat(after.at("/detail/redriveCount").asInt()).isEqualTo(1);
            assertThat(after.at("/detail/redriveDate").asLong()).isEqualTo(redriven.toEpochMilli());
            assertThat(after.at("/detail/startDate").asLong()).isEqualTo(execution.startDate().toEpochMilli());
        }
        assertThat(events.get(2).at("/detail/stopDate").isNull()).isTrue();
        assertThat(events.get(2).at("/detail/error").isNull()).isTrue();
        assertThat(events.stream().map(event -> event.path("id").asText()).distinct()).hasSize(4);
    }

    @Test
    void aFailingListenerNeitherStopsTheOthersNorTheExecution() {
        LocalStepFunctions engine = inMemory();
        engine.addStatusChangeListener(event -> {
            throw new IllegalStateException("a broken subscriber");
        });
        List<ObjectNode> second = new CopyOnWriteArrayList<>();
        engine.addStatusChangeListener(second::add);
        Execution execution = engine.startExecution(arn(engine, "robust", PASS), "robust", "{}");

        assertThat(engine.awaitExecution(execution.arn(), Duration.ofSeconds(10)).status())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(statuses(awaitEvents(second, event -> true, 2))).containsExactly("RUNNING", "SUCCEEDED");
        assertThat(statuses(eventsOf(execution, 2))).containsExactly("RUNNING", "SUCCEEDED");
    }

    @Test
    void aSlowListenerNeverHoldsAnExecutionBack() throws InterruptedException {
        LocalStepFunctions engine = inMemory();
        CountDownLatch release = new CountDownLatch(1);
        List<ObjectNode> slow = new CopyOnWriteArrayList<>();
        engine.addStatusChangeListener(event -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            slow.add(event);
        });
        String machine = arn(engine, "unhindered", PASS);
        Execution first = engine.startExecution(machine, "first", "{}");
        Execution second = engine.startExecution(machine, "second", "{}");

        assertThat(engine.awaitExecution(first.arn(), Duration.ofSeconds(5)).status())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(engine.awaitExecution(second.arn(), Duration.ofSeconds(5)).status())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(slow).isEmpty();
        release.countDown();
        // The two executions run at once, so only each one's own events have an order.
        List<String> delivered = awaitEvents(slow, event -> true, 4).stream()
                .map(event -> event.at("/detail/name").asText() + ":" + event.at("/detail/status").asText()).toList();
        assertThat(delivered).containsExactlyInAnyOrder("first:RUNNING", "second:RUNNING", "first:SUCCEEDED",
                "second:SUCCEEDED");
        assertThat(delivered.indexOf("first:RUNNING")).isLessThan(delivered.indexOf("first:SUCCEEDED"));
        assertThat(delivered.indexOf("second:RUNNING")).isLessThan(delivered.indexOf("second:SUCCEEDED"));
    }

    @Test
    void expressExecutionsSendNoEvents() {
        LocalStepFunctions engine = inMemory();
        String express = engine.createStateMachine("quick", PASS, Machines.ROLE, StateMachineType.EXPRESS).arn();
        Execution quick = engine.startSyncExecution(express, "quick", "{}");
        Execution standard = engine.startExecution(arn(engine, "standard", PASS), "standard", "{}");
        engine.awaitExecution(standard.arn(), Duration.ofSeconds(10));

        assertThat(statuses(eventsOf(standard, 2))).containsExactly("RUNNING", "SUCCEEDED");
        assertThat(heard).noneMatch(event -> event.at("/detail/executionArn").asText().equals(quick.arn()));
    }

    @Test
    void inputAndOutputBeyondEventBridgesRoomAreLeftOut() {
        LocalStepFunctions engine = inMemory();
        String input = "{\"text\":\"" + "x".repeat(150_000) + "\"}";
        Execution execution = engine.startExecution(arn(engine, "large", PASS), "large", input);
        engine.awaitExecution(execution.arn(), Duration.ofSeconds(10));

        List<JsonNode> events = eventsOf(execution, 2);
        JsonNode running = events.get(0).path("detail");
        assertThat(running.path("input").asText()).isEqualTo(input);
        assertThat(running.path("inputDetails")).isEqualTo(json("{\"included\":true}"));
        JsonNode succeeded = events.get(1).path("detail");
        assertThat(succeeded.path("output").asText()).isEqualTo(input);
        assertThat(succeeded.path("outputDetails")).isEqualTo(json("{\"included\":true}"));
        assertThat(succeeded.path("input").isNull()).isTrue();
        assertThat(succeeded.path("inputDetails")).isEqualTo(json("{\"included\":false}"));
    }

    @Test
    void aResumedExecutionSendsHowItEndedAfterTheRestartAndNothingTwice() throws Exception {
        List<ObjectNode> before = new CopyOnWriteArrayList<>();
        LocalStepFunctions first = durable(before::add);
        CountDownLatch never = new CountDownLatch(1);
        first.lambdaFunctions().registerFunction("slow", payload -> {
            never.await();
            return payload;
        });
        String machine = arn(first, "resumed", """
                {"StartAt": "Slow", "States": {"Slow": {"Type": "Task", "Resource": "%sslow", "End": true}}}"""
                .formatted(TASK));
        Execution running = first.startExecution(machine, "across-a-restart", "{\"n\":1}");
        Execution ended = first.startExecution(arn(first, "quick", PASS), "ended-before", "{}");
        first.awaitExecution(ended.arn(), Duration.ofSeconds(10));
        assertThat(statuses(awaitEvents(before, event -> true, 3))).containsExactlyInAnyOrder("RUNNING", "RUNNING",
                "SUCCEEDED");
        first.close();

        List<ObjectNode> after = new CopyOnWriteArrayList<>();
        LocalStepFunctions second = durable(after::add);
        second.lambdaFunctions().registerFunction("slow", payload -> payload);
        second.resumeExecutions();
        assertThat(second.awaitExecution(running.arn(), Duration.ofSeconds(10)).status())
                .isEqualTo(ExecutionStatus.SUCCEEDED);

        awaitEvents(after, event -> event.at("/detail/status").asText().equals("SUCCEEDED"), 1);
        assertThat(after).hasSize(1);
        assertThat(after.getFirst().at("/detail/executionArn").asText()).isEqualTo(running.arn());
        assertThat(after.getFirst().at("/detail/output").asText()).isEqualTo("{\"n\":1}");
    }

    @Test
    void changesRecordedButNotDeliveredBeforeAStopAreDeliveredAtTheNextStart() {
        CountDownLatch never = new CountDownLatch(1);
        List<ObjectNode> before = new CopyOnWriteArrayList<>();
        LocalStepFunctions first = durable(event -> {
            if (!event.at("/detail/status").asText().equals("RUNNING")) {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            before.add(event);
        });
        String machine = arn(first, "undelivered", PASS);
        Execution execution = first.startExecution(machine, "ended-while-stopping", "{}");
        first.awaitExecution(execution.arn(), Duration.ofSeconds(10));
        List<JsonNode> delivered = awaitEvents(before, event -> true, 1);
        assertThat(statuses(delivered)).containsExactly("RUNNING");
        first.close();

        List<ObjectNode> after = new CopyOnWriteArrayList<>();
        LocalStepFunctions second = durable(after::add);
        second.resumeExecutions();

        List<JsonNode> redelivered = awaitEvents(after, event -> true, 1);
        assertThat(statuses(redelivered)).containsExactly("SUCCEEDED");
        JsonNode detail = redelivered.getFirst().path("detail");
        assertThat(detail.path("executionArn").asText()).isEqualTo(execution.arn());
        assertThat(detail.path("stopDate").asLong()).isEqualTo(execution.outcome().stopDate().toEpochMilli());
        assertThat(detail.path("redriveStatusReason").asText())
                .isEqualTo("Execution is SUCCEEDED and cannot be redriven");
        second.close();

        List<ObjectNode> third = new CopyOnWriteArrayList<>();
        LocalStepFunctions restarted = durable(third::add);
        restarted.resumeExecutions();
        Execution marker = restarted.startExecution(machine, "marker", "{}");
        awaitEvents(third, event -> event.at("/detail/status").asText().equals("SUCCEEDED"), 1);
        assertThat(third).extracting(event -> event.at("/detail/executionArn").asText())
                .containsExactly(marker.arn(), marker.arn());
    }
}

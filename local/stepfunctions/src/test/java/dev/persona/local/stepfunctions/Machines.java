package dev.persona.local.stepfunctions;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.exec.ExecutionOutcome;
import dev.persona.local.stepfunctions.asl.exec.HistoryEvent;
import dev.persona.local.stepfunctions.asl.exec.HistoryEventType;
import dev.persona.local.stepfunctions.time.VirtualTimeSource;

/** Helpers for tests that run definitions on virtual time. */
public final class Machines {

    /** Where virtual clocks of tests start. */
    public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    public static final String ROLE = "arn:aws:iam::123456789012:role/Test";

    private Machines() {
    }

    public static LocalStepFunctions engine(VirtualTimeSource clock) {
        return LocalStepFunctions.builder().timeSource(clock).executionThreads(2).functionLogs(line -> { }).build();
    }

    /** Runs {@code definition} once with {@code input} (JSON text) on the calling thread. */
    public static LocalStepFunctions.CompletedRun run(LocalStepFunctions engine, String definition, String input) {
        return engine.run(definition, Json.parse(input), LocalStepFunctions.RunNames.defaults());
    }

    /** Starts an execution of a new STANDARD state machine and waits for its end. */
    public static ExecutionOutcome execute(LocalStepFunctions engine, String name, String definition, String input) {
        StateMachineRecord machine = engine.createStateMachine(name, definition, ROLE, StateMachineType.STANDARD);
        Execution execution = engine.startExecution(machine.arn(), null, input);
        return engine.awaitExecution(execution.arn(), Duration.ofSeconds(30));
    }

    public static List<HistoryEventType> types(List<HistoryEvent> history) {
        return history.stream().map(HistoryEvent::type).toList();
    }

    public static JsonNode json(String text) {
        return Json.parse(text);
    }
}

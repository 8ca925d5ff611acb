package dev.persona.local.stepfunctions.benchmark;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.LocalStepFunctions;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.definition.DefinitionParser;
import dev.persona.local.stepfunctions.asl.definition.StateMachineDefinition;
import dev.persona.local.stepfunctions.asl.exec.ExecutionLimits;
import dev.persona.local.stepfunctions.asl.exec.ExecutionStatus;
import dev.persona.local.stepfunctions.time.VirtualTimeSource;

import static dev.persona.local.stepfunctions.benchmark.BenchmarkMachines.choiceLoop;
import static dev.persona.local.stepfunctions.benchmark.BenchmarkMachines.passChain;

/**
 * Measures the interpreter's overhead per state transition (history included, definition parsing not) on
 * virtual time: a chain of
 * Pass states, a Pass/Choice loop, an inline Map over 10,000 items and Parallel branches. Not a test; run it
 * as the README says. The history limit is lifted, as the 10,000-item Map records 40,000 events (more than
 * AWS allows an inline Map; on AWS that Map would need DISTRIBUTED mode).
 */
public final class InterpreterBenchmark {

    private static final int WARMUP_ROUNDS = 30;
    private static final int MEASURED_ROUNDS = 20;

    private InterpreterBenchmark() {
    }

    public static void main(String[] args) {
        try (LocalStepFunctions engine = LocalStepFunctions.builder()
                .timeSource(new VirtualTimeSource())
                .executionThreads(1)
                .limits(new ExecutionLimits(ExecutionLimits.AWS_PAYLOAD_BYTES, Integer.MAX_VALUE))
                .functionLogs(line -> { })
                .build()) {
            System.out.printf(Locale.ROOT, "%-38s %12s %12s %16s%n", "scenario", "transitions", "ms/run",
                    "µs/transition");
            measure(engine, "Pass chain (1,000 states)", passChain(1000), () -> Json.parse("{\"n\":1}"), 1000);
            measure(engine, "Choice loop (2,500 rounds)", choiceLoop(2500), () -> Json.parse("{\"n\":0}"), 5001);
            measure(engine, "Inline Map, 10,000 items, MaxConcurrency 1", map(1), () -> items(10_000), 10_001);
            measure(engine, "Inline Map, 10,000 items, MaxConcurrency 0", map(0), () -> items(10_000), 10_001);
            measure(engine, "Parallel (10 branches x 100 states)", parallel(10, 100), () -> Json.parse("{}"), 1001);
        }
    }

    /** Transitions count every state entered: the Map and each iteration's state, the Parallel and its states. */
    private static void measure(LocalStepFunctions engine, String name, String text, Supplier<JsonNode> input,
                                int transitions) {
        StateMachineDefinition definition = DefinitionParser.parse(text, resource -> Optional.empty());
        for (int i = 0; i < WARMUP_ROUNDS; i++) {
            run(engine, definition, input.get());
        }
        long started = System.nanoTime();
        for (int i = 0; i < MEASURED_ROUNDS; i++) {
            run(engine, definition, input.get());
        }
        double nanosPerRun = (System.nanoTime() - started) / (double) MEASURED_ROUNDS;
        System.out.printf(Locale.ROOT, "%-38s %12d %12.1f %16.2f%n", name, transitions, nanosPerRun / 1e6,
                nanosPerRun / 1e3 / transitions);
    }

    private static void run(LocalStepFunctions engine, StateMachineDefinition definition, JsonNode input) {
        var outcome = engine.run(definition, input, LocalStepFunctions.RunNames.defaults()).outcome();
        if (outcome.status() != ExecutionStatus.SUCCEEDED) {
            throw new IllegalStateException("benchmark execution failed: " + outcome);
        }
    }

    private static String map(int maxConcurrency) {
        return """
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": %d,
                  "ItemProcessor": {"StartAt": "Item", "States": {"Item": {"Type": "Pass", "End": true}}},
                  "End": true}}}""".formatted(maxConcurrency);
    }

    private static JsonNode items(int count) {
        var items = Json.array();
        for (int i = 0; i < count; i++) {
            items.add(i);
        }
        return items;
    }

    private static String parallel(int branches, int length) {
        var branchArray = Json.array();
        for (int b = 0; b < branches; b++) {
            branchArray.add(Json.parse(passChain("B" + b + "S", length)));
        }
        ObjectNode parallel = Json.object();
        parallel.put("Type", "Parallel");
        parallel.set("Branches", branchArray);
        parallel.put("End", true);
        ObjectNode definition = Json.object();
        definition.put("StartAt", "Fork");
        definition.putObject("States").set("Fork", parallel);
        return Json.write(definition);
    }
}

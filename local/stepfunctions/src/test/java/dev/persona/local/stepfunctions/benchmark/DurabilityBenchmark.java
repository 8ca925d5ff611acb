package dev.persona.local.stepfunctions.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.persona.local.servers.LocalS3Server;
import dev.persona.local.stepfunctions.LocalStepFunctions;
import dev.persona.local.stepfunctions.StateMachineType;
import dev.persona.local.stepfunctions.asl.exec.ExecutionOutcome;
import dev.persona.local.stepfunctions.asl.exec.ExecutionStatus;
import dev.persona.local.stepfunctions.time.VirtualTimeSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import static dev.persona.local.stepfunctions.benchmark.BenchmarkMachines.choiceLoop;
import static dev.persona.local.stepfunctions.benchmark.BenchmarkMachines.passChain;

/**
 * What durability costs, through the service (StartExecution to the end of the execution, every event in the
 * history and, with a data directory, appended to the execution's journal file), and a distributed Map over
 * 100,000 JSON Lines items read from the local S3 (S3Proxy), each item an EXPRESS child execution of one Pass
 * state. Not a test; run it as the README says.
 *
 * <ul>
 *   <li>per transition: a chain of 200 Pass states and a Pass/Choice loop of 1,001 transitions, in memory and
 *   with a data directory;</li>
 *   <li>the Map: its results discarded ({@code ResultPath: null}), then exported by a ResultWriter to S3; in
 *   memory and with a data directory.</li>
 * </ul>
 */
public final class DurabilityBenchmark {

    private static final int WARMUP_ROUNDS = 20;
    private static final int MEASURED_ROUNDS = 20;
    private static final int MAP_ITEMS = 100_000;
    private static final String BUCKET = "benchmark";
    private static final String ROLE = "arn:aws:iam::123456789012:role/benchmark";

    private DurabilityBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        System.out.printf(Locale.ROOT, "%-68s %12s %12s %16s%n", "scenario", "transitions", "ms/run",
                "µs/transition");
        Path data = Files.createTempDirectory("sfn-benchmark");
        try (LocalS3Server s3Server = LocalS3Server.builder().bucket(BUCKET).build().start();
             S3Client s3 = s3Server.client()) {
            transitions("in memory", () -> engine(null, s3));
            transitions("data directory", () -> engine(data.resolve("transitions"), s3));
            putItems(s3);
            distributedMap("in memory", () -> engine(null, s3));
            distributedMap("data directory", () -> engine(data.resolve("map"), s3));
        } finally {
            delete(data);
        }
    }

    private static LocalStepFunctions engine(Path dataDirectory, S3Client s3) {
        return LocalStepFunctions.builder().timeSource(new VirtualTimeSource()).executionThreads(1)
                .dataDirectory(dataDirectory).s3(s3).functionLogs(line -> { }).build();
    }

    private static void transitions(String where, Supplier<LocalStepFunctions> engines) {
        try (LocalStepFunctions engine = engines.get()) {
            measure(engine, "Pass chain (200 states), " + where, passChain(200), "{\"n\": 1}", 200);
            measure(engine, "Choice loop (500 rounds), " + where, choiceLoop(500), "{\"n\": 0}", 1001);
        }
    }

    private static void measure(LocalStepFunctions engine, String name, String definition, String input,
                                int transitions) {
        String arn = engine.createStateMachine("m" + Math.abs(name.hashCode()), definition, ROLE,
                StateMachineType.STANDARD).arn();
        for (int i = 0; i < WARMUP_ROUNDS; i++) {
            run(engine, arn, input);
        }
        long started = System.nanoTime();
        for (int i = 0; i < MEASURED_ROUNDS; i++) {
            run(engine, arn, input);
        }
        double nanosPerRun = (System.nanoTime() - started) / (double) MEASURED_ROUNDS;
        System.out.printf(Locale.ROOT, "%-68s %12d %12.1f %16.2f%n", name, transitions, nanosPerRun / 1e6,
                nanosPerRun / 1e3 / transitions);
    }

    private static ExecutionOutcome run(LocalStepFunctions engine, String arn, String input) {
        ExecutionOutcome outcome = engine.awaitExecution(engine.startExecution(arn, null, input).arn(),
                Duration.ofMinutes(5));
        if (outcome.status() != ExecutionStatus.SUCCEEDED) {
            throw new IllegalStateException("benchmark execution failed: " + outcome);
        }
        return outcome;
    }

    private static void putItems(S3Client s3) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < MAP_ITEMS; i++) {
            lines.append("{\"id\": ").append(i).append(", \"name\": \"item-").append(i).append("\"}\n");
        }
        s3.putObject(b -> b.bucket(BUCKET).key("items.jsonl"),
                RequestBody.fromString(lines.toString(), StandardCharsets.UTF_8));
    }

    private static void distributedMap(String where, Supplier<LocalStepFunctions> engines) {
        try (LocalStepFunctions engine = engines.get()) {
            for (String output : new String[] {"\"ResultPath\": null",
                    "\"ResultWriter\": {\"Resource\": \"arn:aws:states:::s3:putObject\", "
                            + "\"Parameters\": {\"Bucket\": \"" + BUCKET + "\", \"Prefix\": \"results\"}}"}) {
                String arn = engine.createStateMachine("map" + Math.abs((where + output).hashCode()),
                        distributedMap(output), ROLE, StateMachineType.STANDARD).arn();
                run(engine, arn, "{}");
                long started = System.nanoTime();
                run(engine, arn, "{}");
                double millis = (System.nanoTime() - started) / 1e6;
                System.out.printf(Locale.ROOT, "%-68s %12d %12.1f %16.2f%n", "Distributed Map, 100,000 JSONL items, "
                        + (output.contains("ResultWriter") ? "ResultWriter" : "no results") + ", " + where,
                        MAP_ITEMS + 1, millis, millis * 1e3 / (MAP_ITEMS + 1));
            }
        }
    }

    private static String distributedMap(String output) {
        return """
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "End": true, %s,
                  "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                    "Parameters": {"Bucket": "%s", "Key": "items.jsonl"}, "ReaderConfig": {"InputType": "JSONL"}},
                  "MaxConcurrency": 1000,
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                    "StartAt": "Child", "States": {"Child": {"Type": "Pass", "End": true}}}}}}"""
                .formatted(output, BUCKET);
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

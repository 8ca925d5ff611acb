package dev.persona.local.stepfunctions.asl.exec;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.StatesError;
import dev.persona.local.stepfunctions.asl.StatesFailure;
import dev.persona.local.stepfunctions.asl.states.MapState;

/**
 * A distributed Map state's Map Run: one child execution per item (or per batch of ItemBatcher), each with its own
 * identity ({@code $$.Execution}) and history, at most MaxConcurrency (default 10,000) at a time. Failed children
 * count against ToleratedFailureCount/Percentage; beyond them the Map fails with
 * States.ExceedToleratedFailureThreshold. A failed child's result is its error output. Each child's outcome is
 * noted in the parent's journal, so that a restart keeps what ended and a redrive reruns only what did not
 * succeed.
 */
final class DistributedMap {

    /** Distributed Maps run up to 10,000 child executions at a time. */
    private static final int MAX_CONCURRENCY = 10_000;
    private static final String TOLERANCE_EXCEEDED = "The specified tolerated failure threshold was exceeded";

    private DistributedMap() {
    }

    static JsonNode run(StateVisit visit, Executor executor, MapState map) {
        ExecutionRun run = visit.run();
        JsonNode input = visit.flow.selectedInput(visit);
        StateScope scope = visit.scope(input);
        ArrayNode items = map.itemReader() != null ? S3ItemReader.read(visit, map.itemReader(), scope)
                : map.items(scope);
        long maxConcurrency = map.maxConcurrency(scope);
        long toleratedCount = map.toleratedFailureCount(scope);
        BigDecimal toleratedPercentage = map.toleratedFailurePercentage(scope);
        if (!ParallelAction.recorded(visit, HistoryEventType.MAP_STATE_STARTED)) {
            ObjectNode started = Json.object();
            started.put("length", items.size());
            visit.lane.record(HistoryEventType.MAP_STATE_STARTED, started);
        }
        List<JsonNode> selected = MapAction.itemInputs(visit, map, items, input);
        List<ObjectNode> batches = map.itemBatcher() == null ? null : batches(map, selected, scope);
        int size = batches == null ? selected.size() : batches.size();
        int[] itemsPerChild = new int[size];
        for (int i = 0; i < size; i++) {
            itemsPerChild[i] = batches == null ? 1 : batches.get(i).get("Items").size();
        }
        MapRun mapRun = mapRun(visit, map, maxConcurrency, toleratedCount, toleratedPercentage, itemsPerChild);
        CompletableFuture<Void> siblingsAbandoned = visit.lane.branchesAbandoned();
        int limit = maxConcurrency == 0 ? MAX_CONCURRENCY : (int) Math.min(maxConcurrency, MAX_CONCURRENCY);
        int workers = Math.min(size, limit);
        AtomicInteger failed = new AtomicInteger();
        for (MapRun.Child ended : mapRun.ended()) {
            if (ended.status() != ExecutionStatus.SUCCEEDED) {
                failed.incrementAndGet();
            }
        }
        Tolerance tolerance = new Tolerance(map, toleratedCount, toleratedPercentage, size);
        try {
            if (tolerance.exceeded(failed.get())) {
                throw StatesFailure.of(StatesError.EXCEED_TOLERATED_FAILURE_THRESHOLD, TOLERANCE_EXCEEDED);
            }
            executor.runConcurrently(visit.lane, size, workers, siblingsAbandoned, index -> {
                MapRun.Child child = mapRun.child(index);
                if (child == null) {
                    JsonNode childInput = batches == null ? selected.get(index) : batches.get(index);
                    mapRun.started();
                    try {
                        child = runChild(visit, map, mapRun, index, childInput, siblingsAbandoned);
                    } finally {
                        mapRun.stoppedRunning();
                    }
                    mapRun.record(child);
                    run.history().journal().note(MapRunNotes.child(mapRun, child));
                    if (child.status() != ExecutionStatus.SUCCEEDED && tolerance.exceeded(failed.incrementAndGet())) {
                        throw StatesFailure.of(StatesError.EXCEED_TOLERATED_FAILURE_THRESHOLD, TOLERANCE_EXCEEDED);
                    }
                }
            });
        } catch (StatesFailure failure) {
            throw failed(visit, mapRun, failure);
        } catch (Interruption interruption) {
            if (!run.abandoned()) {
                end(visit, mapRun, MapRun.Status.ABORTED);
            }
            throw interruption;
        }
        JsonNode result;
        try {
            result = MapResults.result(visit, map.resultWriter(), mapRun, scope);
        } catch (StatesFailure failure) {
            throw failed(visit, mapRun, failure);
        }
        end(visit, mapRun, MapRun.Status.SUCCEEDED);
        visit.lane.record(HistoryEventType.MAP_RUN_SUCCEEDED, null);
        visit.lane.record(HistoryEventType.MAP_STATE_SUCCEEDED, null);
        return result;
    }

    /** Ends the Map Run and the Map state as FAILED with {@code failure}, which the caller throws. */
    private static StatesFailure failed(StateVisit visit, MapRun mapRun, StatesFailure failure) {
        end(visit, mapRun, MapRun.Status.FAILED);
        visit.lane.record(HistoryEventType.MAP_RUN_FAILED, HistoryEvents.errorDetails(failure.error(),
                failure.cause()));
        visit.lane.record(HistoryEventType.MAP_STATE_FAILED, null,
                HistoryEvents.errorDetails(failure.error(), failure.cause()));
        return failure;
    }

    /** ToleratedFailureCount and ToleratedFailurePercentage; with neither given, no failure is tolerated. */
    private record Tolerance(boolean countGiven, boolean percentageGiven, long count, BigDecimal percentage,
                             int size) {

        Tolerance(MapState map, long count, BigDecimal percentage, int size) {
            this(map.hasToleratedFailureCount(), map.hasToleratedFailurePercentage(), count, percentage, size);
        }

        boolean exceeded(int failures) {
            if (failures == 0) {
                return false;
            }
            boolean overCount = failures > count && (countGiven || !percentageGiven);
            boolean overPercentage = percentageGiven && BigDecimal.valueOf(failures * 100L)
                    .divide(BigDecimal.valueOf(size), 6, RoundingMode.HALF_UP).compareTo(percentage) > 0;
            return overCount || overPercentage;
        }
    }

    /** The visit's Map Run: the one it started before a restart or a redrive, else a new one. */
    private static MapRun mapRun(StateVisit visit, MapState map, long maxConcurrency, long toleratedCount,
                                 BigDecimal toleratedPercentage, int[] itemsPerChild) {
        ExecutionRun run = visit.run();
        MapRuns registry = run.services().mapRuns();
        for (HistoryEvent event : visit.recorded()) {
            if (event.type() == HistoryEventType.MAP_RUN_STARTED) {
                MapRun existing = registry.find(event.details().path("mapRunArn").asText()).orElse(null);
                if (existing != null && existing.size() == itemsPerChild.length) {
                    if (visit.redriven()) {
                        existing.forgetUnsuccessful(run.time().now());
                        run.history().journal().note(MapRunNotes.redriven(existing));
                        ObjectNode redriven = Json.object();
                        redriven.put("mapRunArn", existing.arn());
                        redriven.put("redriveCount", existing.redriveCount());
                        visit.lane.record(HistoryEventType.MAP_RUN_REDRIVEN, redriven);
                    }
                    return existing;
                }
            }
        }
        ExecutionIdentity identity = run.identity();
        String label = map.label() != null ? map.label() : map.name();
        String childMachine = identity.stateMachineArn() + "/" + label;
        String arn = identity.stateMachineArn().replace(":stateMachine:", ":mapRun:") + "/" + label + ":"
                + UUID.randomUUID();
        MapRun mapRun = new MapRun(arn, identity.executionArn(), childMachine, map.executionType(),
                run.time().now(), maxConcurrency, toleratedCount, toleratedPercentage, itemsPerChild);
        registry.register(mapRun);
        run.history().journal().note(MapRunNotes.started(mapRun));
        ObjectNode started = Json.object();
        started.put("mapRunArn", arn);
        visit.lane.record(HistoryEventType.MAP_RUN_STARTED, started);
        return mapRun;
    }

    private static void end(StateVisit visit, MapRun mapRun, MapRun.Status status) {
        mapRun.finish(status, visit.run().time().now());
        visit.run().history().journal().note(MapRunNotes.ended(mapRun));
    }

    /** One child execution, with its own identity and history, to its end. */
    private static MapRun.Child runChild(StateVisit visit, MapState map, MapRun mapRun, int index, JsonNode input,
                                         CompletableFuture<Void> siblingsAbandoned) {
        ExecutionRun parent = visit.run();
        ExecutionIdentity parentIdentity = parent.identity();
        String name = UUID.randomUUID().toString();
        String machineName = mapRun.stateMachineArn().substring(mapRun.stateMachineArn().indexOf(":stateMachine:")
                + ":stateMachine:".length());
        String executionArn = mapRun.stateMachineArn().replace(":stateMachine:", ":execution:") + ":" + name;
        Instant start = parent.time().now();
        ExecutionIdentity identity = new ExecutionIdentity(executionArn, name, mapRun.stateMachineArn(), machineName,
                parentIdentity.roleArn(), parentIdentity.region(), input, start);
        ExecutionRun childRun = new ExecutionRun(identity, new ExecutionHistory(parent.limits().historyEvents(),
                ExecutionJournal.NONE), null, parent.services());
        Interpreter interpreter = new Interpreter(childRun);
        interpreter.recordStart();
        Lane lane = Lane.top(childRun, VariableScope.root(), childRun.history().lastEventId())
                .abandonedBy(siblingsAbandoned);
        ExecutionOutcome outcome = interpreter.runLane(map.processor(), lane);
        if (outcome == null) {
            throw Interruption.ABANDONED;
        }
        return new MapRun.Child(index, name, executionArn, outcome.status(), input, outcome.output(),
                outcome.error(), outcome.cause(), start, outcome.stopDate(), mapRun.itemsOf(index));
    }

    /**
     * ItemBatcher: consecutive items grouped as {@code {"Items": [...], "BatchInput": ...}}, each batch holding at
     * most MaxItemsPerBatch items and MaxInputBytesPerBatch bytes.
     */
    private static List<ObjectNode> batches(MapState map, List<JsonNode> inputs, StateScope scope) {
        long maxItems = map.maxItemsPerBatch(scope).orElse(Long.MAX_VALUE);
        long maxBytes = map.maxInputBytesPerBatch(scope).orElse(Long.MAX_VALUE);
        MapState.ItemBatcher batcher = map.itemBatcher();
        JsonNode batchInput = batcher.batchInput() != null ? batcher.batchInput().evaluate(scope, scope.input())
                : batcher.batchInputExpressions() != null ? batcher.batchInputExpressions().evaluate(scope) : null;
        List<ObjectNode> batches = new ArrayList<>();
        ArrayNode current = null;
        long bytes = 0;
        for (JsonNode item : inputs) {
            long size = Json.sizeInBytes(item);
            if (current == null || current.size() >= maxItems || bytes + size > maxBytes) {
                ObjectNode batch = Json.object();
                current = batch.putArray("Items");
                if (batchInput != null) {
                    batch.set("BatchInput", batchInput);
                }
                batches.add(batch);
                bytes = 0;
            }
            current.add(item);
            bytes += size;
        }
        return batches;
    }
}

package dev.persona.local.stepfunctions.asl.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.StatesFailure;
import dev.persona.local.stepfunctions.asl.states.MapState;

/**
 * Map: runs its item processor once per item, inline (iterations in this execution's history, at most 40 at a
 * time) or distributed (a Map Run of child executions, see {@link DistributedMap}). Its result is the array of
 * the outputs in item order. Continued after a restart or for a redrive, iterations that ended keep their
 * output and the others go on from where they stopped.
 */
final class MapAction implements StateAction {

    static final MapAction INSTANCE = new MapAction();
    /** AWS runs at most 40 iterations of an inline Map at a time. */
    private static final int INLINE_MAP_CONCURRENCY = 40;

    private MapAction() {
    }

    @Override
    public Step execute(StateVisit visit, Executor executor) {
        MapState map = (MapState) visit.state;
        if (map.mode() == MapState.ProcessorMode.DISTRIBUTED) {
            return visit.flow.finishWithResult(visit, DistributedMap.run(visit, executor, map));
        }
        JsonNode input = visit.flow.selectedInput(visit);
        StateScope scope = visit.scope(input);
        ArrayNode items = map.items(scope);
        long maxConcurrency = map.maxConcurrency(scope);
        if (!ParallelAction.recorded(visit, HistoryEventType.MAP_STATE_STARTED)) {
            ObjectNode started = Json.object();
            started.put("length", items.size());
            visit.lane.record(HistoryEventType.MAP_STATE_STARTED, started);
        }
        List<JsonNode> inputs = itemInputs(visit, map, items, input);
        JsonNode[] outputs = new JsonNode[inputs.size()];
        CompletableFuture<Void> siblingsAbandoned = visit.lane.branchesAbandoned();
        int workers = (int) Math.min(inputs.size(), maxConcurrency == 0 ? INLINE_MAP_CONCURRENCY
                : Math.min(maxConcurrency, INLINE_MAP_CONCURRENCY));
        long startedId = visit.lane.lastEventId();
        try {
            executor.runConcurrently(visit.lane, inputs.size(), workers, siblingsAbandoned, index -> outputs[index] =
                    iteration(visit, executor, map, index, inputs.get(index), siblingsAbandoned, startedId));
        } catch (StatesFailure failure) {
            visit.lane.record(HistoryEventType.MAP_STATE_FAILED, null,
                    HistoryEvents.errorDetails(failure.error(), failure.cause()));
            throw failure;
        }
        visit.lane.record(HistoryEventType.MAP_STATE_SUCCEEDED, null);
        ArrayNode result = Json.array();
        for (JsonNode output : outputs) {
            result.add(output);
        }
        return visit.flow.finishWithResult(visit, result);
    }

    private static JsonNode iteration(StateVisit visit, Executor executor, MapState map, int index, JsonNode input,
                                      CompletableFuture<Void> siblingsAbandoned, long startedId) {
        String id = visit.lane.childId(visit.enteredEventId, index);
        Replay replay = visit.replay();
        List<HistoryEvent> recorded = replay == null ? List.of() : replay.lane(id);
        LaneProgress progress = LaneProgress.of(recorded);
        if (recorded.stream().anyMatch(event -> event.type() == HistoryEventType.MAP_ITERATION_SUCCEEDED)) {
            return progress.output();
        }
        Lane iteration = visit.lane.child(id, visit.lane.variables().child(), siblingsAbandoned,
                progress.lastEventId(startedId));
        ObjectNode details = Json.object();
        details.put("name", map.name());
        details.put("index", index);
        if (recorded.isEmpty()) {
            iteration.record(HistoryEventType.MAP_ITERATION_STARTED, details);
        }
        try {
            JsonNode output = executor.runMachine(map.processor(), input, iteration,
                    recorded.isEmpty() ? null : replay);
            iteration.record(HistoryEventType.MAP_ITERATION_SUCCEEDED, details);
            return output;
        } catch (StatesFailure failure) {
            iteration.record(HistoryEventType.MAP_ITERATION_FAILED, details);
            throw failure;
        } catch (Interruption interruption) {
            if (interruption == Interruption.ABANDONED && !visit.run().abandoned()) {
                iteration.record(HistoryEventType.MAP_ITERATION_ABORTED, details);
            }
            throw interruption;
        }
    }

    /** Each item's input: the item, or ItemSelector evaluated with {@code $$.Map.Item}. */
    static List<JsonNode> itemInputs(StateVisit visit, MapState map, ArrayNode items, JsonNode input) {
        List<JsonNode> selected = new ArrayList<>(items.size());
        if (map.itemSelector() == null && map.itemSelectorExpressions() == null) {
            items.forEach(selected::add);
            return selected;
        }
        for (int i = 0; i < items.size(); i++) {
            ObjectNode item = Json.object();
            item.put("Index", i);
            item.set("Value", items.get(i));
            StateScope scope = new StateScope(visit, input, null, null, item);
            selected.add(map.itemSelector() != null ? map.itemSelector().evaluate(scope, input)
                    : map.itemSelectorExpressions().evaluate(scope));
        }
        return selected;
    }
}

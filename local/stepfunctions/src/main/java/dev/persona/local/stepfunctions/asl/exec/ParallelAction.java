package dev.persona.local.stepfunctions.asl.exec;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.StatesFailure;
import dev.persona.local.stepfunctions.asl.states.ParallelState;
import dev.persona.local.stepfunctions.asl.states.StateMachine;

/**
 * Parallel: runs every branch concurrently on the effective input; the first failure abandons the others. Its
 * result is the array of the branches' outputs, in branch order. Continued after a restart or for a redrive,
 * branches that ended keep their output and the others go on from where they stopped.
 */
final class ParallelAction implements StateAction {

    static final ParallelAction INSTANCE = new ParallelAction();

    private ParallelAction() {
    }

    @Override
    public Step execute(StateVisit visit, Executor executor) {
        ParallelState parallel = (ParallelState) visit.state;
        JsonNode input = visit.flow.effectiveInput(visit);
        Replay replay = visit.replay();
        if (!recorded(visit, HistoryEventType.PARALLEL_STATE_STARTED)) {
            visit.lane.record(HistoryEventType.PARALLEL_STATE_STARTED, null);
        }
        List<StateMachine> branches = parallel.branches();
        JsonNode[] outputs = new JsonNode[branches.size()];
        CompletableFuture<Void> siblingsAbandoned = visit.lane.branchesAbandoned();
        long startedId = visit.lane.lastEventId();
        try {
            executor.runConcurrently(visit.lane, branches.size(), branches.size(), siblingsAbandoned, index -> {
                String id = visit.lane.childId(visit.enteredEventId, index);
                long last = replay == null ? startedId : LaneProgress.of(replay.lane(id)).lastEventId(startedId);
                Lane branch = visit.lane.child(id, visit.lane.variables().child(), siblingsAbandoned, last);
                outputs[index] = executor.runMachine(branches.get(index), input, branch, replay);
            });
        } catch (StatesFailure failure) {
            visit.lane.record(HistoryEventType.PARALLEL_STATE_FAILED, null,
                    HistoryEvents.errorDetails(failure.error(), failure.cause()));
            throw failure;
        }
        visit.lane.record(HistoryEventType.PARALLEL_STATE_SUCCEEDED, null);
        ArrayNode result = Json.array();
        for (JsonNode output : outputs) {
            result.add(output);
        }
        return visit.flow.finishWithResult(visit, result);
    }

    /** True when the visit being continued already recorded an event of {@code type}. */
    static boolean recorded(StateVisit visit, HistoryEventType type) {
        return visit.recorded().stream().anyMatch(event -> event.type() == type);
    }
}

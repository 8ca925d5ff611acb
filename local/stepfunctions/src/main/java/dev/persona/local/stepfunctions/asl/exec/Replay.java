package dev.persona.local.stepfunctions.asl.exec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An execution's recorded events by lane, read back to continue it: after a restart (each lane goes on from where
 * it stopped; a state that was running continues its visit) or for a redrive (each lane's unsuccessful state runs
 * again; Parallel and Map states rerun only their unsuccessful branches and iterations).
 */
final class Replay {

    private final Map<String, List<HistoryEvent>> byLane = new HashMap<>();
    private final boolean redrive;

    private Replay(List<HistoryEvent> events, boolean redrive) {
        this.redrive = redrive;
        for (HistoryEvent event : events) {
            byLane.computeIfAbsent(event.lane(), lane -> new ArrayList<>()).add(event);
        }
    }

    static Replay of(List<HistoryEvent> events, boolean redrive) {
        return new Replay(events, redrive);
    }

    /** The events {@code laneId} recorded, in order; empty when it recorded none. */
    List<HistoryEvent> lane(String laneId) {
        return byLane.getOrDefault(laneId, List.of());
    }

    boolean redrive() {
        return redrive;
    }
}

package dev.persona.local.stepfunctions.asl.exec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.StatesError;
import dev.persona.local.stepfunctions.asl.StatesFailure;

/**
 * The events of one execution, numbered from 1. Appends from concurrent branches are serialized. Once the
 * history holds its limit of events the execution fails as AWS fails it; only the final execution event is
 * still recorded after that.
 */
public final class ExecutionHistory {

    private final int limit;
    private final List<HistoryEvent> events = new ArrayList<>();

    public ExecutionHistory(int limit) {
        this.limit = limit;
    }

    /** Appends an event; throws States.Runtime when the history is full. */
    public synchronized HistoryEvent append(HistoryEventType type, long previousEventId, Instant timestamp,
                                            ObjectNode details) {
        if (events.size() >= limit) {
            throw StatesFailure.of(StatesError.RUNTIME,
                    "The execution reached the maximum number of history events (" + limit + ").");
        }
        return add(type, previousEventId, timestamp, details);
    }

    /** Appends the event that ends the execution, even to a full history. */
    public synchronized HistoryEvent appendFinal(HistoryEventType type, long previousEventId, Instant timestamp,
                                                 ObjectNode details) {
        return add(type, previousEventId, timestamp, details);
    }

    private HistoryEvent add(HistoryEventType type, long previousEventId, Instant timestamp, ObjectNode details) {
        HistoryEvent event = new HistoryEvent(events.size() + 1, previousEventId, timestamp, type, details);
        events.add(event);
        return event;
    }

    public synchronized List<HistoryEvent> events() {
        return List.copyOf(events);
    }

    public synchronized int size() {
        return events.size();
    }

    public synchronized long lastEventId() {
        return events.size();
    }
}

package dev.persona.local.stepfunctions.asl.exec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.StatesError;
import dev.persona.local.stepfunctions.asl.StatesFailure;

/**
 * The events of one execution, numbered from 1. Appends from concurrent branches are serialized and written to
 * the execution's journal in the same order. Once the history holds its limit of events the execution fails as
 * AWS fails it; only the final execution event is still recorded after that.
 */
public final class ExecutionHistory {

    private final int limit;
    private final List<HistoryEvent> events;
    private final ExecutionJournal journal;

    public ExecutionHistory(int limit, ExecutionJournal journal) {
        this(limit, List.of(), journal);
    }

    /** A history that continues {@code recorded} (read back from a journal). */
    public ExecutionHistory(int limit, List<HistoryEvent> recorded, ExecutionJournal journal) {
        this.limit = limit;
        this.events = new ArrayList<>(recorded);
        this.journal = journal;
    }

    /** Appends an event; throws States.Runtime when the history is full. */
    public synchronized HistoryEvent append(HistoryEventType type, long previousEventId, Instant timestamp,
                                            ObjectNode details, String lane, ObjectNode internal) {
        if (events.size() >= limit) {
            throw StatesFailure.of(StatesError.RUNTIME,
                    "The execution reached the maximum number of history events (" + limit + ").");
        }
        return add(type, previousEventId, timestamp, details, lane, internal);
    }

    /** Appends an event that must be recorded even to a full history (the end of a run, a redrive). */
    public synchronized HistoryEvent appendFinal(HistoryEventType type, long previousEventId, Instant timestamp,
                                                 ObjectNode details) {
        return add(type, previousEventId, timestamp, details, Lane.TOP, null);
    }

    private HistoryEvent add(HistoryEventType type, long previousEventId, Instant timestamp, ObjectNode details,
                             String lane, ObjectNode internal) {
        HistoryEvent event = new HistoryEvent(events.size() + 1, previousEventId, timestamp, type, details, lane,
                internal);
        events.add(event);
        journal.event(event);
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

    public synchronized HistoryEvent last() {
        return events.isEmpty() ? null : events.getLast();
    }

    public int limit() {
        return limit;
    }

    public ExecutionJournal journal() {
        return journal;
    }
}

package dev.persona.local.stepfunctions;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.exec.ExecutionJournal;
import dev.persona.local.stepfunctions.asl.exec.ExecutionOutcome;
import dev.persona.local.stepfunctions.asl.exec.ExecutionStatus;
import dev.persona.local.stepfunctions.asl.exec.HistoryEvent;
import dev.persona.local.stepfunctions.asl.exec.HistoryEventType;

/**
 * The "Step Functions Execution Status Change" events of STANDARD executions, shaped as Step Functions sends them
 * to EventBridge, and their delivery to {@link ExecutionStatusChangeListener}s.
 *
 * <p>The shape follows "EventBridge (CloudWatch Events) for Step Functions execution status changes",
 * https://docs.aws.amazon.com/step-functions/latest/dg/cw-events.html (and the event reference,
 * https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-states.html): the EventBridge envelope with
 * {@code source} {@code aws.states} and the execution ARN as the one resource, and a {@code detail} holding "the
 * same information as the DescribeExecution API" at the time of the change, dates in epoch milliseconds and absent
 * values as {@code null}, as in the page's examples. The page's payload rule applies: an output whose escaped text
 * exceeds 248 KB is left out, and so is the input when the escaped input and output together exceed it
 * ({@code inputDetails}/{@code outputDetails} then say {@code "included": false}).
 *
 * <p>A status changes when an execution starts or is redriven (RUNNING) and when it ends. Each change is an event of
 * the history ({@code ExecutionStarted}, {@code ExecutionRedriven}, {@code Execution…} at the end), and its
 * EventBridge event is built once that event is recorded. One thread delivers the events in order; once every
 * listener had an event, a note in the execution's journal records it as delivered, so that a restart on the same
 * data directory delivers the changes it had recorded and not yet delivered (at least once, as EventBridge does),
 * and not the others. The event's id derives from the execution and the history event: a redelivery carries the
 * same id.
 */
final class ExecutionStatusChangeEvents {

    static final String SOURCE = "aws.states";
    static final String DETAIL_TYPE = "Step Functions Execution Status Change";
    /** EventBridge's room for the escaped input and output of one event. */
    static final int PAYLOAD_LIMIT_BYTES = 248 * 1024;
    /** Marks the metadata of executions whose changes are noted when delivered (older ones never were). */
    static final String METADATA_FLAG = "statusChangeNotes";

    private static final String NOTE_KIND = "kind";
    private static final String DELIVERED = "statusChangeDelivered";
    private static final String EVENT_ID = "historyEventId";

    private final String account;
    private final String region;
    private final List<ExecutionStatusChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService deliveries = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sfn-status-change-events");
        thread.setDaemon(true);
        return thread;
    });

    ExecutionStatusChangeEvents(String account, String region) {
        this.account = account;
        this.region = region;
    }

    void addListener(ExecutionStatusChangeListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /** Whether an event of this type changes the execution's status (and so raises a status change event). */
    static boolean changesStatus(HistoryEventType type) {
        return switch (type) {
            case EXECUTION_STARTED, EXECUTION_REDRIVEN, EXECUTION_SUCCEEDED, EXECUTION_FAILED, EXECUTION_ABORTED,
                 EXECUTION_TIMED_OUT -> true;
            default -> false;
        };
    }

    /**
     * Builds the event of {@code change}, recorded in the execution's history, and queues it for the listeners:
     * the caller (an execution's thread, or StartExecution's) never waits for them.
     *
     * @param redriveCount the execution's redrives up to the change
     * @param redriveDate  the latest of them, or null
     * @param redrive      whether the execution could be redriven right after the change
     */
    void publish(Execution execution, HistoryEvent change, int redriveCount, Instant redriveDate,
                 ExecutionRegistry.RedriveState redrive) {
        ObjectNode event = event(execution, change, redriveCount, redriveDate, redrive);
        deliveries.execute(() -> deliver(execution, change.id(), event));
    }

    private void deliver(Execution execution, long historyEventId, ObjectNode event) {
        for (ExecutionStatusChangeListener listener : listeners) {
            try {
                listener.statusChanged(event.deepCopy());
            } catch (RuntimeException e) {
                // Looked up when needed: the first lookup of a System.Logger searches the class path for a backend.
                System.getLogger(ExecutionStatusChangeEvents.class.getName()).log(System.Logger.Level.WARNING,
                        "an execution status change listener failed on " + event.path("detail").path("status")
                                .asText() + " of " + execution.arn(), e);
            }
        }
        if (Thread.currentThread().isInterrupted()) {
            // Stopped while the listeners had it: the next start on the data directory delivers it again.
            return;
        }
        ExecutionJournal journal = execution.history().journal();
        journal.note(deliveredNote(historyEventId));
        // The attempt closed its journal when it ended; this note opened it again.
        if (execution.status() != ExecutionStatus.RUNNING) {
            journal.close();
        }
    }

    private ObjectNode event(Execution execution, HistoryEvent change, int redriveCount, Instant redriveDate,
                             ExecutionRegistry.RedriveState redrive) {
        ExecutionOutcome outcome = ExecutionRegistry.outcomeOf(change);
        ObjectNode event = Json.object();
        event.put("version", "0");
        event.put("id", UUID.nameUUIDFromBytes((execution.arn() + "#" + change.id())
                .getBytes(StandardCharsets.UTF_8)).toString());
        event.put("detail-type", DETAIL_TYPE);
        event.put("source", SOURCE);
        event.put("account", account);
        event.put("time", change.timestamp().truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", region);
        event.putArray("resources").add(execution.arn());
        ObjectNode detail = event.putObject("detail");
        detail.put("executionArn", execution.arn());
        detail.put("stateMachineArn", execution.stateMachine().arn());
        detail.put("name", execution.name());
        detail.put("status", (outcome == null ? ExecutionStatus.RUNNING : outcome.status()).name());
        detail.put("startDate", execution.startDate().toEpochMilli());
        putMillis(detail, "stopDate", outcome == null ? null : outcome.stopDate());
        String output = outcome == null || outcome.output() == null ? null : Json.write(outcome.output());
        long outputBytes = output == null ? 0 : escapedBytes(output);
        boolean outputIncluded = outputBytes <= PAYLOAD_LIMIT_BYTES;
        boolean inputIncluded = escapedBytes(execution.inputText()) + (outputIncluded ? outputBytes : 0)
                <= PAYLOAD_LIMIT_BYTES;
        detail.put("input", inputIncluded ? execution.inputText() : null);
        detail.putObject("inputDetails").put("included", inputIncluded);
        if (output == null) {
            detail.putNull("output");
            detail.putNull("outputDetails");
        } else {
            detail.put("output", outputIncluded ? output : null);
            detail.putObject("outputDetails").put("included", outputIncluded);
        }
        detail.put("error", outcome == null ? null : outcome.error());
        detail.put("cause", outcome == null ? null : outcome.cause());
        if (execution.versionArn() != null) {
            detail.put("stateMachineVersionArn", execution.versionArn());
        }
        if (execution.aliasArn() != null) {
            detail.put("stateMachineAliasArn", execution.aliasArn());
        }
        detail.put("redriveCount", redriveCount);
        putMillis(detail, "redriveDate", redriveDate);
        detail.put("redriveStatus", redrive.redrivable() ? "REDRIVABLE" : "NOT_REDRIVABLE");
        detail.put("redriveStatusReason", redrive.reason());
        return event;
    }

    private static void putMillis(ObjectNode node, String member, Instant instant) {
        if (instant == null) {
            node.putNull(member);
        } else {
            node.put(member, instant.toEpochMilli());
        }
    }

    /** Bytes of {@code text} as a JSON string, escapes included and quotes not, as EventBridge counts payloads. */
    private static long escapedBytes(String text) {
        return Json.write(TextNode.valueOf(text)).getBytes(StandardCharsets.UTF_8).length - 2L;
    }

    static ObjectNode deliveredNote(long historyEventId) {
        ObjectNode note = Json.object();
        note.put(NOTE_KIND, DELIVERED);
        note.put(EVENT_ID, historyEventId);
        return note;
    }

    static boolean isDeliveredNote(JsonNode note) {
        return DELIVERED.equals(note.path(NOTE_KIND).asText());
    }

    /** The id of the latest history event whose status change was delivered, 0 when none was. */
    static long lastDelivered(List<ObjectNode> notes) {
        return notes.stream().filter(ExecutionStatusChangeEvents::isDeliveredNote)
                .mapToLong(note -> note.path(EVENT_ID).asLong()).max().orElse(0);
    }

    /** Delivers what is queued, for {@code grace} at most, then stops the thread. */
    void close(Duration grace) {
        deliveries.shutdown();
        try {
            if (!deliveries.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                deliveries.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deliveries.shutdownNow();
        }
    }
}

package dev.persona.local.stepfunctions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.definition.StateMachineDefinition;
import dev.persona.local.stepfunctions.asl.exec.ExecutionHistory;
import dev.persona.local.stepfunctions.asl.exec.ExecutionIdentity;
import dev.persona.local.stepfunctions.asl.exec.ExecutionJournal;
import dev.persona.local.stepfunctions.asl.exec.ExecutionOutcome;
import dev.persona.local.stepfunctions.asl.exec.ExecutionRun;
import dev.persona.local.stepfunctions.asl.exec.ExecutionServices;
import dev.persona.local.stepfunctions.asl.exec.ExecutionStatus;
import dev.persona.local.stepfunctions.asl.exec.HistoryEvent;
import dev.persona.local.stepfunctions.asl.exec.HistoryEventType;
import dev.persona.local.stepfunctions.asl.exec.Interpreter;
import dev.persona.local.stepfunctions.asl.exec.MapRunNotes;
import dev.persona.local.stepfunctions.store.ServiceStore;
import dev.persona.local.stepfunctions.store.StoredExecution;

/**
 * The executions of the service: starting them (by name, idempotently for STANDARD ones), describing, listing and
 * stopping them, redriving them under AWS's rules, and, with a data directory, reading them back after a restart
 * and continuing those that were running. Each attempt runs on the bounded pool of execution threads.
 */
final class ExecutionRegistry {

    /** AWS redrives executions that ended at most 14 days ago and started at most a year ago. */
    static final Duration REDRIVABLE_PERIOD = Duration.ofDays(14);
    static final Duration MAX_OPEN_TIME = Duration.ofDays(365);
    /** RedriveExecution answers a repeated client token within 15 minutes with the first redrive's date. */
    private static final Duration CLIENT_TOKEN_VALIDITY = Duration.ofMinutes(15);

    private final Map<String, Execution> executions = new ConcurrentHashMap<>();
    private final Map<String, Instant> redriveTokens = new ConcurrentHashMap<>();
    private final List<Execution> stored = new ArrayList<>();
    private final Arns arns;
    private final String region;
    private final ExecutionServices services;
    private final ExecutorService executionThreads;
    private final StateMachineRegistry machines;
    private final ServiceStore store;
    private final Consumer<Execution> listeners;
    private final ExecutionStatusChangeEvents statusChanges;
    /** Status changes a data directory recorded and the last process did not deliver, in their order. */
    private final List<StatusChange> undelivered = new ArrayList<>();

    ExecutionRegistry(Arns arns, String region, ExecutionServices services, ExecutorService executionThreads,
                      StateMachineRegistry machines, ServiceStore store, Consumer<Execution> listeners,
                      ExecutionStatusChangeEvents statusChanges) {
        this.arns = arns;
        this.region = region;
        this.services = services;
        this.executionThreads = executionThreads;
        this.machines = machines;
        this.store = store;
        this.listeners = listeners;
        this.statusChanges = statusChanges;
    }

    /** A recorded status change of an execution: the history event that made it. */
    private record StatusChange(Execution execution, HistoryEvent event) {
    }

    // ---- start ----

    Execution start(String stateMachineArn, String name, String input) {
        StateMachineRegistry.Target target = machines.target(stateMachineArn);
        StateMachineRecord machine = target.revision();
        // Without a name AWS names the execution with a UUID (EventBridge targets, for one, cannot name it).
        String executionName = name == null ? UUID.randomUUID().toString() : name;
        Requests.requireName(executionName);
        String inputText = input == null ? "{}" : input;
        JsonNode parsedInput = Requests.parseInput(inputText);
        if (machine.type() == StateMachineType.EXPRESS) {
            String arn = arns.expressExecution(machine.name(), executionName, UUID.randomUUID().toString());
            return launchNew(target, arn, executionName, inputText, parsedInput, ExecutionJournal.NONE);
        }
        String arn = arns.execution(machine.name(), executionName);
        synchronized (executions) {
            Execution existing = executions.get(arn);
            if (existing != null) {
                if (existing.status() == ExecutionStatus.RUNNING && existing.inputText().equals(inputText)) {
                    return existing;
                }
                throw new StepFunctionsException("ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
            }
            store.saveExecution(machine.name(), executionName, metadata(target, arn, executionName, inputText));
            Execution execution = launchNew(target, arn, executionName, inputText, parsedInput,
                    store.journal(machine.name(), executionName));
            executions.put(arn, execution);
            return execution;
        }
    }

    private Execution launchNew(StateMachineRegistry.Target target, String arn, String name, String inputText,
                                JsonNode input, ExecutionJournal journal) {
        StateMachineRecord machine = target.revision();
        Instant start = services.time().now();
        ExecutionHistory history = new ExecutionHistory(services.limits().historyEvents(), journal);
        Execution execution = new Execution(arn, name, machine, target.versionArn(), target.aliasArn(), inputText,
                input, start, history);
        ExecutionIdentity identity = new ExecutionIdentity(arn, name, machine.arn(), machine.name(),
                machine.roleArn(), region, input, start);
        ExecutionRun run = new ExecutionRun(identity, history, machine.definition().timeoutSeconds(), services);
        Interpreter interpreter = new Interpreter(run);
        interpreter.recordStart();
        launch(execution, run, () -> interpreter.run(machine.definition()), interpreter, history.last());
        return execution;
    }

    private ObjectNode metadata(StateMachineRegistry.Target target, String arn, String name, String inputText) {
        StateMachineRecord machine = target.revision();
        ObjectNode metadata = Json.object();
        metadata.put("executionArn", arn);
        metadata.put("name", name);
        metadata.put("stateMachineArn", machine.arn());
        metadata.put("stateMachineName", machine.name());
        metadata.put("type", machine.type().name());
        metadata.put("definition", machine.definitionText());
        metadata.put("roleArn", machine.roleArn());
        metadata.put("revisionId", machine.revisionId());
        metadata.put("stateMachineCreationDate", machine.creationDate().toString());
        metadata.put("stateMachineUpdateDate", machine.updateDate().toString());
        metadata.put("versionArn", target.versionArn());
        metadata.put("aliasArn", target.aliasArn());
        metadata.put("input", inputText);
        metadata.put(ExecutionStatusChangeEvents.METADATA_FLAG, true);
        return metadata;
    }

    /**
     * Runs one attempt on an execution thread; completes it and tells the listeners when it ends.
     *
     * @param change the event that made the execution RUNNING (started, redriven), null when it was already
     */
    private void launch(Execution execution, ExecutionRun run, Supplier<ExecutionOutcome> attempt,
                        Interpreter interpreter, HistoryEvent change) {
        CompletableFuture<ExecutionOutcome> completion = new CompletableFuture<>();
        execution.attempt(new Execution.Attempt(run, completion));
        listeners.accept(execution);
        if (change != null) {
            publish(execution, change);
        }
        executionThreads.execute(() -> {
            ExecutionOutcome outcome;
            try {
                outcome = attempt.get();
            } catch (RuntimeException defect) {
                outcome = run.abandoned() ? null : interpreter.failUnexpectedly(defect);
            } finally {
                run.history().journal().close();
            }
            if (outcome != null) {
                completion.complete(outcome);
                listeners.accept(execution);
                publish(execution, lastStatusChange(execution.history().events()));
            }
        });
    }

    /** A status change of a STANDARD execution, recorded now: EXPRESS executions send no events, as on AWS. */
    private void publish(Execution execution, HistoryEvent change) {
        if (execution.stateMachine().type() == StateMachineType.STANDARD) {
            statusChanges.publish(execution, change, execution.redriveCount(), execution.redriveDate(),
                    redriveState(execution));
        }
    }

    private static HistoryEvent lastStatusChange(List<HistoryEvent> events) {
        for (HistoryEvent event : events.reversed()) {
            if (ExecutionStatusChangeEvents.changesStatus(event.type())) {
                return event;
            }
        }
        throw new IllegalStateException("an execution ended without an event that ends it");
    }

    // ---- after a restart ----

    /** Reads back the stored executions; those that were running continue when {@link #resumeStored()} is called. */
    void loadStored(Function<String, StateMachineDefinition> parse) {
        for (StoredExecution saved : store.executions()) {
            for (ObjectNode note : saved.notes()) {
                if (!ExecutionStatusChangeEvents.isDeliveredNote(note)) {
                    MapRunNotes.replay(note, services.mapRuns());
                }
            }
            ObjectNode metadata = saved.metadata();
            String definition = metadata.path("definition").asText();
            StateMachineRecord machine = new StateMachineRecord(metadata.path("stateMachineArn").asText(),
                    metadata.path("stateMachineName").asText(), StateMachineType.valueOf(metadata.path("type")
                    .asText()), definition, parse.apply(definition), metadata.path("roleArn").asText(),
                    Instant.parse(metadata.path("stateMachineCreationDate").asText()),
                    metadata.path("revisionId").asText(),
                    Instant.parse(metadata.path("stateMachineUpdateDate").asText()));
            String inputText = metadata.path("input").asText();
            JsonNode input = Json.parse(inputText);
            List<HistoryEvent> events = saved.events();
            if (events.isEmpty()) {
                continue;
            }
            Instant start = events.getFirst().timestamp();
            ExecutionHistory history = new ExecutionHistory(services.limits().historyEvents(), events,
                    store.journal(saved.machineName(), saved.executionName()));
            String arn = metadata.path("executionArn").asText();
            Execution execution = new Execution(arn, metadata.path("name").asText(), machine,
                    metadata.path("versionArn").textValue(), metadata.path("aliasArn").textValue(), inputText, input,
                    start, history);
            ExecutionRun run = new ExecutionRun(identity(execution, events), history,
                    machine.definition().timeoutSeconds(), services);
            CompletableFuture<ExecutionOutcome> completion = new CompletableFuture<>();
            HistoryEvent last = events.getLast();
            ExecutionOutcome ended = outcomeOf(last);
            if (ended != null) {
                completion.complete(ended);
            } else {
                stored.add(execution);
            }
            execution.attempt(new Execution.Attempt(run, completion));
            executions.put(arn, execution);
            if (metadata.path(ExecutionStatusChangeEvents.METADATA_FLAG).asBoolean()) {
                long delivered = ExecutionStatusChangeEvents.lastDelivered(saved.notes());
                events.stream().filter(event -> event.id() > delivered
                                && ExecutionStatusChangeEvents.changesStatus(event.type()))
                        .forEach(event -> undelivered.add(new StatusChange(execution, event)));
            }
        }
    }

    /** The identity of the execution's latest attempt: the redrives are counted from its ExecutionRedriven events. */
    private ExecutionIdentity identity(Execution execution, List<HistoryEvent> events) {
        StateMachineRecord machine = execution.stateMachine();
        ExecutionIdentity identity = new ExecutionIdentity(execution.arn(), execution.name(), machine.arn(),
                machine.name(), machine.roleArn(), region, execution.input(), execution.startDate());
        for (HistoryEvent event : events) {
            if (event.type() == HistoryEventType.EXECUTION_REDRIVEN) {
                identity = identity.redriven(event.timestamp());
            }
        }
        return identity;
    }

    /** How an execution ended, from the event that ended it; null for any other event. */
    static ExecutionOutcome outcomeOf(HistoryEvent event) {
        ExecutionStatus status = switch (event.type()) {
            case EXECUTION_SUCCEEDED -> ExecutionStatus.SUCCEEDED;
            case EXECUTION_FAILED -> ExecutionStatus.FAILED;
            case EXECUTION_ABORTED -> ExecutionStatus.ABORTED;
            case EXECUTION_TIMED_OUT -> ExecutionStatus.TIMED_OUT;
            default -> null;
        };
        if (status == null) {
            return null;
        }
        ObjectNode details = event.details();
        return new ExecutionOutcome(status, details == null ? null : details.get("output"),
                details == null ? null : details.path("error").textValue(),
                details == null ? null : details.path("cause").textValue(), event.timestamp());
    }

    /**
     * Delivers the status changes the data directory recorded and the last process did not deliver, then continues
     * every execution that was running when the data directory was last used.
     */
    void resumeStored() {
        List<Execution> running;
        List<StatusChange> changes;
        synchronized (stored) {
            running = new ArrayList<>(stored);
            stored.clear();
            changes = new ArrayList<>(undelivered);
            undelivered.clear();
        }
        for (StatusChange change : changes) {
            republish(change.execution(), change.event());
        }
        for (Execution execution : running) {
            ExecutionRun run = new ExecutionRun(execution.run().identity(), execution.history(),
                    execution.stateMachine().definition().timeoutSeconds(), services);
            Interpreter interpreter = new Interpreter(run);
            interpreter.reclaimTaskTokens();
            launch(execution, run, () -> interpreter.resume(execution.stateMachine().definition()), interpreter,
                    null);
        }
    }

    /** The event of a change recorded earlier, as it was then: its redrives are those recorded before it. */
    private void republish(Execution execution, HistoryEvent change) {
        int redriveCount = 0;
        Instant redriveDate = null;
        for (HistoryEvent event : execution.history().events()) {
            if (event.id() > change.id()) {
                break;
            }
            if (event.type() == HistoryEventType.EXECUTION_REDRIVEN) {
                redriveCount++;
                redriveDate = event.timestamp();
            }
        }
        statusChanges.publish(execution, change, redriveCount, redriveDate,
                redriveState(execution, outcomeOf(change)));
    }

    // ---- queries ----

    Execution describe(String executionArn) {
        requireExecutionArn(executionArn);
        Execution execution = executions.get(executionArn);
        if (execution == null) {
            throw new StepFunctionsException("ExecutionDoesNotExist", "Execution Does Not Exist: '" + executionArn
                    + "'");
        }
        return execution;
    }

    private void requireExecutionArn(String arn) {
        if (arn == null || !arn.startsWith("arn:aws:states:") || !arn.contains(":execution:")) {
            if (arn != null && Arns.isExpressExecution(arn)) {
                throw new StepFunctionsException("InvalidArn", "Invalid Arn: 'Resource type not valid in this "
                        + "context: express'");
            }
            throw Requests.invalidArn(arn);
        }
    }

    /**
     * The executions of a state machine (all of them), of one of its versions or through one of its aliases,
     * newest first; optionally only those with {@code status}, and only the redriven ones (or only the others).
     */
    List<Execution> list(String stateMachineArn, ExecutionStatus status, Boolean redriven) {
        Arns.MachineArn parsed = arns.parseStateMachine(stateMachineArn)
                .orElseThrow(() -> Requests.invalidArn(stateMachineArn));
        if (parsed.qualifier() == null) {
            StateMachineRecord machine = machines.describe(stateMachineArn);
            if (machine.type() == StateMachineType.EXPRESS) {
                throw new StepFunctionsException("StateMachineTypeNotSupported",
                        "This operation is not supported by this type of state machine");
            }
        } else if (parsed.isVersion()) {
            machines.describeVersion(stateMachineArn);
        } else {
            machines.describeAlias(stateMachineArn);
        }
        String unqualified = arns.stateMachine(parsed.name());
        return executions.values().stream()
                .filter(e -> parsed.qualifier() == null ? e.stateMachine().arn().equals(unqualified)
                        : stateMachineArn.equals(parsed.isVersion() ? e.versionArn() : e.aliasArn()))
                .filter(e -> status == null || e.status() == status)
                .filter(e -> redriven == null || (e.redriveCount() > 0) == redriven)
                .sorted(Comparator.comparing(Execution::startDate).reversed().thenComparing(Execution::name))
                .toList();
    }

    /** Executions that are running, newest first. */
    List<Execution> running() {
        return executions.values().stream().filter(e -> e.status() == ExecutionStatus.RUNNING)
                .sorted(Comparator.comparing(Execution::startDate).reversed()).toList();
    }

    // ---- stop ----

    Execution stop(String executionArn, String error, String cause) {
        Execution execution = describe(executionArn);
        execution.run().stop(error, cause);
        try {
            execution.completion().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("execution " + executionArn + " did not stop", e);
        }
        return execution;
    }

    /** Waits for the current attempt of an execution to end. */
    ExecutionOutcome await(String executionArn, Duration timeout) {
        Execution execution = executions.get(executionArn);
        if (execution == null) {
            throw new StepFunctionsException("ExecutionDoesNotExist", "Execution Does Not Exist: '" + executionArn
                    + "'");
        }
        try {
            return execution.completion().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("execution " + executionArn + " did not end within " + timeout, e);
        }
    }

    // ---- redrive ----

    /** Whether an execution can be redriven now, and why not (AWS's redriveStatusReason wording). */
    record RedriveState(boolean redrivable, String reason) {
    }

    RedriveState redriveState(Execution execution) {
        return redriveState(execution, execution.outcome());
    }

    /** Whether the execution, had it ended with {@code outcome} (null: running), could be redriven now. */
    private RedriveState redriveState(Execution execution, ExecutionOutcome outcome) {
        Instant now = services.time().now();
        if (outcome == null) {
            return new RedriveState(false, "Execution is RUNNING and cannot be redriven");
        }
        if (outcome.status() == ExecutionStatus.SUCCEEDED) {
            return new RedriveState(false, "Execution is SUCCEEDED and cannot be redriven");
        }
        if (execution.history().size() >= services.limits().historyEvents() - 1) {
            return new RedriveState(false, "Execution history event limit exceeded");
        }
        if (now.isAfter(execution.startDate().plus(MAX_OPEN_TIME))) {
            return new RedriveState(false, "Execution has exceeded the max execution time");
        }
        if (now.isAfter(outcome.stopDate().plus(REDRIVABLE_PERIOD))) {
            return new RedriveState(false, "Execution redrivable period exceeded");
        }
        if (!machines.exists(execution.stateMachine().arn())) {
            return new RedriveState(false, "State machine is in DELETING status");
        }
        return new RedriveState(true, null);
    }

    /**
     * RedriveExecution: the execution continues from its unsuccessful state with the same input and definition.
     * Returns the redrive's date; a repeated client token within 15 minutes returns the first one's.
     */
    Instant redrive(String executionArn, String clientToken) {
        Execution execution = describe(executionArn);
        synchronized (execution) {
            if (clientToken != null) {
                Instant earlier = redriveTokens.get(executionArn + "\n" + clientToken);
                if (earlier != null && services.time().now().isBefore(earlier.plus(CLIENT_TOKEN_VALIDITY))) {
                    return earlier;
                }
            }
            RedriveState state = redriveState(execution);
            if (!state.redrivable()) {
                throw new StepFunctionsException("ExecutionNotRedrivable", "Execution " + executionArn
                        + " cannot be redriven: " + state.reason());
            }
            Instant now = services.time().now();
            ExecutionRun run = new ExecutionRun(execution.run().identity().redriven(now), execution.history(),
                    execution.stateMachine().definition().timeoutSeconds(), services);
            Interpreter interpreter = new Interpreter(run);
            List<HistoryEvent> before = interpreter.recordRedrive();
            launch(execution, run, () -> interpreter.redrive(execution.stateMachine().definition(), before),
                    interpreter, execution.history().last());
            if (clientToken != null) {
                redriveTokens.put(executionArn + "\n" + clientToken, now);
            }
            return now;
        }
    }

    // ---- shutdown ----

    /** Abandons every running attempt without recording anything: a data directory keeps them for the next start. */
    void abandonAll() {
        for (Execution execution : new LinkedHashMap<>(executions).values()) {
            execution.run().abandon();
        }
    }
}

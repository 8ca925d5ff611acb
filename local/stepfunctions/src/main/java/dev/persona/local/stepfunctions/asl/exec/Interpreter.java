package dev.persona.local.stepfunctions.asl.exec;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.StatesError;
import dev.persona.local.stepfunctions.asl.StatesFailure;
import dev.persona.local.stepfunctions.asl.definition.StateMachineDefinition;
import dev.persona.local.stepfunctions.asl.jsonata.JsonataTemplate;
import dev.persona.local.stepfunctions.asl.paths.JsonPath;
import dev.persona.local.stepfunctions.asl.paths.PathNotFoundException;
import dev.persona.local.stepfunctions.asl.paths.ResultPath;
import dev.persona.local.stepfunctions.asl.states.Assignment;
import dev.persona.local.stepfunctions.asl.states.Catcher;
import dev.persona.local.stepfunctions.asl.states.ChoiceRule;
import dev.persona.local.stepfunctions.asl.states.ChoiceState;
import dev.persona.local.stepfunctions.asl.states.DataFlow;
import dev.persona.local.stepfunctions.asl.states.FailState;
import dev.persona.local.stepfunctions.asl.states.MapState;
import dev.persona.local.stepfunctions.asl.states.ParallelState;
import dev.persona.local.stepfunctions.asl.states.PassState;
import dev.persona.local.stepfunctions.asl.states.Retrier;
import dev.persona.local.stepfunctions.asl.states.State;
import dev.persona.local.stepfunctions.asl.states.StateMachine;
import dev.persona.local.stepfunctions.asl.states.SucceedState;
import dev.persona.local.stepfunctions.asl.states.TaskState;
import dev.persona.local.stepfunctions.asl.states.WaitState;
import dev.persona.local.stepfunctions.tasks.ResourceArn;
import dev.persona.local.stepfunctions.tasks.TaskInvocation;
import dev.persona.local.stepfunctions.tasks.TaskResource;
import dev.persona.local.stepfunctions.tasks.TaskTokens;

/**
 * Runs an execution: the one place that takes a state's input through its input processing, the state's own
 * work and its output processing, applies Retry and Catch, records the history and enforces timeouts, payload
 * size and stop requests.
 */
public final class Interpreter {

    /** AWS runs at most 40 iterations of an inline Map at a time. */
    private static final int INLINE_MAP_CONCURRENCY = 40;
    /** Distributed Maps run up to 10,000 child executions at a time. */
    private static final int DISTRIBUTED_MAP_CONCURRENCY = 10_000;
    private static final String TOLERANCE_EXCEEDED = "The specified tolerated failure threshold was exceeded";

    private final ExecutionRun run;

    public Interpreter(ExecutionRun run) {
        this.run = run;
    }

    /** Records ExecutionStarted; call once, when the execution is accepted. */
    public void recordStart() {
        ObjectNode details = Json.object();
        details.set("input", run.identity().input());
        details.set("inputDetails", notTruncated());
        details.put("roleArn", run.identity().roleArn());
        run.history().append(HistoryEventType.EXECUTION_STARTED, 0, run.identity().startTime(), details);
    }

    /** Runs the state machine to its end and records the final event. */
    public ExecutionOutcome run(StateMachineDefinition definition) {
        Lane lane = Lane.top(run, VariableScope.root(), run.history().lastEventId());
        try {
            JsonNode output = runMachine(definition.machine(), run.identity().input(), lane);
            ObjectNode details = Json.object();
            details.set("output", output);
            details.set("outputDetails", notTruncated());
            return end(HistoryEventType.EXECUTION_SUCCEEDED, details,
                    new ExecutionOutcome(ExecutionStatus.SUCCEEDED, output, null, null, run.time().now()));
        } catch (StatesFailure failure) {
            return end(HistoryEventType.EXECUTION_FAILED, errorDetails(failure.error(), failure.cause()),
                    new ExecutionOutcome(ExecutionStatus.FAILED, null, failure.error(), failure.cause(),
                            run.time().now()));
        } catch (Interruption interruption) {
            if (interruption == Interruption.TIMED_OUT) {
                String error = StatesError.TIMEOUT.errorName();
                return end(HistoryEventType.EXECUTION_TIMED_OUT, errorDetails(error, null),
                        new ExecutionOutcome(ExecutionStatus.TIMED_OUT, null, error, null, run.time().now()));
            }
            ExecutionRun.StopRequest stop = run.stopRequest();
            String error = stop == null ? null : stop.error();
            String cause = stop == null ? null : stop.cause();
            return end(HistoryEventType.EXECUTION_ABORTED, errorDetails(error, cause),
                    new ExecutionOutcome(ExecutionStatus.ABORTED, null, error, cause, run.time().now()));
        }
    }

    /** How TestState ended: its status, output or error, the next state and the inspection data. */
    public record StateTestOutcome(String status, JsonNode output, String error, String cause, String nextState,
                                   ObjectNode inspectionData) {
    }

    /**
     * Runs one state once for TestState, with {@code variables} visible. A failure is RETRIABLE when a retrier
     * would retry it, CAUGHT_ERROR when a catcher takes it (its output and Next are reported), else FAILED.
     */
    public StateTestOutcome testState(State state, JsonNode input, ObjectNode variables) {
        VariableScope scope = VariableScope.root();
        scope.assign(variables);
        Lane lane = Lane.top(run, scope, run.history().lastEventId());
        Instant entered = run.time().now();
        long enteredId = lane.record(HistoryEvents.entered(state.type()), HistoryEvents.stateEntered(state.name(),
                input));
        StateVisit visit = new StateVisit(lane, state, enteredId, entered, input);
        visit.inspect();
        try {
            Step step = execute(visit);
            visit.inspection().set("variables", scope.own());
            return new StateTestOutcome("SUCCEEDED", step.output(), null, null, step.next(), visit.inspection());
        } catch (StatesFailure thrown) {
            StatesFailure failure = thrown.describedFor(state.name(), enteredId);
            if (retryDelay(state.retriers(), new int[state.retriers().size()], failure).isPresent()) {
                return new StateTestOutcome("RETRIABLE", null, failure.error(), failure.cause(), null,
                        visit.inspection());
            }
            for (Catcher catcher : state.catchers()) {
                if (catcher.matches(failure.error())) {
                    Step step = caught(visit, catcher, failure);
                    return new StateTestOutcome("CAUGHT_ERROR", step.output(), failure.error(), failure.cause(),
                            step.next(), visit.inspection());
                }
            }
            return new StateTestOutcome("FAILED", null, failure.error(), failure.cause(), null, visit.inspection());
        }
    }

    private ExecutionOutcome end(HistoryEventType type, ObjectNode details, ExecutionOutcome outcome) {
        run.history().appendFinal(type, run.history().lastEventId(), outcome.stopDate(), details);
        return outcome;
    }

    private JsonNode runMachine(StateMachine machine, JsonNode input, Lane lane) {
        String name = machine.startAt();
        JsonNode value = input;
        while (true) {
            checkContinuing(lane);
            Step step = runState(machine.state(name), value, lane);
            if (step.next() == null) {
                return step.output();
            }
            name = step.next();
            value = step.output();
        }
    }

    private void checkContinuing(Lane lane) {
        if (lane.abandoned().isDone()) {
            throw Interruption.ABANDONED;
        }
        if (run.deadline() != null && !run.time().now().isBefore(run.deadline())) {
            throw Interruption.TIMED_OUT;
        }
    }

    /** The transition out of a state: the next state (null: the state machine ends) and the state's output. */
    private record Step(String next, JsonNode output) {
    }

    private Step runState(State state, JsonNode rawInput, Lane lane) {
        Instant entered = run.time().now();
        long enteredId = lane.record(HistoryEvents.entered(state.type()), HistoryEvents.stateEntered(state.name(),
                rawInput));
        StateVisit visit = new StateVisit(lane, state, enteredId, entered, rawInput);
        int[] attempts = new int[state.retriers().size()];
        while (true) {
            try {
                return execute(visit);
            } catch (StatesFailure thrown) {
                StatesFailure failure = thrown.describedFor(state.name(), enteredId);
                Optional<Duration> delay = retryDelay(state.retriers(), attempts, failure);
                if (delay.isPresent()) {
                    sleepUntil(lane, run.time().now().plus(delay.get()));
                    visit.retried();
                    continue;
                }
                for (Catcher catcher : state.catchers()) {
                    if (catcher.matches(failure.error())) {
                        return caught(visit, catcher, failure);
                    }
                }
                throw failure;
            }
        }
    }

    /** The delay before the next attempt, when the first retrier matching the error has attempts left. */
    private Optional<Duration> retryDelay(List<Retrier> retriers, int[] attempts, StatesFailure failure) {
        for (int i = 0; i < retriers.size(); i++) {
            Retrier retrier = retriers.get(i);
            if (retrier.matches(failure.error())) {
                if (attempts[i] >= retrier.maxAttempts()) {
                    return Optional.empty();
                }
                return Optional.of(retrier.delayBefore(attempts[i]++, run.random()));
            }
        }
        return Optional.empty();
    }

    /** {@code {"Error": ..., "Cause": ...}}, without the members that are null. */
    private static ObjectNode errorOutput(StatesFailure failure) {
        ObjectNode errorOutput = Json.object();
        if (failure.error() != null) {
            errorOutput.put("Error", failure.error());
        }
        if (failure.cause() != null) {
            errorOutput.put("Cause", failure.cause());
        }
        return errorOutput;
    }

    private Step caught(StateVisit visit, Catcher catcher, StatesFailure failure) {
        ObjectNode errorOutput = errorOutput(failure);
        JsonNode output;
        ObjectNode assignments = null;
        if (visit.state.usesJsonata()) {
            StateScope scope = new StateScope(visit, visit.rawInput, null, errorOutput, null);
            output = catcher.output() != null ? catcher.output().evaluate(scope) : errorOutput;
            if (catcher.assign() != null) {
                assignments = catcher.assign().evaluate(scope);
            }
        } else {
            if (catcher.assign() != null) {
                assignments = catcher.assign().evaluate(visit.scope(errorOutput));
            }
            output = ResultPath.apply(catcher.resultPath(), visit.rawInput, errorOutput);
        }
        return exit(visit, output, assignments, catcher.next());
    }

    private Step execute(StateVisit visit) {
        return switch (visit.state) {
            case PassState pass -> pass(visit, pass);
            case TaskState task -> task(visit, task);
            case ChoiceState choice -> choice(visit, choice);
            case WaitState wait -> waitState(visit, wait);
            case SucceedState succeed -> withoutResult(visit, null);
            case FailState fail -> throw fail.failure(visit.scope(visit.rawInput));
            case ParallelState parallel -> parallel(visit, parallel);
            case MapState map -> map(visit, map);
        };
    }

    private Step pass(StateVisit visit, PassState pass) {
        if (visit.state.usesJsonata()) {
            return finishJsonata(visit, null, visit.state.dataFlow().output(), visit.state.dataFlow().assign(),
                    pass.next());
        }
        JsonNode result = pass.result(effectiveInput(visit));
        visit.inspected("result", result);
        return finish(visit, result);
    }

    /** Choice, Wait and Succeed: output is the (processed) input; {@code next} null for Succeed. */
    private Step withoutResult(StateVisit visit, String next) {
        DataFlow flow = visit.state.dataFlow();
        if (visit.state.usesJsonata()) {
            return finishJsonata(visit, null, flow.output(), flow.assign(), next);
        }
        JsonNode input = selectPath(flow.inputPath(), visit.rawInput, visit);
        ObjectNode assignments = flow.assign() == null ? null : flow.assign().evaluate(visit.scope(input));
        return exit(visit, selectPath(flow.outputPath(), input, visit), assignments, next);
    }

    private Step choice(StateVisit visit, ChoiceState choice) {
        DataFlow flow = visit.state.dataFlow();
        JsonNode input = visit.state.usesJsonata() ? visit.rawInput : selectPath(flow.inputPath(), visit.rawInput, visit);
        StateScope scope = visit.scope(input);
        Optional<ChoiceRule> rule = choice.firstMatch(scope);
        String next = rule.map(ChoiceRule::next).orElse(choice.defaultState());
        if (next == null) {
            throw StatesFailure.of(StatesError.NO_CHOICE_MATCHED, "No Matches!");
        }
        Assignment assign = rule.map(ChoiceRule::assign).orElse(null);
        if (assign == null) {
            assign = flow.assign();
        }
        if (visit.state.usesJsonata()) {
            JsonataTemplate output = rule.map(ChoiceRule::output).orElse(null);
            return finishJsonata(visit, null, output != null ? output : flow.output(), assign, next);
        }
        ObjectNode assignments = assign == null ? null : assign.evaluate(scope);
        return exit(visit, selectPath(flow.outputPath(), input, visit), assignments, next);
    }

    private Step waitState(StateVisit visit, WaitState wait) {
        JsonNode input = visit.state.usesJsonata() ? visit.rawInput
                : selectPath(visit.state.dataFlow().inputPath(), visit.rawInput, visit);
        sleepUntil(visit.lane, wait.wakeTime(visit.enteredTime, visit.scope(input)));
        return withoutResult(visit, wait.next());
    }

    private Step task(StateVisit visit, TaskState task) {
        ResourceArn arn = ResourceArn.parse(task.resource()).orElseThrow(
                () -> new IllegalStateException("validated on load: " + task.resource()));
        TaskResource resource = run.resources().resolve(arn);
        TaskTokens.Callback callback = arn.pattern() == ResourceArn.IntegrationPattern.WAIT_FOR_TASK_TOKEN
                ? run.tokens().issue() : null;
        if (callback != null) {
            visit.taskToken(callback.token());
        }
        JsonNode settingsInput = visit.state.usesJsonata() ? visit.rawInput
                : selectPath(visit.state.dataFlow().inputPath(), visit.rawInput, visit);
        JsonNode parameters = effectiveInput(visit);
        StateScope settingsScope = visit.scope(settingsInput);
        Long timeout = task.timeoutSeconds().integer(settingsScope).orElse(null);
        Long heartbeat = task.heartbeatSeconds().integer(settingsScope).orElse(null);
        boolean function = arn.kind() == ResourceArn.Kind.LAMBDA_FUNCTION;
        if (function) {
            visit.lane.record(HistoryEventType.LAMBDA_FUNCTION_SCHEDULED,
                    HistoryEvents.lambdaScheduled(arn, parameters, timeout));
            visit.lane.record(HistoryEventType.LAMBDA_FUNCTION_STARTED, null);
        } else {
            visit.lane.record(HistoryEventType.TASK_SCHEDULED, HistoryEvents.taskScheduled(arn,
                    run.identity().region(), parameters, timeout, heartbeat));
            visit.lane.record(HistoryEventType.TASK_STARTED, HistoryEvents.task(arn));
        }
        Instant deadline = timeout == null ? null : run.time().now().plusSeconds(timeout);
        JsonNode result;
        try {
            result = invoke(visit, resource, new TaskInvocation(arn, parameters,
                    callback == null ? null : callback.token(), deadline, run.time(),
                    run.identity().executionArn(), task.name()), deadline);
            if (callback != null) {
                ObjectNode submitted = HistoryEvents.task(arn);
                submitted.set("output", result);
                submitted.set("outputDetails", notTruncated());
                visit.lane.record(HistoryEventType.TASK_SUBMITTED, submitted);
                result = awaitCallback(visit, callback, deadline, heartbeat);
            }
            checkPayload(task, result);
        } catch (StatesFailure failure) {
            recordTaskFailure(visit, arn, failure);
            throw failure;
        } finally {
            if (callback != null) {
                run.tokens().close(callback);
            }
        }
        if (function) {
            ObjectNode details = Json.object();
            details.set("output", result);
            details.set("outputDetails", notTruncated());
            visit.lane.record(HistoryEventType.LAMBDA_FUNCTION_SUCCEEDED, details);
        } else {
            ObjectNode details = HistoryEvents.task(arn);
            details.set("output", result);
            details.set("outputDetails", notTruncated());
            visit.lane.record(HistoryEventType.TASK_SUCCEEDED, details);
        }
        return finishWithResult(visit, result);
    }

    private void recordTaskFailure(StateVisit visit, ResourceArn arn, StatesFailure failure) {
        boolean timedOut = StatesError.TIMEOUT.errorName().equals(failure.error())
                || StatesError.HEARTBEAT_TIMEOUT.errorName().equals(failure.error());
        ObjectNode details = errorDetails(failure.error(), failure.cause());
        if (arn.kind() == ResourceArn.Kind.LAMBDA_FUNCTION) {
            visit.lane.record(timedOut ? HistoryEventType.LAMBDA_FUNCTION_TIMED_OUT
                    : HistoryEventType.LAMBDA_FUNCTION_FAILED, details);
        } else {
            ObjectNode taskDetails = HistoryEvents.task(arn);
            taskDetails.setAll(details);
            visit.lane.record(timedOut ? HistoryEventType.TASK_TIMED_OUT : HistoryEventType.TASK_FAILED, taskDetails);
        }
    }

    /** Calls the resource on a thread of its own, so that a timeout or a stop can abandon it. */
    private JsonNode invoke(StateVisit visit, TaskResource resource, TaskInvocation invocation, Instant deadline) {
        FutureTask<JsonNode> call = new FutureTask<>(() -> resource.invoke(invocation));
        CompletableFuture<Void> finished = new CompletableFuture<>();
        run.branchThreads().execute(() -> {
            call.run();
            finished.complete(null);
        });
        Instant limit = earliest(deadline, run.deadline());
        boolean completed = await(visit.lane, CompletableFuture.anyOf(finished, visit.lane.abandoned()), limit);
        // On virtual time a call can pass its deadline without blocking (it advanced the clock itself).
        boolean late = limit != null && !run.time().now().isBefore(limit);
        if (!completed || !call.isDone() || late) {
            call.cancel(true);
            if (visit.lane.abandoned().isDone()) {
                throw Interruption.ABANDONED;
            }
            throw timeout(deadline);
        }
        try {
            return call.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StatesFailure failure) {
                throw failure;
            }
            throw StatesFailure.of(StatesError.TASK_FAILED, String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Interruption.ABANDONED;
        }
    }

    private JsonNode awaitCallback(StateVisit visit, TaskTokens.Callback callback, Instant deadline,
                                   Long heartbeatSeconds) {
        while (true) {
            Instant heartbeatDeadline = heartbeatSeconds == null ? null
                    : callback.lastHeartbeat().plusSeconds(heartbeatSeconds);
            await(visit.lane, CompletableFuture.anyOf(callback.outcome(), visit.lane.abandoned()),
                    earliest(earliest(deadline, heartbeatDeadline), run.deadline()));
            if (callback.outcome().isDone()) {
                try {
                    return callback.outcome().join();
                } catch (CompletionException e) {
                    if (e.getCause() instanceof StatesFailure failure) {
                        throw failure;
                    }
                    throw e;
                }
            }
            if (visit.lane.abandoned().isDone()) {
                throw Interruption.ABANDONED;
            }
            Instant now = run.time().now();
            if (deadline != null && !now.isBefore(deadline)
                    || run.deadline() != null && !now.isBefore(run.deadline())) {
                throw timeout(deadline);
            }
            if (heartbeatSeconds != null && !now.isBefore(callback.lastHeartbeat().plusSeconds(heartbeatSeconds))) {
                throw StatesFailure.of(StatesError.HEARTBEAT_TIMEOUT, null);
            }
        }
    }

    /** The task's own timeout, or the execution's when that came first. */
    private RuntimeException timeout(Instant taskDeadline) {
        Instant now = run.time().now();
        if (run.deadline() != null && !now.isBefore(run.deadline())
                && (taskDeadline == null || run.deadline().isBefore(taskDeadline))) {
            return Interruption.TIMED_OUT;
        }
        return StatesFailure.of(StatesError.TIMEOUT, null);
    }

    private Step parallel(StateVisit visit, ParallelState parallel) {
        JsonNode input = effectiveInput(visit);
        visit.lane.record(HistoryEventType.PARALLEL_STATE_STARTED, null);
        List<StateMachine> branches = parallel.branches();
        JsonNode[] outputs = new JsonNode[branches.size()];
        CompletableFuture<Void> siblingsAbandoned = visit.lane.branchesAbandoned();
        try {
            runConcurrently(visit.lane, branches.size(), branches.size(), siblingsAbandoned, index -> {
                Lane branch = visit.lane.child(visit.lane.variables().child(), siblingsAbandoned);
                outputs[index] = runMachine(branches.get(index), input, branch);
            });
        } catch (StatesFailure failure) {
            visit.lane.record(HistoryEventType.PARALLEL_STATE_FAILED, null);
            throw failure;
        }
        visit.lane.record(HistoryEventType.PARALLEL_STATE_SUCCEEDED, null);
        ArrayNode result = Json.array();
        for (JsonNode output : outputs) {
            result.add(output);
        }
        return finishWithResult(visit, result);
    }

    private Step map(StateVisit visit, MapState map) {
        JsonNode input = visit.state.usesJsonata() ? visit.rawInput
                : selectPath(visit.state.dataFlow().inputPath(), visit.rawInput, visit);
        StateScope scope = visit.scope(input);
        ArrayNode items = map.items(scope);
        long maxConcurrency = map.maxConcurrency(scope);
        long toleratedCount = map.toleratedFailureCount(scope);
        BigDecimal toleratedPercentage = map.toleratedFailurePercentage(scope);
        boolean distributed = map.mode() == MapState.ProcessorMode.DISTRIBUTED;
        ObjectNode started = Json.object();
        started.put("length", items.size());
        visit.lane.record(HistoryEventType.MAP_STATE_STARTED, started);
        if (distributed) {
            ObjectNode runStarted = Json.object();
            runStarted.put("mapRunArn", mapRunArn(map));
            visit.lane.record(HistoryEventType.MAP_RUN_STARTED, runStarted);
        }
        List<JsonNode> selected = itemInputs(visit, map, items, input);
        List<JsonNode> inputs = distributed && map.itemBatcher() != null ? batches(map, selected, scope) : selected;
        JsonNode[] outputs = new JsonNode[inputs.size()];
        CompletableFuture<Void> siblingsAbandoned = visit.lane.branchesAbandoned();
        int limit = distributed ? DISTRIBUTED_MAP_CONCURRENCY : INLINE_MAP_CONCURRENCY;
        int workers = (int) Math.min(inputs.size(), maxConcurrency == 0 ? limit : Math.min(maxConcurrency, limit));
        try {
            if (distributed) {
                runChildExecutions(visit, map, inputs, outputs, workers, siblingsAbandoned, toleratedCount,
                        toleratedPercentage);
            } else {
                runConcurrently(visit.lane, inputs.size(), workers, siblingsAbandoned, index -> outputs[index] =
                        runIteration(visit, map, index, inputs.get(index), siblingsAbandoned));
            }
        } catch (StatesFailure failure) {
            visit.lane.record(HistoryEventType.MAP_STATE_FAILED, null);
            throw failure;
        }
        visit.lane.record(HistoryEventType.MAP_STATE_SUCCEEDED, null);
        ArrayNode result = Json.array();
        for (JsonNode output : outputs) {
            result.add(output);
        }
        return finishWithResult(visit, result);
    }

    /** Each item's input: the item, or ItemSelector evaluated with {@code $$.Map.Item}. */
    private List<JsonNode> itemInputs(StateVisit visit, MapState map, ArrayNode items, JsonNode input) {
        if (map.itemSelector() == null && map.itemSelectorExpressions() == null) {
            JsonNode[] all = new JsonNode[items.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = items.get(i);
            }
            return List.of(all);
        }
        JsonNode[] selected = new JsonNode[items.size()];
        for (int i = 0; i < items.size(); i++) {
            ObjectNode item = Json.object();
            item.put("Index", i);
            item.set("Value", items.get(i));
            StateScope scope = new StateScope(visit, input, null, null, item);
            selected[i] = map.itemSelector() != null ? map.itemSelector().evaluate(scope, input)
                    : map.itemSelectorExpressions().evaluate(scope);
        }
        return List.of(selected);
    }

    /**
     * ItemBatcher: consecutive items grouped as {@code {"Items": [...], "BatchInput": ...}}, each batch holding at
     * most MaxItemsPerBatch items and MaxInputBytesPerBatch bytes.
     */
    private List<JsonNode> batches(MapState map, List<JsonNode> inputs, StateScope scope) {
        long maxItems = map.maxItemsPerBatch(scope).orElse(Long.MAX_VALUE);
        long maxBytes = map.maxInputBytesPerBatch(scope).orElse(Long.MAX_VALUE);
        MapState.ItemBatcher batcher = map.itemBatcher();
        JsonNode batchInput = batcher.batchInput() != null ? batcher.batchInput().evaluate(scope, scope.input())
                : batcher.batchInputExpressions() != null ? batcher.batchInputExpressions().evaluate(scope) : null;
        List<JsonNode> batches = new ArrayList<>();
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

    private JsonNode runIteration(StateVisit visit, MapState map, int index, JsonNode input,
                                  CompletableFuture<Void> siblingsAbandoned) {
        Lane iteration = visit.lane.child(visit.lane.variables().child(), siblingsAbandoned);
        ObjectNode details = Json.object();
        details.put("name", map.name());
        details.put("index", index);
        iteration.record(HistoryEventType.MAP_ITERATION_STARTED, details);
        try {
            JsonNode output = runMachine(map.processor(), input, iteration);
            iteration.record(HistoryEventType.MAP_ITERATION_SUCCEEDED, details);
            return output;
        } catch (StatesFailure failure) {
            iteration.record(HistoryEventType.MAP_ITERATION_FAILED, details);
            throw failure;
        }
    }

    /**
     * A distributed Map's items as child executions with histories of their own. Failed items count against
     * ToleratedFailureCount/Percentage; their output is their error output.
     */
    private void runChildExecutions(StateVisit visit, MapState map, List<JsonNode> inputs, JsonNode[] outputs,
                                    int workers, CompletableFuture<Void> siblingsAbandoned, long toleratedCount,
                                    BigDecimal toleratedPercentage) {
        AtomicInteger failed = new AtomicInteger();
        boolean countGiven = map.hasToleratedFailureCount();
        boolean percentageGiven = map.hasToleratedFailurePercentage();
        try {
            runConcurrently(visit.lane, inputs.size(), workers, siblingsAbandoned, index -> {
                ExecutionHistory childHistory = new ExecutionHistory(run.limits().historyEvents());
                ObjectNode started = Json.object();
                started.set("input", inputs.get(index));
                started.set("inputDetails", notTruncated());
                childHistory.append(HistoryEventType.EXECUTION_STARTED, 0, run.time().now(), started);
                Lane child = visit.lane.childExecution(childHistory, 1, siblingsAbandoned);
                try {
                    outputs[index] = runMachine(map.processor(), inputs.get(index), child);
                } catch (StatesFailure failure) {
                    outputs[index] = errorOutput(failure);
                    int failures = failed.incrementAndGet();
                    boolean overCount = failures > toleratedCount && (countGiven || !percentageGiven);
                    boolean overPercentage = percentageGiven && BigDecimal.valueOf(failures * 100L)
                            .divide(BigDecimal.valueOf(inputs.size()), 6, RoundingMode.HALF_UP)
                            .compareTo(toleratedPercentage) > 0;
                    if (overCount || overPercentage) {
                        throw StatesFailure.of(StatesError.EXCEED_TOLERATED_FAILURE_THRESHOLD, TOLERANCE_EXCEEDED);
                    }
                }
            });
        } catch (StatesFailure failure) {
            visit.lane.record(HistoryEventType.MAP_RUN_FAILED, errorDetails(failure.error(), failure.cause()));
            throw failure;
        }
        visit.lane.record(HistoryEventType.MAP_RUN_SUCCEEDED, null);
    }

    private String mapRunArn(MapState map) {
        ExecutionIdentity identity = run.identity();
        String prefix = identity.stateMachineArn().replace(":stateMachine:", ":mapRun:");
        return prefix + "/" + (map.label() != null ? map.label() : map.name()) + ":"
                + UUID.randomUUID();
    }

    /**
     * Runs {@code body} for indexes 0..count-1 on up to {@code workers} threads. The first failure abandons
     * the indexes not started yet and the running ones, then is rethrown; when {@code lane} itself is abandoned,
     * so is the whole run.
     */
    private void runConcurrently(Lane lane, int count, int workers, CompletableFuture<Void> siblingsAbandoned,
                                 IntConsumer body) {
        if (workers <= 1) {
            for (int index = 0; index < count; index++) {
                body.accept(index);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<RuntimeException> firstFailure = new AtomicReference<>();
        CompletableFuture<?>[] running = new CompletableFuture<?>[workers];
        for (int worker = 0; worker < workers; worker++) {
            running[worker] = CompletableFuture.runAsync(() -> {
                int index;
                while (!siblingsAbandoned.isDone() && (index = next.getAndIncrement()) < count) {
                    try {
                        body.accept(index);
                    } catch (RuntimeException failure) {
                        if (failure != Interruption.ABANDONED || !siblingsAbandoned.isDone()) {
                            firstFailure.compareAndSet(null, failure);
                        }
                        siblingsAbandoned.complete(null);
                    }
                }
            }, run.branchThreads());
        }
        CompletableFuture.allOf(running).join();
        if (lane.abandoned().isDone()) {
            throw Interruption.ABANDONED;
        }
        if (firstFailure.get() != null) {
            throw firstFailure.get();
        }
    }

    private Step finishWithResult(StateVisit visit, JsonNode result) {
        DataFlow flow = visit.state.dataFlow();
        visit.inspected("result", result);
        if (visit.state.usesJsonata()) {
            return finishJsonata(visit, result, flow.output(), flow.assign(), visit.state.next());
        }
        JsonNode selected = flow.resultSelector() == null ? result
                : flow.resultSelector().evaluate(visit.scope(result), result);
        visit.inspected("afterResultSelector", selected);
        return finish(visit, selected);
    }

    /** JSONPath output processing: Assign, ResultPath, OutputPath. */
    private Step finish(StateVisit visit, JsonNode result) {
        DataFlow flow = visit.state.dataFlow();
        ObjectNode assignments = flow.assign() == null ? null : flow.assign().evaluate(visit.scope(result));
        JsonNode output = ResultPath.apply(flow.resultPath(), visit.rawInput, result);
        visit.inspected("afterResultPath", output);
        return exit(visit, selectPath(flow.outputPath(), output, visit), assignments, visit.state.next());
    }

    /** JSONata output processing: Output (default: the result, else the input) and Assign. */
    private Step finishJsonata(StateVisit visit, JsonNode result, JsonataTemplate output, Assignment assign,
                               String next) {
        StateScope scope = new StateScope(visit, visit.rawInput, result, null, null);
        ObjectNode assignments = assign == null ? null : assign.evaluate(scope);
        JsonNode value = output != null ? output.evaluate(scope) : result != null ? result : visit.rawInput;
        return exit(visit, value, assignments, next);
    }

    private Step exit(StateVisit visit, JsonNode output, ObjectNode assignments, String next) {
        checkPayload(visit.state, output);
        ObjectNode details = Json.object();
        details.put("name", visit.state.name());
        details.set("output", output);
        details.set("outputDetails", notTruncated());
        if (assignments != null) {
            ObjectNode assigned = details.putObject("assignedVariables");
            assignments.fields().forEachRemaining(entry -> assigned.put(entry.getKey(), Json.write(entry.getValue())));
            details.set("assignedVariablesDetails", notTruncated());
        }
        visit.lane.record(HistoryEvents.exited(visit.state.type()), details);
        if (assignments != null) {
            visit.lane.variables().assign(assignments);
        }
        return new Step(next, output);
    }

    /** JSONPath: InputPath then Parameters. JSONata: Arguments. */
    private JsonNode effectiveInput(StateVisit visit) {
        DataFlow flow = visit.state.dataFlow();
        if (visit.state.usesJsonata()) {
            JsonNode arguments = flow.arguments() == null ? visit.rawInput
                    : flow.arguments().evaluate(visit.scope(visit.rawInput));
            visit.inspected("afterArguments", arguments);
            return arguments;
        }
        JsonNode input = selectPath(flow.inputPath(), visit.rawInput, visit);
        visit.inspected("afterInputPath", input);
        JsonNode parameters = flow.parameters() == null ? input : flow.parameters().evaluate(visit.scope(input), input);
        visit.inspected("afterParameters", parameters);
        return parameters;
    }

    /** InputPath / OutputPath: null gives {@code {}}, {@code $} the value itself. */
    private static JsonNode selectPath(JsonPath path, JsonNode value, StateVisit visit) {
        if (path == null) {
            return Json.object();
        }
        if (path.isRoot() && path.root() == JsonPath.Root.INPUT) {
            return value;
        }
        try {
            return visit.scope(value).read(path);
        } catch (PathNotFoundException e) {
            throw StatesFailure.inState(StatesError.RUNTIME, "Invalid path '" + path.text() + "' : " + e.getMessage());
        }
    }

    private void checkPayload(State state, JsonNode value) {
        if (Json.sizeInBytes(value) > run.limits().payloadBytes()) {
            throw StatesFailure.of(StatesError.DATA_LIMIT_EXCEEDED, "The state/task '" + state.name()
                    + "' returned a result with a size exceeding the maximum number of bytes service limit.");
        }
    }

    /** Sleeps until {@code wake}, ending early when the execution times out or the lane is abandoned. */
    private void sleepUntil(Lane lane, Instant wake) {
        Instant target = earliest(wake, run.deadline());
        try {
            if (!run.time().sleepUntil(target, lane.abandoned())) {
                throw Interruption.ABANDONED;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Interruption.ABANDONED;
        }
        checkContinuing(lane);
    }

    private boolean await(Lane lane, CompletableFuture<?> signal, Instant deadline) {
        try {
            return run.time().await(signal, deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Interruption.ABANDONED;
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    private static ObjectNode errorDetails(String error, String cause) {
        ObjectNode details = Json.object();
        if (error != null) {
            details.put("error", error);
        }
        if (cause != null) {
            details.put("cause", cause);
        }
        return details;
    }

    private static ObjectNode notTruncated() {
        return HistoryEvents.notTruncated();
    }

    /** Why a lane stops without a States error: it was abandoned (stop, failed sibling) or the execution timed out. */
    private static final class Interruption extends RuntimeException {
        static final Interruption ABANDONED = new Interruption("abandoned");
        static final Interruption TIMED_OUT = new Interruption("timed out");

        private Interruption(String reason) {
            super(reason, null, false, false);
        }
    }
}

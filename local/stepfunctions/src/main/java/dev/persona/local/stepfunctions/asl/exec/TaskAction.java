package dev.persona.local.stepfunctions.asl.exec;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.StatesError;
import dev.persona.local.stepfunctions.asl.StatesFailure;
import dev.persona.local.stepfunctions.asl.states.TaskState;
import dev.persona.local.stepfunctions.tasks.ResourceArn;
import dev.persona.local.stepfunctions.tasks.TaskInvocation;
import dev.persona.local.stepfunctions.tasks.TaskResource;
import dev.persona.local.stepfunctions.tasks.TaskTokens;
import dev.persona.local.stepfunctions.tasks.UnsupportedResourceException;

/**
 * Task: calls its resource on a thread of its own (so a timeout or a stop can abandon it), waits for the task
 * token of a {@code .waitForTaskToken} resource, records the task's events as AWS does, and hands the result to
 * output processing. Continued after a restart, it reuses a recorded result, waits again for a recorded token, and
 * otherwise calls the resource again: tasks run at least once, as on AWS.
 */
final class TaskAction implements StateAction {

    static final TaskAction INSTANCE = new TaskAction();

    private TaskAction() {
    }

    /** What the visit's recorded events already say about the task: its result, or the token it waits for. */
    private record Recorded(JsonNode result, String waitingToken, Instant scheduledAt) {

        static Recorded of(List<HistoryEvent> events) {
            JsonNode result = null;
            String token = null;
            Instant scheduledAt = null;
            boolean submitted = false;
            for (HistoryEvent event : events) {
                switch (event.type()) {
                    case TASK_SCHEDULED, LAMBDA_FUNCTION_SCHEDULED -> {
                        JsonNode recordedToken = event.internal() == null ? null
                                : event.internal().get(HistoryEvents.TOKEN);
                        token = recordedToken == null ? null : recordedToken.textValue();
                        scheduledAt = event.timestamp();
                        submitted = false;
                        result = null;
                    }
                    case TASK_SUBMITTED -> submitted = true;
                    case TASK_SUCCEEDED, LAMBDA_FUNCTION_SUCCEEDED -> result = event.details().get("output");
                    default -> {
                    }
                }
            }
            return new Recorded(result, submitted ? token : null, scheduledAt);
        }
    }

    @Override
    public Step execute(StateVisit visit, Executor executor) {
        TaskState task = (TaskState) visit.state;
        ExecutionRun run = visit.run();
        ResourceArn arn = ResourceArn.parse(task.resource()).orElseThrow(
                () -> new IllegalStateException("validated on load: " + task.resource()));
        TaskResource resource;
        try {
            resource = run.resources().resolve(arn);
        } catch (UnsupportedResourceException e) {
            // A definition read back from a data directory may name a resource this service was not given.
            throw StatesFailure.inState(StatesError.RUNTIME, e.getMessage());
        }
        Recorded recorded = Recorded.of(visit.recorded());
        if (recorded.result() != null) {
            return visit.flow.finishWithResult(visit, recorded.result());
        }
        TaskTokens.Callback callback = recorded.waitingToken() != null ? run.tokens().resume(recorded.waitingToken())
                : arn.pattern() == ResourceArn.IntegrationPattern.WAIT_FOR_TASK_TOKEN ? run.tokens().issue() : null;
        if (callback != null) {
            visit.taskToken(callback.token());
        }
        StateScope settings = visit.scope(visit.flow.selectedInput(visit));
        JsonNode parameters = visit.flow.effectiveInput(visit);
        Long timeout = task.timeoutSeconds().integer(settings).orElse(null);
        Long heartbeat = task.heartbeatSeconds().integer(settings).orElse(null);
        boolean function = arn.kind() == ResourceArn.Kind.LAMBDA_FUNCTION;
        JsonNode result;
        try {
            if (recorded.waitingToken() != null) {
                Instant deadline = timeout == null ? null : recorded.scheduledAt().plusSeconds(timeout);
                result = awaitCallback(visit, executor, callback, deadline, heartbeat);
            } else {
                result = call(visit, executor, resource, arn, callback, parameters, timeout, heartbeat, function);
            }
            Payloads.check(run, task, result);
        } catch (StatesFailure failure) {
            recordFailure(visit, arn, failure);
            throw failure;
        } finally {
            if (callback != null) {
                run.tokens().close(callback);
            }
        }
        ObjectNode details = function ? Json.object() : HistoryEvents.task(arn);
        details.set("output", result);
        details.set("outputDetails", HistoryEvents.notTruncated());
        visit.lane.record(function ? HistoryEventType.LAMBDA_FUNCTION_SUCCEEDED : HistoryEventType.TASK_SUCCEEDED,
                details);
        return visit.flow.finishWithResult(visit, result);
    }

    private static JsonNode call(StateVisit visit, Executor executor, TaskResource resource, ResourceArn arn,
                                 TaskTokens.Callback callback, JsonNode parameters, Long timeout, Long heartbeat,
                                 boolean function) {
        ExecutionRun run = visit.run();
        ObjectNode internal = null;
        if (callback != null) {
            internal = Json.object();
            internal.put(HistoryEvents.TOKEN, callback.token());
        }
        if (function) {
            visit.lane.record(HistoryEventType.LAMBDA_FUNCTION_SCHEDULED,
                    HistoryEvents.lambdaScheduled(arn, parameters, timeout), internal);
            visit.lane.record(HistoryEventType.LAMBDA_FUNCTION_STARTED, null);
        } else {
            visit.lane.record(HistoryEventType.TASK_SCHEDULED, HistoryEvents.taskScheduled(arn,
                    run.identity().region(), parameters, timeout, heartbeat), internal);
            visit.lane.record(HistoryEventType.TASK_STARTED, HistoryEvents.task(arn));
        }
        Instant deadline = timeout == null ? null : run.time().now().plusSeconds(timeout);
        JsonNode result = invoke(visit, executor, resource, new TaskInvocation(arn, parameters,
                callback == null ? null : callback.token(), deadline, run.time(), run.identity().executionArn(),
                visit.state.name(), run.identity().roleArn()), deadline);
        if (callback == null) {
            return result;
        }
        ObjectNode submitted = HistoryEvents.task(arn);
        submitted.set("output", result);
        submitted.set("outputDetails", HistoryEvents.notTruncated());
        visit.lane.record(HistoryEventType.TASK_SUBMITTED, submitted);
        return awaitCallback(visit, executor, callback, deadline, heartbeat);
    }

    private static void recordFailure(StateVisit visit, ResourceArn arn, StatesFailure failure) {
        boolean timedOut = StatesError.TIMEOUT.errorName().equals(failure.error())
                || StatesError.HEARTBEAT_TIMEOUT.errorName().equals(failure.error());
        ObjectNode details = HistoryEvents.errorDetails(failure.error(), failure.cause());
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
    private static JsonNode invoke(StateVisit visit, Executor executor, TaskResource resource,
                                   TaskInvocation invocation, Instant deadline) {
        ExecutionRun run = visit.run();
        FutureTask<JsonNode> call = new FutureTask<>(() -> resource.invoke(invocation));
        CompletableFuture<Void> finished = new CompletableFuture<>();
        run.branchThreads().execute(() -> {
            call.run();
            finished.complete(null);
        });
        Instant limit = Executor.earliest(deadline, run.deadline());
        boolean completed = executor.await(CompletableFuture.anyOf(finished, visit.lane.abandoned()), limit);
        // On virtual time a call can pass its deadline without blocking (it advanced the clock itself).
        boolean late = limit != null && !run.time().now().isBefore(limit);
        if (!completed || !call.isDone() || late) {
            call.cancel(true);
            if (visit.lane.abandoned().isDone()) {
                throw Interruption.ABANDONED;
            }
            throw executor.timeout(deadline);
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

    private static JsonNode awaitCallback(StateVisit visit, Executor executor, TaskTokens.Callback callback,
                                          Instant deadline, Long heartbeatSeconds) {
        ExecutionRun run = visit.run();
        while (true) {
            Instant heartbeatDeadline = heartbeatSeconds == null ? null
                    : callback.lastHeartbeat().plusSeconds(heartbeatSeconds);
            executor.await(CompletableFuture.anyOf(callback.outcome(), visit.lane.abandoned()),
                    Executor.earliest(Executor.earliest(deadline, heartbeatDeadline), run.deadline()));
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
                throw executor.timeout(deadline);
            }
            if (heartbeatSeconds != null && !now.isBefore(callback.lastHeartbeat().plusSeconds(heartbeatSeconds))) {
                throw StatesFailure.of(StatesError.HEARTBEAT_TIMEOUT, null);
            }
        }
    }
}

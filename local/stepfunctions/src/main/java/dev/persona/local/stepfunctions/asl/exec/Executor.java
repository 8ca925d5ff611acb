package dev.persona.local.stepfunctions.asl.exec;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.StatesFailure;
import dev.persona.local.stepfunctions.asl.states.Catcher;
import dev.persona.local.stepfunctions.asl.states.Retrier;
import dev.persona.local.stepfunctions.asl.states.State;
import dev.persona.local.stepfunctions.asl.states.StateMachine;
import dev.persona.local.stepfunctions.asl.states.StateType;

/**
 * Runs states: the one place that enters a state, runs its {@link StateAction} (which takes the input through the
 * state's data flow and leaves the state), applies Retry and Catch to its failures, and moves to the next state.
 * It also continues lanes from their recorded events after a restart or for a redrive, and provides waiting and
 * concurrency to the actions.
 */
final class Executor {

    private final ExecutionRun run;

    Executor(ExecutionRun run) {
        this.run = run;
    }

    ExecutionRun run() {
        return run;
    }

    /**
     * Runs {@code machine} in {@code lane} from its StartAt with {@code input}, or, with a {@code replay}, from
     * where the lane's recorded events say it stopped. Returns the machine's output.
     */
    JsonNode runMachine(StateMachine machine, JsonNode input, Lane lane, Replay replay) {
        Step step;
        if (replay == null) {
            checkContinuing(lane);
            step = enter(machine.state(machine.startAt()), input, lane, null);
        } else {
            LaneProgress progress = LaneProgress.of(replay.lane(lane.id()));
            progress.restoreVariables(lane.variables());
            checkContinuing(lane);
            step = switch (progress.kind()) {
                case ENDED -> new Step(null, progress.output());
                case NOT_STARTED -> enter(machine.state(machine.startAt()), input, lane, null);
                case AT_STATE -> enter(machine.state(progress.state()), progress.input(), lane, null);
                case IN_STATE -> continueVisit(machine.state(progress.state()), progress, lane, replay);
            };
        }
        while (step.next() != null) {
            checkContinuing(lane);
            step = enter(machine.state(step.next()), step.output(), lane, step.caughtAssignments());
        }
        return step.output();
    }

    /** Enters a state (recording the Catch's assignments that led here, if any) and runs it. */
    private Step enter(State state, JsonNode input, Lane lane, ObjectNode caughtAssignments) {
        Instant entered = run.time().now();
        ObjectNode internal = null;
        if (caughtAssignments != null) {
            internal = Json.object();
            internal.set(HistoryEvents.ASSIGNED, caughtAssignments);
        }
        long enteredId = lane.record(HistoryEvents.entered(state.type()), HistoryEvents.stateEntered(state.name(),
                input), internal);
        return attempt(new StateVisit(lane, state, enteredId, entered, input), null);
    }

    /**
     * Goes on with the state a lane was in. For a redrive a state that does its work in one piece runs again as a
     * new visit; a Parallel or Map state continues its visit, rerunning only its unsuccessful branches or
     * iterations. After a restart the visit continues: a recorded failure is decided again (retry or catch),
     * else the state's action picks up its recorded events (a task's result, a callback's token).
     */
    private Step continueVisit(State state, LaneProgress progress, Lane lane, Replay replay) {
        boolean composite = state.type() == StateType.PARALLEL || state.type() == StateType.MAP;
        if (replay.redrive() && !composite) {
            return enter(state, progress.input(), lane, null);
        }
        HistoryEvent entered = progress.entered();
        StateVisit visit = new StateVisit(lane, state, entered.id(), entered.timestamp(), progress.input(),
                progress.visitEvents(), replay.redrive(), replay);
        return attempt(visit, replay.redrive() ? null : progress.visitEvents());
    }

    /**
     * Runs the state's action until it succeeds, a Catch takes its failure, or no retry is left. {@code recorded}
     * are the visit's events from before a restart: their failures count against the retriers, and a failure
     * that ended them is decided on before anything runs again.
     */
    private Step attempt(StateVisit visit, List<HistoryEvent> recorded) {
        State state = visit.state;
        int[] attempts = new int[state.retriers().size()];
        StatesFailure failure = null;
        Instant failedAt = null;
        if (recorded != null && !recorded.isEmpty()) {
            List<HistoryEvent> failures = recorded.stream().filter(event -> event.type().failsAttempt()).toList();
            boolean endedByFailure = recorded.getLast().type().failsAttempt();
            for (int i = 0; i < failures.size() - (endedByFailure ? 1 : 0); i++) {
                retryDelay(state.retriers(), attempts, failureOf(failures.get(i)));
                visit.retried();
            }
            if (endedByFailure) {
                failure = failureOf(recorded.getLast());
                failedAt = recorded.getLast().timestamp();
            }
        }
        StateAction action = StateAction.of(state);
        try {
            while (true) {
                if (failure == null) {
                    try {
                        return action.execute(visit, this);
                    } catch (StatesFailure thrown) {
                        failure = thrown.describedFor(state.name(), visit.enteredEventId);
                        failedAt = run.time().now();
                    }
                }
                Optional<Duration> delay = retryDelay(state.retriers(), attempts, failure);
                if (delay.isPresent()) {
                    sleepUntil(visit.lane, failedAt.plus(delay.get()));
                    visit.retried();
                    visit.startAttempt();
                    failure = null;
                    continue;
                }
                for (Catcher catcher : state.catchers()) {
                    if (catcher.matches(failure.error())) {
                        return caught(visit, catcher, failure);
                    }
                }
                throw failure;
            }
        } catch (Interruption interruption) {
            recordAborted(visit, interruption);
            throw interruption;
        }
    }

    /**
     * A state still running when its branch or iteration is abandoned (a sibling failed, the execution stopped)
     * records its Aborted event, as AWS does; the top level records only the execution's end.
     */
    private void recordAborted(StateVisit visit, Interruption interruption) {
        HistoryEventType aborted = HistoryEvents.aborted(visit.state.type());
        if (interruption == Interruption.ABANDONED && aborted != null && !visit.lane.isTop()
                && !run.abandoned()) {
            try {
                visit.lane.record(aborted, null);
            } catch (StatesFailure historyFull) {
                // The lane is abandoned anyway; its last events are what the history could hold.
            }
        }
    }

    private static StatesFailure failureOf(HistoryEvent event) {
        ObjectNode source = event.details() != null && event.details().has(HistoryEvents.ERROR)
                ? event.details() : event.internal();
        if (source == null) {
            return new StatesFailure(null, null);
        }
        return new StatesFailure(source.path(HistoryEvents.ERROR).textValue(),
                source.path(HistoryEvents.CAUSE).textValue());
    }

    /** The delay before the next attempt, when the first retrier matching the error has attempts left. */
    Optional<Duration> retryDelay(List<Retrier> retriers, int[] attempts, StatesFailure failure) {
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

    /** The state's output and the catcher's assignments after a Catch took {@code failure}. */
    Step caught(StateVisit visit, Catcher catcher, StatesFailure failure) {
        Step step = visit.flow.caught(visit, catcher, errorOutput(failure));
        Payloads.check(run, visit.state, step.output());
        if (step.caughtAssignments() != null) {
            visit.lane.variables().assign(step.caughtAssignments());
        }
        return step;
    }

    /** {@code {"Error": ..., "Cause": ...}}, without the members that are null. */
    static ObjectNode errorOutput(StatesFailure failure) {
        ObjectNode errorOutput = Json.object();
        if (failure.error() != null) {
            errorOutput.put("Error", failure.error());
        }
        if (failure.cause() != null) {
            errorOutput.put("Cause", failure.cause());
        }
        return errorOutput;
    }

    void checkContinuing(Lane lane) {
        if (lane.abandoned().isDone()) {
            throw Interruption.ABANDONED;
        }
        if (run.deadline() != null && !run.time().now().isBefore(run.deadline())) {
            throw Interruption.TIMED_OUT;
        }
    }

    /** Sleeps until {@code wake}, ending early when the execution times out or the lane is abandoned. */
    void sleepUntil(Lane lane, Instant wake) {
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

    /** Waits for {@code signal} until {@code deadline}; true when it completed. */
    boolean await(CompletableFuture<?> signal, Instant deadline) {
        try {
            return run.time().await(signal, deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Interruption.ABANDONED;
        }
    }

    /** The task's own timeout, or the execution's when that came first. */
    RuntimeException timeout(Instant taskDeadline) {
        Instant now = run.time().now();
        if (run.deadline() != null && !now.isBefore(run.deadline())
                && (taskDeadline == null || run.deadline().isBefore(taskDeadline))) {
            return Interruption.TIMED_OUT;
        }
        return StatesFailure.of(dev.persona.local.stepfunctions.asl.StatesError.TIMEOUT, null);
    }

    static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    /**
     * Runs {@code body} for indexes 0..count-1 on up to {@code workers} threads. The first failure abandons the
     * indexes not started yet and the running ones, then is rethrown; when {@code lane} itself is abandoned, so is
     * the whole run.
     */
    void runConcurrently(Lane lane, int count, int workers, CompletableFuture<Void> siblingsAbandoned,
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
}

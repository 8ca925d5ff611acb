package dev.persona.local.stepfunctions.asl.exec;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.StatesError;
import dev.persona.local.stepfunctions.asl.StatesFailure;
import dev.persona.local.stepfunctions.asl.definition.StateMachineDefinition;
import dev.persona.local.stepfunctions.asl.states.Catcher;
import dev.persona.local.stepfunctions.asl.states.State;
import dev.persona.local.stepfunctions.asl.states.StateMachine;

/**
 * Runs one attempt of an execution to its end: from the start, after a restart (each lane continues from its
 * recorded events), or for a redrive; records the execution's first and last events. TestState runs a single
 * state through here too.
 */
public final class Interpreter {

    private final ExecutionRun run;
    private final Executor executor;

    public Interpreter(ExecutionRun run) {
        this.run = run;
        this.executor = new Executor(run);
    }

    /** Records ExecutionStarted; call once, when the execution is accepted. */
    public void recordStart() {
        ObjectNode details = Json.object();
        details.set("input", run.identity().input());
        details.set("inputDetails", HistoryEvents.notTruncated());
        details.put("roleArn", run.identity().roleArn());
        run.history().append(HistoryEventType.EXECUTION_STARTED, 0, run.identity().startTime(), details, Lane.TOP,
                null);
    }

    /**
     * Runs the state machine from its start to its end and records the final event. Like the other runs, returns
     * null when the attempt was {@link ExecutionRun#abandon() abandoned}, with nothing recorded.
     */
    public ExecutionOutcome run(StateMachineDefinition definition) {
        return runLane(definition.machine(), Lane.top(run, VariableScope.root(), run.history().lastEventId()), null);
    }

    /** Continues an execution that was running when the process stopped, from its recorded events. */
    public ExecutionOutcome resume(StateMachineDefinition definition) {
        Replay replay = Replay.of(run.history().events(), false);
        return runLane(definition.machine(), Lane.top(run, VariableScope.root(), run.history().lastEventId()), replay);
    }

    /**
     * Before {@link #resume}: makes the task tokens the execution was waiting for when the process stopped valid at
     * once, so that a SendTaskSuccess, SendTaskFailure or SendTaskHeartbeat arriving before the resumed execution
     * is back at its task is kept for it. A token waits when the last event of its lane is the TaskSubmitted of
     * the task that was given it.
     */
    public void reclaimTaskTokens() {
        Map<String, String> scheduled = new HashMap<>();
        Map<String, String> waiting = new HashMap<>();
        for (HistoryEvent event : run.history().events()) {
            String lane = event.lane();
            switch (event.type()) {
                case TASK_SCHEDULED, LAMBDA_FUNCTION_SCHEDULED -> {
                    JsonNode token = event.internal() == null ? null : event.internal().get(HistoryEvents.TOKEN);
                    scheduled.put(lane, token == null ? null : token.textValue());
                    waiting.remove(lane);
                }
                case TASK_STARTED, LAMBDA_FUNCTION_STARTED -> {
                }
                case TASK_SUBMITTED -> {
                    if (scheduled.get(lane) != null) {
                        waiting.put(lane, scheduled.get(lane));
                    }
                }
                default -> waiting.remove(lane);
            }
        }
        waiting.values().forEach(run.tokens()::resume);
    }

    /**
     * Records ExecutionRedriven for a redrive of an execution that ended unsuccessfully; returns the events
     * recorded before it, which {@link #redrive} continues from.
     */
    public List<HistoryEvent> recordRedrive() {
        List<HistoryEvent> recorded = run.history().events();
        ObjectNode details = Json.object();
        details.put("redriveCount", run.identity().redriveCount());
        run.history().appendFinal(HistoryEventType.EXECUTION_REDRIVEN, run.history().lastEventId(),
                run.identity().redriveTime(), details);
        return recorded;
    }

    /**
     * Redrives: reruns every lane's unsuccessful state (Parallel and Map states only their unsuccessful branches
     * and iterations), from the events {@code recorded} before the redrive.
     */
    public ExecutionOutcome redrive(StateMachineDefinition definition, List<HistoryEvent> recorded) {
        return runLane(definition.machine(), Lane.top(run, VariableScope.root(), run.history().lastEventId()),
                Replay.of(recorded, true));
    }

    /**
     * Ends the attempt as FAILED with States.Runtime after a defect of the local service, so that no execution stays
     * RUNNING because of it.
     */
    public ExecutionOutcome failUnexpectedly(RuntimeException defect) {
        String error = StatesError.RUNTIME.errorName();
        String cause = "The local Step Functions failed: " + defect;
        return end(HistoryEventType.EXECUTION_FAILED, HistoryEvents.errorDetails(error, cause),
                new ExecutionOutcome(ExecutionStatus.FAILED, null, error, cause, run.time().now()));
    }

    /** Runs {@code machine} in {@code lane} (a distributed Map's child execution) to its end. */
    ExecutionOutcome runLane(StateMachine machine, Lane lane) {
        return runLane(machine, lane, null);
    }

    private ExecutionOutcome runLane(StateMachine machine, Lane lane, Replay replay) {
        try {
            JsonNode output = executor.runMachine(machine, run.identity().input(), lane, replay);
            ObjectNode details = Json.object();
            details.set("output", output);
            details.set("outputDetails", HistoryEvents.notTruncated());
            return end(HistoryEventType.EXECUTION_SUCCEEDED, details,
                    new ExecutionOutcome(ExecutionStatus.SUCCEEDED, output, null, null, run.time().now()));
        } catch (StatesFailure failure) {
            return end(HistoryEventType.EXECUTION_FAILED, HistoryEvents.errorDetails(failure.error(), failure.cause()),
                    new ExecutionOutcome(ExecutionStatus.FAILED, null, failure.error(), failure.cause(),
                            run.time().now()));
        } catch (Interruption interruption) {
            if (run.abandoned()) {
                return null;
            }
            if (interruption == Interruption.TIMED_OUT) {
                String error = StatesError.TIMEOUT.errorName();
                return end(HistoryEventType.EXECUTION_TIMED_OUT, HistoryEvents.errorDetails(error, null),
                        new ExecutionOutcome(ExecutionStatus.TIMED_OUT, null, error, null, run.time().now()));
            }
            ExecutionRun.StopRequest stop = run.stopRequest();
            String error = stop == null ? null : stop.error();
            String cause = stop == null ? null : stop.cause();
            return end(HistoryEventType.EXECUTION_ABORTED, HistoryEvents.errorDetails(error, cause),
                    new ExecutionOutcome(ExecutionStatus.ABORTED, null, error, cause, run.time().now()));
        }
    }

    private ExecutionOutcome end(HistoryEventType type, ObjectNode details, ExecutionOutcome outcome) {
        run.history().appendFinal(type, run.history().lastEventId(), outcome.stopDate(), details);
        return outcome;
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
            Step step = StateAction.of(state).execute(visit, executor);
            visit.inspection().set("variables", scope.own());
            return new StateTestOutcome("SUCCEEDED", step.output(), null, null, step.next(), visit.inspection());
        } catch (StatesFailure thrown) {
            StatesFailure failure = thrown.describedFor(state.name(), enteredId);
            if (executor.retryDelay(state.retriers(), new int[state.retriers().size()], failure).isPresent()) {
                return new StateTestOutcome("RETRIABLE", null, failure.error(), failure.cause(), null,
                        visit.inspection());
            }
            for (Catcher catcher : state.catchers()) {
                if (catcher.matches(failure.error())) {
                    Step step = executor.caught(visit, catcher, failure);
                    return new StateTestOutcome("CAUGHT_ERROR", step.output(), failure.error(), failure.cause(),
                            step.next(), visit.inspection());
                }
            }
            return new StateTestOutcome("FAILED", null, failure.error(), failure.cause(), null, visit.inspection());
        }
    }
}

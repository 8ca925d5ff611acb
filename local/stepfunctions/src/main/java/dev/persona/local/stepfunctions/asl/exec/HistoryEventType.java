package dev.persona.local.stepfunctions.asl.exec;

/** History event types as GetExecutionHistory names them, with the member that carries each one's details. */
public enum HistoryEventType {
    EXECUTION_STARTED("ExecutionStarted", "executionStartedEventDetails"),
    EXECUTION_SUCCEEDED("ExecutionSucceeded", "executionSucceededEventDetails"),
    EXECUTION_FAILED("ExecutionFailed", "executionFailedEventDetails"),
    EXECUTION_ABORTED("ExecutionAborted", "executionAbortedEventDetails"),
    EXECUTION_TIMED_OUT("ExecutionTimedOut", "executionTimedOutEventDetails"),
    EXECUTION_REDRIVEN("ExecutionRedriven", "executionRedrivenEventDetails"),
    PASS_STATE_ENTERED("PassStateEntered", "stateEnteredEventDetails"),
    PASS_STATE_EXITED("PassStateExited", "stateExitedEventDetails"),
    TASK_STATE_ENTERED("TaskStateEntered", "stateEnteredEventDetails"),
    TASK_STATE_EXITED("TaskStateExited", "stateExitedEventDetails"),
    TASK_STATE_ABORTED("TaskStateAborted", null),
    TASK_SCHEDULED("TaskScheduled", "taskScheduledEventDetails"),
    TASK_STARTED("TaskStarted", "taskStartedEventDetails"),
    TASK_SUBMITTED("TaskSubmitted", "taskSubmittedEventDetails"),
    TASK_SUCCEEDED("TaskSucceeded", "taskSucceededEventDetails"),
    TASK_FAILED("TaskFailed", "taskFailedEventDetails"),
    TASK_TIMED_OUT("TaskTimedOut", "taskTimedOutEventDetails"),
    LAMBDA_FUNCTION_SCHEDULED("LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails"),
    LAMBDA_FUNCTION_STARTED("LambdaFunctionStarted", null),
    LAMBDA_FUNCTION_SUCCEEDED("LambdaFunctionSucceeded", "lambdaFunctionSucceededEventDetails"),
    LAMBDA_FUNCTION_FAILED("LambdaFunctionFailed", "lambdaFunctionFailedEventDetails"),
    LAMBDA_FUNCTION_TIMED_OUT("LambdaFunctionTimedOut", "lambdaFunctionTimedOutEventDetails"),
    CHOICE_STATE_ENTERED("ChoiceStateEntered", "stateEnteredEventDetails"),
    CHOICE_STATE_EXITED("ChoiceStateExited", "stateExitedEventDetails"),
    WAIT_STATE_ENTERED("WaitStateEntered", "stateEnteredEventDetails"),
    WAIT_STATE_EXITED("WaitStateExited", "stateExitedEventDetails"),
    WAIT_STATE_ABORTED("WaitStateAborted", null),
    SUCCEED_STATE_ENTERED("SucceedStateEntered", "stateEnteredEventDetails"),
    SUCCEED_STATE_EXITED("SucceedStateExited", "stateExitedEventDetails"),
    FAIL_STATE_ENTERED("FailStateEntered", "stateEnteredEventDetails"),
    PARALLEL_STATE_ENTERED("ParallelStateEntered", "stateEnteredEventDetails"),
    PARALLEL_STATE_STARTED("ParallelStateStarted", null),
    PARALLEL_STATE_SUCCEEDED("ParallelStateSucceeded", null),
    PARALLEL_STATE_FAILED("ParallelStateFailed", null),
    PARALLEL_STATE_ABORTED("ParallelStateAborted", null),
    PARALLEL_STATE_EXITED("ParallelStateExited", "stateExitedEventDetails"),
    MAP_STATE_ENTERED("MapStateEntered", "stateEnteredEventDetails"),
    MAP_STATE_STARTED("MapStateStarted", "mapStateStartedEventDetails"),
    MAP_STATE_SUCCEEDED("MapStateSucceeded", null),
    MAP_STATE_FAILED("MapStateFailed", null),
    MAP_STATE_ABORTED("MapStateAborted", null),
    MAP_STATE_EXITED("MapStateExited", "stateExitedEventDetails"),
    MAP_ITERATION_STARTED("MapIterationStarted", "mapIterationStartedEventDetails"),
    MAP_ITERATION_SUCCEEDED("MapIterationSucceeded", "mapIterationSucceededEventDetails"),
    MAP_ITERATION_FAILED("MapIterationFailed", "mapIterationFailedEventDetails"),
    MAP_ITERATION_ABORTED("MapIterationAborted", "mapIterationAbortedEventDetails"),
    MAP_RUN_STARTED("MapRunStarted", "mapRunStartedEventDetails"),
    MAP_RUN_SUCCEEDED("MapRunSucceeded", null),
    MAP_RUN_FAILED("MapRunFailed", "mapRunFailedEventDetails"),
    MAP_RUN_ABORTED("MapRunAborted", null),
    MAP_RUN_REDRIVEN("MapRunRedriven", "mapRunRedrivenEventDetails");

    private final String wireName;
    private final String detailsMember;

    HistoryEventType(String wireName, String detailsMember) {
        this.wireName = wireName;
        this.detailsMember = detailsMember;
    }

    public String wireName() {
        return wireName;
    }

    /** The member of the wire event holding the details, or null for events without details. */
    public String detailsMember() {
        return detailsMember;
    }

    /** A {@code *StateEntered} event. */
    public boolean entersState() {
        return wireName.endsWith("StateEntered");
    }

    /** A {@code *StateExited} event. */
    public boolean exitsState() {
        return wireName.endsWith("StateExited");
    }

    /**
     * An event that ends an attempt of a state with an error: what Retry and Catch decide on. The error and cause
     * are in the details, or for Parallel and Map states in the event's internal data.
     */
    public boolean failsAttempt() {
        return switch (this) {
            case TASK_FAILED, TASK_TIMED_OUT, LAMBDA_FUNCTION_FAILED, LAMBDA_FUNCTION_TIMED_OUT,
                 PARALLEL_STATE_FAILED, MAP_STATE_FAILED -> true;
            default -> false;
        };
    }
}

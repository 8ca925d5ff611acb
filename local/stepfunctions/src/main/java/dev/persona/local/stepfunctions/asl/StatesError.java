package dev.persona.local.stepfunctions.asl;

/** The predefined error names of the Amazon States Language, exactly as AWS reports them. */
public enum StatesError {
    ALL("States.ALL"),
    DATA_LIMIT_EXCEEDED("States.DataLimitExceeded"),
    EXCEED_TOLERATED_FAILURE_THRESHOLD("States.ExceedToleratedFailureThreshold"),
    HEARTBEAT_TIMEOUT("States.HeartbeatTimeout"),
    INTRINSIC_FAILURE("States.IntrinsicFailure"),
    ITEM_READER_FAILED("States.ItemReaderFailed"),
    NO_CHOICE_MATCHED("States.NoChoiceMatched"),
    PARAMETER_PATH_FAILURE("States.ParameterPathFailure"),
    PERMISSIONS("States.Permissions"),
    QUERY_EVALUATION_ERROR("States.QueryEvaluationError"),
    RESULT_PATH_MATCH_FAILURE("States.ResultPathMatchFailure"),
    RESULT_WRITER_FAILED("States.ResultWriterFailed"),
    RUNTIME("States.Runtime"),
    TASK_FAILED("States.TaskFailed"),
    TIMEOUT("States.Timeout"),
    BRANCH_FAILED("States.BranchFailed");

    private final String errorName;

    StatesError(String errorName) {
        this.errorName = errorName;
    }

    public String errorName() {
        return errorName;
    }
}

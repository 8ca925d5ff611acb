package dev.persona.local.stepfunctions.asl.exec;

/** The status of an execution, as DescribeExecution reports it. */
public enum ExecutionStatus {
    RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED
}

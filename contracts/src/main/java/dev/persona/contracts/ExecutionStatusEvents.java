package dev.persona.contracts;

import java.util.List;

/**
 * The EventBridge rule that turns the pipeline's ended executions into job-outcome metrics: Step Functions' "Execution
 * Status Change" events of the pipeline state machine whose status is final, delivered to the job-outcomes function.
 * The CDK rule and the local runtime read these values, so both deliver the same events.
 *
 * <p>Step Functions delivers these events best effort (EventBridge's reference for AWS Step Functions events): a
 * lost one is a lost count, never a lost job. The paging alarms therefore also watch Step Functions' own metrics.
 */
public final class ExecutionStatusEvents {

    public static final String SOURCE = "aws.states";
    public static final String DETAIL_TYPE = "Step Functions Execution Status Change";
    /** The statuses an execution ends in; RUNNING and PENDING_REDRIVE are not outcomes. */
    public static final List<String> ENDED_STATUSES = List.of("SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED");
    public static final int RETRY_ATTEMPTS = UploadEvents.RETRY_ATTEMPTS;
    public static final long MAX_EVENT_AGE_SECONDS = UploadEvents.MAX_EVENT_AGE_SECONDS;

    private ExecutionStatusEvents() {
    }
}

package dev.persona.local.runtime;

import dev.persona.contracts.iam.PermissionModel;
import dev.persona.local.events.UploadEventTarget;
import dev.persona.local.iam.AccessDeniedException;
import dev.persona.local.iam.Caller;
import dev.persona.local.iam.LocalIam;
import dev.persona.local.iam.RequestContext;
import dev.persona.local.stepfunctions.LocalStepFunctions;

/**
 * The upload rule's target, as the CDK app configures it: StartExecution of the pipeline state machine with the
 * whole event as input, with the credentials of the rule's role, for the {@link dev.persona.local.events.UploadEventBridge}.
 *
 * <p>As on AWS, where an EventBridge rule with a Step Functions target cannot name the execution, every delivery
 * starts an execution with a generated name: a redelivered or replayed event starts a second one, which finds the
 * job already claimed and ends on the pipeline's duplicate path. A role without {@code states:StartExecution} on
 * the state machine makes the delivery fail, and the bridge retries and dead-letters it as EventBridge does.
 */
public final class PipelineTarget implements UploadEventTarget {

    private final LocalStepFunctions stepFunctions;
    private final String stateMachineArn;
    private final LocalIam iam;
    private final Caller rule;

    public PipelineTarget(LocalStepFunctions stepFunctions, String stateMachineArn, LocalIam iam) {
        this.stepFunctions = stepFunctions;
        this.stateMachineArn = stateMachineArn;
        this.iam = iam;
        this.rule = iam.issue(iam.role(PermissionModel.UPLOAD_RULE), "upload-rule", null, null,
                java.time.Duration.ofHours(1));
    }

    @Override
    public void deliver(String eventId, String event) {
        startExecution(event);
    }

    /**
     * Starts an execution for {@code event} (the EventBridge event as JSON) and returns its ARN. Throws when the
     * rule's role may not start it or Step Functions refuses, so the bridge retries as EventBridge would.
     */
    public String startExecution(String event) {
        try {
            iam.authorize(rule, "states:StartExecution", stateMachineArn, RequestContext.EMPTY);
        } catch (AccessDeniedException e) {
            throw new IllegalStateException("the upload rule's target cannot start the pipeline: " + e.getMessage(), e);
        }
        return stepFunctions.startExecution(stateMachineArn, null, event).arn();
    }
}

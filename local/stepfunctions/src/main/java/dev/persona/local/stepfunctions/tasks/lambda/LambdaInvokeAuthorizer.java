package dev.persona.local.stepfunctions.tasks.lambda;

/**
 * Decides whether a state machine's role may invoke a function, before a task invokes it: as IAM decides
 * {@code lambda:InvokeFunction} for the role on the function's ARN (qualified by the version or alias invoked).
 */
@FunctionalInterface
public interface LambdaInvokeAuthorizer {

    /** Every invocation is allowed: no permission model. */
    LambdaInvokeAuthorizer ALLOW_ALL = (roleArn, functionArn) -> Decision.ALLOW;

    /** IAM's three outcomes: allowed, denied because nothing allows it, or denied by an explicit Deny. */
    enum Decision {
        ALLOW, IMPLICIT_DENY, EXPLICIT_DENY
    }

    Decision decide(String roleArn, String functionArn);
}

package dev.persona.local.stepfunctions.tasks.lambda;

import java.security.SecureRandom;
import java.util.UUID;

import dev.persona.local.stepfunctions.asl.StatesFailure;

/**
 * Checks that the state machine's role may invoke a function, before a task invokes it. A denial fails the task
 * as Step Functions reports a role without {@code lambda:InvokeFunction}: error {@code Lambda.AWSLambdaException}
 * (the Lambda service's AccessDeniedException, which the SDK Step Functions uses does not model), and as cause
 * IAM's message for the assumed role's session with the SDK's suffix, e.g. {@code User:
 * arn:aws:sts::123456789012:assumed-role/Role/Session is not authorized to perform: lambda:InvokeFunction on
 * resource: arn:aws:lambda:...:function:f because no identity-based policy allows the lambda:InvokeFunction action
 * (Service: AWSLambda; Status Code: 403; Error Code: AccessDeniedException; Request ID: ...; Proxy: null)}.
 */
final class LambdaAccess {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    /** Step Functions' sessions of the state machine's role are named with 32 random letters. */
    private static final int SESSION_NAME_LENGTH = 32;

    private final LambdaFunctions functions;
    private final LambdaInvokeAuthorizer authorizer;

    LambdaAccess(LambdaFunctions functions, LambdaInvokeAuthorizer authorizer) {
        this.functions = functions;
        this.authorizer = authorizer;
    }

    /** Throws the task failure AWS reports when {@code roleArn} may not invoke {@code reference}. */
    void check(String roleArn, String reference) {
        String functionArn = functions.qualifiedArn(reference);
        LambdaInvokeAuthorizer.Decision decision = authorizer.decide(roleArn, functionArn);
        if (decision == LambdaInvokeAuthorizer.Decision.ALLOW) {
            return;
        }
        String reason = decision == LambdaInvokeAuthorizer.Decision.EXPLICIT_DENY
                ? "with an explicit deny in an identity-based policy"
                : "because no identity-based policy allows the lambda:InvokeFunction action";
        throw new StatesFailure("Lambda.AWSLambdaException", "User: " + assumedRole(roleArn)
                + " is not authorized to perform: lambda:InvokeFunction on resource: " + functionArn + " " + reason
                + " (Service: AWSLambda; Status Code: 403; Error Code: AccessDeniedException; Request ID: "
                + UUID.randomUUID() + "; Proxy: null)");
    }

    /** {@code arn:aws:sts::<account>:assumed-role/<role name>/<session>} for a role ARN. */
    static String assumedRole(String roleArn) {
        String[] parts = roleArn.split(":", 6);
        String account = parts.length > 4 ? parts[4] : "";
        String path = parts.length > 5 ? parts[5] : roleArn;
        String roleName = path.substring(path.lastIndexOf('/') + 1);
        StringBuilder session = new StringBuilder(SESSION_NAME_LENGTH);
        for (int i = 0; i < SESSION_NAME_LENGTH; i++) {
            session.append(LETTERS.charAt(RANDOM.nextInt(LETTERS.length())));
        }
        return "arn:aws:sts::" + account + ":assumed-role/" + roleName + "/" + session;
    }
}

package dev.persona.local.runtime;

import java.util.ArrayList;
import java.util.List;

import dev.persona.local.iam.LocalIam;
import dev.persona.local.iam.LocalRole;
import dev.persona.local.iam.RequestContext;
import dev.persona.local.stepfunctions.tasks.IntegrationClientFactory;
import dev.persona.local.stepfunctions.tasks.IntegrationClients;
import dev.persona.local.stepfunctions.tasks.lambda.LambdaInvokeAuthorizer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * What a state machine may do is what its role may do, as in AWS: its service integrations call DynamoDB and S3
 * with the role's credentials (so the local gates authorize every call), and a Lambda task runs only when the
 * role's policy allows {@code lambda:InvokeFunction} on the function as invoked. A role the permission model does
 * not know gets no clients and no invocations: it fails closed.
 *
 * <p>One role outside the model is known: {@link #SANDBOX_ROLE_NAME}, for the state machines a developer creates
 * with the AWS CLI or SDK to try things out. It stands for a role they would create in their own account with
 * full access: its integrations call as the account, and it may invoke every function. The application's own
 * state machine never uses it.
 */
final class StateMachineRoles implements IntegrationClientFactory, LambdaInvokeAuthorizer, AutoCloseable {

    /** The role of state machines a developer creates locally: {@code arn:aws:iam::{account}:role/persona-local-sandbox}. */
    static final String SANDBOX_ROLE_NAME = "persona-local-sandbox";
    private static final String INVOKE_FUNCTION = "lambda:InvokeFunction";

    private final LocalFunctions.Connection connection;
    private final LocalIam iam;
    private final List<LocalFunctions.Clients> opened = new ArrayList<>();

    private final AwsCredentialsProvider account;

    StateMachineRoles(LocalFunctions.Connection connection, LocalIam iam, AwsCredentialsProvider account) {
        this.connection = connection;
        this.iam = iam;
        this.account = account;
    }

    /** The ARN of the sandbox role in this account. */
    static String sandboxRoleArn(String accountId) {
        return "arn:aws:iam::" + accountId + ":role/" + SANDBOX_ROLE_NAME;
    }

    @Override
    public IntegrationClients forRole(String roleArn) {
        if (roleArn.equals(sandboxRoleArn(iam.account()))) {
            return open(account);
        }
        return iam.roleByArn(roleArn).map(role -> open(iam.credentialsOf(role.principalId())))
                .orElseGet(() -> new IntegrationClients(null, null));
    }

    private IntegrationClients open(AwsCredentialsProvider credentials) {
        LocalFunctions.Clients clients = connection.clients(credentials);
        synchronized (opened) {
            opened.add(clients);
        }
        return new IntegrationClients(clients.dynamoDb(), clients.s3());
    }

    @Override
    public Decision decide(String roleArn, String functionArn) {
        if (roleArn.equals(sandboxRoleArn(iam.account()))) {
            return Decision.ALLOW;
        }
        LocalRole role = iam.roleByArn(roleArn).orElse(null);
        if (role == null) {
            return Decision.IMPLICIT_DENY;
        }
        LocalIam.Decision decision = LocalIam.decide(role.permissions(), null, INVOKE_FUNCTION, functionArn,
                RequestContext.EMPTY.with("aws:PrincipalArn", role.arn())
                        .with("aws:PrincipalAccount", role.account()));
        if (decision == LocalIam.Decision.ALLOWED) {
            return Decision.ALLOW;
        }
        return decision.explicit() ? Decision.EXPLICIT_DENY : Decision.IMPLICIT_DENY;
    }

    @Override
    public void close() {
        synchronized (opened) {
            opened.forEach(LocalFunctions.Clients::close);
            opened.clear();
        }
    }
}

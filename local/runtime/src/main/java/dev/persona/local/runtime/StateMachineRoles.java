package dev.persona.local.runtime;

import java.util.ArrayList;
import java.util.List;

import dev.persona.local.iam.LocalIam;
import dev.persona.local.iam.LocalRole;
import dev.persona.local.iam.RequestContext;
import dev.persona.local.stepfunctions.tasks.IntegrationClientFactory;
import dev.persona.local.stepfunctions.tasks.IntegrationClients;
import dev.persona.local.stepfunctions.tasks.lambda.LambdaInvokeAuthorizer;

/**
 * What a state machine may do is what its role may do, as in AWS: its service integrations call DynamoDB and S3
 * with the role's credentials (so the local gates authorize every call), and a Lambda task runs only when the
 * role's policy allows {@code lambda:InvokeFunction} on the function as invoked. A role the permission model does
 * not know gets no clients and no invocations: it fails closed.
 */
final class StateMachineRoles implements IntegrationClientFactory, LambdaInvokeAuthorizer, AutoCloseable {

    private static final String INVOKE_FUNCTION = "lambda:InvokeFunction";

    private final LocalFunctions.Connection connection;
    private final LocalIam iam;
    private final List<LocalFunctions.Clients> opened = new ArrayList<>();

    StateMachineRoles(LocalFunctions.Connection connection, LocalIam iam) {
        this.connection = connection;
        this.iam = iam;
    }

    @Override
    public IntegrationClients forRole(String roleArn) {
        return iam.roleByArn(roleArn).map(role -> {
            LocalFunctions.Clients clients = connection.clients(iam.credentialsOf(role.principalId()));
            synchronized (opened) {
                opened.add(clients);
            }
            return new IntegrationClients(clients.dynamoDb(), clients.s3());
        }).orElseGet(() -> new IntegrationClients(null, null));
    }

    @Override
    public Decision decide(String roleArn, String functionArn) {
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

package dev.persona.infra.stacks;

import dev.persona.infra.config.StageConfig;
import dev.persona.infra.constructs.UserIdentity;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * The stage's users: the Cognito user pool federated with Google, its hosted domain and the web client.
 * Stateful (it holds the accounts), so it lives apart from compute and is retained in production.
 */
public final class IdentityStack extends Stack {

    private final UserIdentity identity;

    public IdentityStack(Construct scope, String id, StackProps props, StageConfig config) {
        super(scope, id, props);
        identity = new UserIdentity(this, "Users", new UserIdentity.Props(config.googleClientId(),
                config.googleClientSecretName(), config.cognitoDomainPrefix(), config.callbackUrls(),
                config.logoutUrls(), config.threatProtection(), config.production(), null, null, null));

        CfnOutput.Builder.create(this, "UserPoolId")
                .description("Cognito user pool id")
                .value(identity.userPool().getUserPoolId())
                .build();
        CfnOutput.Builder.create(this, "UserPoolClientId")
                .description("App client id of the web SPA (public client: authorization code with PKCE)")
                .value(identity.webClient().getUserPoolClientId())
                .build();
        CfnOutput.Builder.create(this, "HostedUiBaseUrl")
                .description("Base URL of the Cognito hosted sign-in pages")
                .value(identity.domainBaseUrl())
                .build();
    }

    public UserIdentity identity() {
        return identity;
    }
}

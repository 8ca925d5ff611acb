package dev.persona.infra.stacks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.infra.SynthesizedStage;
import dev.persona.infra.TestStages;
import org.junit.jupiter.api.Test;

import static dev.persona.infra.SynthesizedStage.only;
import static dev.persona.infra.SynthesizedStage.texts;
import static org.assertj.core.api.Assertions.assertThat;

class IdentityStackTest {

    private static final SynthesizedStage STAGE = SynthesizedStage.shared();
    private static final JsonNode TEMPLATE = STAGE.template(STAGE.deployment.identity());

    @Test
    void usersSignUpThemselvesAndSignInWithTheirEmail() {
        JsonNode pool = only(TEMPLATE, "AWS::Cognito::UserPool").path("Properties");
        assertThat(pool.at("/AdminCreateUserConfig/AllowAdminCreateUserOnly").asBoolean()).isFalse();
        assertThat(texts(pool.path("UsernameAttributes"))).containsExactly("email");
        assertThat(texts(pool.path("AutoVerifiedAttributes"))).containsExactly("email");
        assertThat(texts(pool.at("/AccountRecoverySetting/RecoveryMechanisms/0/Name"))).containsExactly("verified_email");
        assertThat(pool.at("/AccountRecoverySetting/RecoveryMechanisms").size()).isOne();
    }

    @Test
    void passwordsAreStrongAndTotpIsOffered() {
        JsonNode pool = only(TEMPLATE, "AWS::Cognito::UserPool").path("Properties");
        JsonNode password = pool.at("/Policies/PasswordPolicy");
        assertThat(password.path("MinimumLength").asInt()).isGreaterThanOrEqualTo(12);
        assertThat(password.path("RequireUppercase").asBoolean()).isTrue();
        assertThat(password.path("RequireLowercase").asBoolean()).isTrue();
        assertThat(password.path("RequireNumbers").asBoolean()).isTrue();
        assertThat(password.path("RequireSymbols").asBoolean()).isTrue();
        assertThat(pool.path("MfaConfiguration").asText()).isEqualTo("OPTIONAL");
        assertThat(texts(pool.path("EnabledMfas"))).containsExactly("SOFTWARE_TOKEN_MFA");
    }

    @Test
    void googleIsFederatedWithTheSecretOnlyReferenced() {
        JsonNode google = only(TEMPLATE, "AWS::Cognito::UserPoolIdentityProvider").path("Properties");
        assertThat(google.path("ProviderType").asText()).isEqualTo("Google");
        assertThat(google.at("/ProviderDetails/client_id").asText()).isEqualTo(TestStages.GOOGLE_CLIENT_ID);
        assertThat(google.at("/ProviderDetails/client_secret").asText())
                .isEqualTo("{{resolve:secretsmanager:" + TestStages.GOOGLE_SECRET_NAME + ":SecretString:::}}");
        assertThat(google.at("/AttributeMapping/email").asText()).isEqualTo("email");
        assertThat(google.at("/AttributeMapping/email_verified").asText()).isEqualTo("email_verified");
        assertThat(texts(google.at("/ProviderDetails/authorize_scopes")))
                .allSatisfy(scopes -> assertThat(scopes).contains("openid").contains("email"));
    }

    @Test
    void theHostedDomainUsesTheConfiguredPrefix() {
        assertThat(only(TEMPLATE, "AWS::Cognito::UserPoolDomain").at("/Properties/Domain").asText())
                .isEqualTo(TestStages.DOMAIN_PREFIX);
    }

    @Test
    void theWebClientIsPublicAndUsesTheCodeFlowWithTheConfiguredUrls() {
        JsonNode client = only(TEMPLATE, "AWS::Cognito::UserPoolClient");
        JsonNode properties = client.path("Properties");
        assertThat(properties.path("GenerateSecret").asBoolean()).isFalse();
        assertThat(texts(properties.path("AllowedOAuthFlows"))).containsExactly("code");
        assertThat(properties.path("AllowedOAuthFlowsUserPoolClient").asBoolean()).isTrue();
        assertThat(texts(properties.path("AllowedOAuthScopes"))).containsExactlyInAnyOrder("openid", "email", "profile");
        assertThat(texts(properties.path("CallbackURLs")))
                .containsExactly(TestStages.WEB_ORIGIN + "/auth/callback", TestStages.LOCAL_ORIGIN + "/auth/callback");
        assertThat(texts(properties.path("LogoutURLs"))).containsExactly(TestStages.WEB_ORIGIN + "/");
        assertThat(texts(properties.path("SupportedIdentityProviders")).toString()).contains("COGNITO");
        assertThat(properties.at("/SupportedIdentityProviders").toString()).contains("Google");
        assertThat(properties.path("PreventUserExistenceErrors").asText()).isEqualTo("ENABLED");
        assertThat(properties.path("EnableTokenRevocation").asBoolean()).isTrue();
        assertThat(properties.path("AccessTokenValidity").asInt()).isEqualTo(60);
        assertThat(properties.path("IdTokenValidity").asInt()).isEqualTo(60);
        assertThat(properties.path("RefreshTokenValidity").asInt()).isEqualTo(43200);
        assertThat(properties.at("/TokenValidityUnits/AccessToken").asText()).isEqualTo("minutes");
        assertThat(client.path("DependsOn").toString()).as("created after the Google provider").contains("Google");
    }
}

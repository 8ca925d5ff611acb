package dev.persona.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AuthorizerDecisionTest {

    private static final String PREFIX = "arn:aws:execute-api:us-east-1:123456789012:api1/local/";

    private static AuthorizerDecision decision(String json) throws Exception {
        return AuthorizerDecision.parse(new ObjectMapper().readTree(json));
    }

    private static String policy(String statements) {
        return """
                {"principalId": "u1", "policyDocument": {"Version": "2012-10-17", "Statement": [%s]},
                 "context": {"userId": "u1", "count": 3, "admin": false, "nothing": null}}""".formatted(statements);
    }

    @Test
    void aWildcardAllowCoversEveryRouteOfTheStage() throws Exception {
        AuthorizerDecision decision = decision(policy("""
                {"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": ["%s*/*"]}""".formatted(PREFIX)));

        assertThat(decision.allows(PREFIX + "GET/v1/jobs")).isTrue();
        assertThat(decision.allows(PREFIX + "DELETE/v1/me/data")).isTrue();
        assertThat(decision.allows("arn:aws:execute-api:us-east-1:123456789012:api1/prod/GET/v1/jobs")).isFalse();
    }

    @Test
    void anExplicitDenyWinsAndNothingIsAllowedWithoutAnAllow() throws Exception {
        AuthorizerDecision decision = decision(policy("""
                {"Effect": "Allow", "Action": "execute-api:*", "Resource": "%1$s*"},
                {"Effect": "Deny", "Action": ["execute-api:Invoke"], "Resource": "%1$sDELETE/*"}"""
                .formatted(PREFIX)));

        assertThat(decision.allows(PREFIX + "GET/v1/jobs/j1")).isTrue();
        assertThat(decision.allows(PREFIX + "DELETE/v1/me/data")).isFalse();
        assertThat(decision(policy("")).allows(PREFIX + "GET/v1/jobs")).isFalse();
    }

    @Test
    void actionsOtherThanInvokeAndSingleCharacterWildcardsAreHonoured() throws Exception {
        assertThat(decision(policy("""
                {"Effect": "Allow", "Action": "execute-api:ManageConnections", "Resource": "*"}"""))
                .allows(PREFIX + "GET/v1/jobs")).isFalse();
        AuthorizerDecision oneCharacter = decision(policy("""
                {"Effect": "allow", "Action": "EXECUTE-API:invoke", "Resource": "%sGET/v1/jobs/j?"}"""
                .formatted(PREFIX)));
        assertThat(oneCharacter.allows(PREFIX + "GET/v1/jobs/j1")).isTrue();
        assertThat(oneCharacter.allows(PREFIX + "GET/v1/jobs/j12")).isFalse();
    }

    @Test
    void theHandlersContextHoldsStringsThePrincipalAndTheLatency() throws Exception {
        JsonNode context = decision(policy("")).handlerContext(12);

        assertThat(context.toString()).isEqualTo(
                "{\"userId\":\"u1\",\"count\":\"3\",\"admin\":\"false\",\"principalId\":\"u1\",\"integrationLatency\":12}");
    }

    @Test
    void malformedResponsesAreConfigurationErrors() {
        assertThatIllegalArgumentException().isThrownBy(() -> decision("[]"));
        assertThatIllegalArgumentException().isThrownBy(() -> decision("{\"policyDocument\": {}}"));
        assertThatIllegalArgumentException().isThrownBy(() -> decision("{\"principalId\": \"u1\"}"));
        assertThatIllegalArgumentException().isThrownBy(() -> decision(
                "{\"principalId\": \"u1\", \"policyDocument\": {}, \"context\": {\"roles\": [\"a\"]}}"));
        assertThatIllegalArgumentException().isThrownBy(() -> decision(policy(
                "{\"Effect\": \"Maybe\", \"Action\": \"*\", \"Resource\": \"*\"}")));
    }
}

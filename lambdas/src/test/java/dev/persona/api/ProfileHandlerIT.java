package dev.persona.api;

import java.util.List;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.api.testing.ApiCall;
import dev.persona.api.testing.LocalAws;
import dev.persona.api.testing.OpenApiContract;
import dev.persona.contracts.AuthorizerContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.persona.api.NotesHandlerIT.body;
import static dev.persona.api.NotesHandlerIT.user;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET} and {@code PATCH /v1/me} against DynamoDB Local. */
class ProfileHandlerIT {

    private static ProfileHandler profiles;

    @BeforeAll
    static void start() {
        LocalAws aws = LocalAws.shared();
        profiles = new ProfileHandler(aws.environment(), aws.dynamoDb());
    }

    @Test
    void theFirstReadCreatesTheProfileFromTheTokensClaims() throws Exception {
        String user = user();
        APIGatewayProxyResponseEvent first = call(ApiCall.of("GET", "/v1/me").as(user)
                .claim(AuthorizerContext.NAME, "Ada Lovelace").claim(AuthorizerContext.EMAIL, "ada@example.com")
                .claim(AuthorizerContext.LOCALE, "en-GB"));
        assertThat(first.getStatusCode()).isEqualTo(200);
        JsonNode profile = body(first);
        assertThat(profile.get("userId").asText()).isEqualTo(user);
        assertThat(profile.get("displayName").asText()).isEqualTo("Ada Lovelace");
        assertThat(profile.get("locale").asText()).isEqualTo("en-GB");
        assertThat(profile.get("timezone").asText()).isEqualTo("UTC");
        assertThat(profile.get("bookmarksInPersona").asBoolean()).isFalse();
        assertThat(profile.get("email").asText()).isEqualTo("ada@example.com");

        APIGatewayProxyResponseEvent again = call(ApiCall.of("GET", "/v1/me").as(user)
                .claim(AuthorizerContext.NAME, "Someone Else"));
        assertThat(body(again).get("displayName").asText()).as("created once").isEqualTo("Ada Lovelace");
        assertThat(again.getHeaders().get("ETag")).isEqualTo(first.getHeaders().get("ETag"));
        assertThat(call(ApiCall.of("GET", "/v1/me").as(user).header("If-None-Match", first.getHeaders().get("ETag")))
                .getStatusCode()).isEqualTo(304);

        String other = user();
        JsonNode fromEmail = body(call(ApiCall.of("GET", "/v1/me").as(other)
                .claim(AuthorizerContext.EMAIL, "grace@example.com")));
        assertThat(fromEmail.get("displayName").asText()).isEqualTo("grace");
        assertThat(fromEmail.get("locale").asText()).isEqualTo("en");
    }

    @Test
    void patchChangesOnlyTheGivenFieldsAndHonoursIfMatch() throws Exception {
        String user = user();
        APIGatewayProxyResponseEvent patched = patch(user, null,
                "{\"timezone\":\"Europe/Paris\",\"bookmarksInPersona\":true}");
        assertThat(patched.getStatusCode()).isEqualTo(200);
        JsonNode profile = body(patched);
        assertThat(profile.get("timezone").asText()).isEqualTo("Europe/Paris");
        assertThat(profile.get("bookmarksInPersona").asBoolean()).isTrue();
        assertThat(profile.get("displayName").asText()).isEqualTo(user);
        String etag = patched.getHeaders().get("ETag");

        assertThat(patch(user, etag, "{\"locale\":\"fr-fr\"}").getStatusCode()).isEqualTo(200);
        assertThat(body(call(ApiCall.of("GET", "/v1/me").as(user))).get("locale").asText()).isEqualTo("fr-FR");
        APIGatewayProxyResponseEvent stale = patch(user, etag, "{\"displayName\":\"Late\"}");
        assertThat(stale.getStatusCode()).isEqualTo(412);
        assertThat(body(call(ApiCall.of("GET", "/v1/me").as(user))).get("displayName").asText()).isEqualTo(user);
    }

    @Test
    void refusesZonesLocalesAndNamesThatAreNotOnes() throws Exception {
        String user = user();
        for (String invalid : List.of("{\"timezone\":\"Mars/Olympus\"}", "{\"locale\":\"not a tag!\"}",
                "{\"displayName\":\"   \"}", "{\"displayName\":\"a\\u0000b\"}")) {
            APIGatewayProxyResponseEvent response = patch(user, null, invalid);
            assertThat(response.getStatusCode()).as(invalid).isEqualTo(400);
            assertThat(body(response).get("code").asText()).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(patch(user, null, "{}").getStatusCode()).as("the schema wants a field").isEqualTo(400);
    }

    private static APIGatewayProxyResponseEvent patch(String user, String ifMatch, String json) {
        return call(ApiCall.of("PATCH", "/v1/me").as(user).header("If-Match", ifMatch).jsonBody(json));
    }

    private static APIGatewayProxyResponseEvent call(ApiCall call) {
        var event = call.event();
        APIGatewayProxyResponseEvent response = profiles.handleRequest(event, null);
        OpenApiContract.assertConforms(event.getHttpMethod(), event.getResource(), response);
        return response;
    }
}

package dev.persona.api;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.persona.contracts.PersonaAttributes;
import dev.persona.contracts.StorageLayout;
import dev.persona.json.Json;
import dev.persona.api.testing.ApiCall;
import dev.persona.api.testing.LocalAws;
import dev.persona.api.testing.OpenApiContract;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /v1/personas/...} over documents and summary items written as the build-persona step writes them. */
class PersonasHandlerIT {

    private static LocalAws aws;
    private static PersonasHandler personas;

    @BeforeAll
    static void start() {
        aws = LocalAws.shared();
        personas = new PersonasHandler(aws.environment(), aws.dynamoDb(), aws.s3(), aws.secretsManagerClient());
    }

    @Test
    void returnsTheLatestAndAnyOwnPersonaExactlyAsStored() throws Exception {
        String user = user();
        String older = storePersona(user, "01JOLDER000000000000000000", "2026-11-20T10:00:00.000Z", "explorer");
        String newer = storePersona(user, "01JNEWER000000000000000000", "2026-11-21T10:00:00.000Z", "night-owl");

        APIGatewayProxyResponseEvent latest = latest(user, null);
        APIGatewayProxyResponseEvent byJob = forJob(user, "01JOLDER000000000000000000", null);

        assertThat(latest.getStatusCode()).isEqualTo(200);
        assertThat(latest.getBody()).isEqualTo(newer);
        assertThat(byJob.getBody()).isEqualTo(older);
        OpenApiContract.assertConforms("GET", "/v1/personas/latest", latest);
        OpenApiContract.assertConforms("GET", "/v1/personas/{jobId}", byJob);
        assertThat(latest.getHeaders()).containsEntry("Content-Type", "application/json")
                .containsEntry("Access-Control-Allow-Origin", LocalAws.ORIGIN);
    }

    @Test
    void aPersonaIsDownloadedThroughASignedUrlOfItsOwnerOnly() throws Exception {
        String user = user();
        String document = storePersona(user, "01JDOWNLOAD000000000000000", "2026-11-21T10:00:00.000Z", "explorer");

        APIGatewayProxyResponseEvent response = personas.handleRequest(ApiCall.of("GET", "/v1/personas/{jobId}/download")
                .as(user).path("jobId", "01JDOWNLOAD000000000000000").event(), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        OpenApiContract.assertConforms("GET", "/v1/personas/{jobId}/download", response);
        String url = Json.MAPPER.readTree(response.getBody()).get("url").asText();
        java.net.http.HttpResponse<String> download = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(document);
        APIGatewayProxyResponseEvent stranger = personas.handleRequest(ApiCall.of("GET",
                "/v1/personas/{jobId}/download").as(user()).path("jobId", "01JDOWNLOAD000000000000000").event(), null);
        assertThat(stranger.getStatusCode()).isEqualTo(404);
    }

    @Test
    void answersAnUnchangedPersonaWith304() {
        String user = user();
        storePersona(user, "01JETAG0000000000000000000", "2026-11-21T10:00:00.000Z", "explorer");
        String etag = latest(user, null).getHeaders().get("ETag");

        APIGatewayProxyResponseEvent notModified = latest(user, etag);

        assertThat(notModified.getStatusCode()).isEqualTo(304);
        assertThat(notModified.getBody()).isNull();
        OpenApiContract.assertConforms("GET", "/v1/personas/latest", notModified);
        assertThat(forJob(user, "01JETAG0000000000000000000", etag).getStatusCode()).isEqualTo(304);
    }

    @Test
    void anotherUsersPersonaIsNotFound() throws Exception {
        String owner = user();
        String stranger = user();
        storePersona(owner, "01JPRIVATE0000000000000000", "2026-11-21T10:00:00.000Z", "explorer");

        for (APIGatewayProxyResponseEvent response : List.of(forJob(stranger, "01JPRIVATE0000000000000000", null),
                latest(stranger, null), forJob(owner, "01JNOTBUILT000000000000000", null), forJob(owner, "..", null))) {
            assertThat(response.getStatusCode()).isEqualTo(404);
            assertThat(Json.MAPPER.readTree(response.getBody()).get("code").asText()).isEqualTo("NOT_FOUND");
            OpenApiContract.assertConforms("GET", "/v1/personas/{jobId}", response);
        }
    }

    @Test
    void anItemPointingOutsideItsOwnersPrefixIsNotFollowed() {
        String victim = user();
        String attacker = user();
        storePersona(victim, "01JVICTIM00000000000000000", "2026-11-21T10:00:00.000Z", "explorer");
        putSummary(attacker, "01JPOINTER0000000000000000", "2026-11-21T11:00:00.000Z",
                StorageLayout.personaKey(victim, "01JVICTIM00000000000000000"));

        assertThat(forJob(attacker, "01JPOINTER0000000000000000", null).getStatusCode()).isEqualTo(404);
        assertThat(latest(attacker, null).getStatusCode()).isEqualTo(404);
    }

    @Test
    void aSummaryWhoseDocumentIsGoneIsNotFound() {
        String user = user();
        putSummary(user, "01JNODOC000000000000000000", "2026-11-21T10:00:00.000Z",
                StorageLayout.personaKey(user, "01JNODOC000000000000000000"));

        assertThat(forJob(user, "01JNODOC000000000000000000", null).getStatusCode()).isEqualTo(404);
    }

    /** A stored persona replaced by anything else (another job's document, markup, not JSON) is never served. */
    @Test
    void aDocumentThatIsNotThisJobsPersonaIsNotServed() throws Exception {
        String user = user();
        String other = storePersona(user, "01JOTHER000000000000000000", "2026-11-20T10:00:00.000Z", "explorer");
        String jobId = "01JTAMPERED000000000000000";
        storePersona(user, jobId, "2026-11-21T10:00:00.000Z", "explorer");
        var tampered = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(other);
        tampered.put("jobId", jobId).put("injected", "<script>alert(1)</script>");
        for (String replacement : List.of(other, Json.MAPPER.writeValueAsString(tampered), "<html>not json</html>",
                "{\"jobId\":\"" + jobId + "\"}")) {
            aws.s3().putObject(put -> put.bucket(LocalAws.BUCKET).key(StorageLayout.personaKey(user, jobId)),
                    RequestBody.fromString(replacement));

            APIGatewayProxyResponseEvent response = forJob(user, jobId, null);
            assertThat(response.getStatusCode()).as(replacement).isEqualTo(500);
            assertThat(response.getBody()).doesNotContain("<script>").doesNotContain("html").contains("INTERNAL_ERROR");
            assertThat(latest(user, null).getStatusCode()).isEqualTo(500);
        }
    }

    /**
     * Writes a document the pipeline built (the test resource, with this job's id and a distinguishing
     * summary) and the summary item, as the build-persona step does; returns the document.
     */
    private static String storePersona(String user, String jobId, String createdAt, String archetype) {
        String document;
        try (var in = PersonasHandlerIT.class.getResourceAsStream("/personas/example.json")) {
            var persona = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(in);
            persona.put("jobId", jobId).put("summary", "An " + archetype + ".");
            document = Json.MAPPER.writeValueAsString(persona);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        aws.s3().putObject(put -> put.bucket(LocalAws.BUCKET).key(StorageLayout.personaKey(user, jobId))
                .contentType("application/json"), RequestBody.fromString(document));
        putSummary(user, jobId, createdAt, StorageLayout.personaKey(user, jobId));
        return document;
    }

    private static void putSummary(String user, String jobId, String createdAt, String personaKey) {
        aws.dynamoDb().putItem(put -> put.tableName(LocalAws.PERSONAS_TABLE).item(Map.of(
                PersonaAttributes.USER_ID, AttributeValue.fromS(user),
                PersonaAttributes.JOB_ID, AttributeValue.fromS(jobId),
                PersonaAttributes.CREATED_AT, AttributeValue.fromS(createdAt),
                PersonaAttributes.SCHEMA_VERSION, AttributeValue.fromN("1"),
                PersonaAttributes.PERSONA_KEY, AttributeValue.fromS(personaKey),
                PersonaAttributes.ARCHETYPE, AttributeValue.fromS("explorer"),
                PersonaAttributes.SUMMARY, AttributeValue.fromS("Mostly music, late at night."),
                PersonaAttributes.TOP_INTERESTS, AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of(
                        "category", AttributeValue.fromS("music"), "share", AttributeValue.fromN("0.4"))))),
                PersonaAttributes.RECORDS_USED, AttributeValue.fromN("98"))));
    }

    private static APIGatewayProxyResponseEvent latest(String user, String ifNoneMatch) {
        return personas.handleRequest(ApiCall.of("GET", "/v1/personas/latest").as(user)
                .header("If-None-Match", ifNoneMatch).event(), null);
    }

    private static APIGatewayProxyResponseEvent forJob(String user, String jobId, String ifNoneMatch) {
        return personas.handleRequest(ApiCall.of("GET", "/v1/personas/{jobId}").as(user).path("jobId", jobId)
                .header("If-None-Match", ifNoneMatch).event(), null);
    }

    private static String user() {
        return UUID.randomUUID().toString();
    }
}

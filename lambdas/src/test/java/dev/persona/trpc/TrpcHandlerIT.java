package dev.persona.trpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.api.JobsHandler;
import dev.persona.api.testing.ApiCall;
import dev.persona.api.testing.LocalAws;
import dev.persona.api.testing.OpenApiContract;
import dev.persona.contracts.PersonaAttributes;
import dev.persona.contracts.StorageLayout;
import dev.persona.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static dev.persona.trpc.TrpcCall.get;
import static dev.persona.trpc.TrpcCall.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every procedure over DynamoDB Local and S3Proxy: its result is what the REST route answers, valid against the
 * route's documented schema (the schema its TypeScript type is generated from), and one user never reaches another's.
 */
class TrpcHandlerIT {

    private static LocalAws aws;
    private static TrpcHandler trpc;
    private static JobsHandler rest;

    @BeforeAll
    static void start() {
        aws = LocalAws.shared();
        trpc = new TrpcHandler(aws.environment(), aws.dynamoDb(), aws.s3());
        rest = new JobsHandler(aws.environment(), aws.dynamoDb());
    }

    private static TrpcCall.Answer send(String user, ApiCall call) {
        return TrpcCall.send(trpc, call.as(user).event());
    }

    /** The data of a successful single call, checked against the OpenAPI component of its output. */
    private static JsonNode data(TrpcCall.Answer answer, String component) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        JsonNode data = answer.body().at("/result/data");
        // The Persona component refers to the schema file beside the document, which resolves through a reference.
        OpenApiContract.assertValid(component.equals("Persona")
                ? "/components/responses/Persona/content/application~1json/schema"
                : "/components/schemas/" + component, data.toString());
        return data;
    }

    @Test
    void everyProcedureAnswersWhatItsRestRouteAnswers() throws Exception {
        String user = user();
        JsonNode created = data(send(user, post("uploads.create", "{\"filename\":\"My Activity.json\","
                + "\"contentType\":\"application/json\",\"sizeBytes\":2048,\"timezone\":\"Europe/Paris\"}", false)),
                "CreatedUpload");
        String jobId = created.path("jobId").asText();
        assertThat(created.path("key").asText()).isEqualTo("uploads/" + user + "/" + jobId + "/My_Activity.json");
        assertThat(created.at("/put/url").asText()).contains(LocalAws.BUCKET);

        JsonNode job = data(send(user, get("jobs.get", "{\"jobId\":\"" + jobId + "\"}", false)), "Job");
        String restJob = rest.handleRequest(ApiCall.of("GET", "/v1/jobs/{jobId}").as(user).path("jobId", jobId)
                .event(), null).getBody();
        assertThat(job).isEqualTo(Json.MAPPER.readTree(restJob));
        assertThat(job.path("status").asText()).isEqualTo("AWAITING_UPLOAD");

        JsonNode page = data(send(user, get("jobs.list", "{\"limit\":1}", false)), "JobList");
        assertThat(page.at("/items/0/jobId").asText()).isEqualTo(jobId);
        assertThat(data(send(user, get("jobs.list", null, false)), "JobList").path("items")).hasSize(1);

        String document = storePersona(user, jobId);
        TrpcCall.Answer latest = send(user, get("personas.latest", null, false));
        data(latest, "Persona");
        assertThat(latest.response().getBody()).as("the stored document, byte for byte")
                .isEqualTo("{\"result\":{\"data\":" + document + "}}");
        assertThat(data(send(user, get("personas.get", "{\"jobId\":\"" + jobId + "\"}", false)), "Persona"))
                .isEqualTo(Json.MAPPER.readTree(document));

        JsonNode deleted = data(send(user, post("me.deleteData", null, false)), "DeletionReport");
        assertThat(deleted.at("/deleted/jobRecords").asInt()).isEqualTo(1);
        assertThat(deleted.at("/deleted/personaRecords").asInt()).isEqualTo(1);
        assertThat(deleted.at("/deleted/objects/personas").asLong()).isEqualTo(1);
        assertThat(send(user, get("jobs.get", "{\"jobId\":\"" + jobId + "\"}", false)).status()).isEqualTo(404);
    }

    @Test
    void anotherUsersJobAndPersonaAreNotFound() {
        String owner = user();
        String stranger = user();
        String jobId = send(owner, post("uploads.create", "{\"filename\":\"a.csv\",\"contentType\":\"text/csv\","
                + "\"sizeBytes\":10}", false)).body().at("/result/data/jobId").asText();
        storePersona(owner, jobId);

        for (String path : List.of("jobs.get", "personas.get")) {
            TrpcCall.Answer answer = send(stranger, get(path, "{\"jobId\":\"" + jobId + "\"}", false));
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.error().at("/data/code").asText()).isEqualTo("NOT_FOUND");
            assertThat(answer.error().path("code").asInt()).isEqualTo(-32004);
        }
        assertThat(send(stranger, get("personas.latest", null, false)).status()).isEqualTo(404);
        assertThat(send(stranger, get("jobs.list", null, false)).body().at("/result/data/items")).isEmpty();
    }

    @Test
    void aBatchMixesResultsAndErrorsInOrder() {
        String user = user();
        String jobId = send(user, post("uploads.create", "{\"filename\":\"b.csv\",\"contentType\":\"text/csv\","
                + "\"sizeBytes\":10}", false)).body().at("/result/data/jobId").asText();

        TrpcCall.Answer batch = send(user, get("jobs.get,personas.get,jobs.list",
                "{\"0\":{\"jobId\":\"" + jobId + "\"},\"1\":{\"jobId\":\"" + jobId + "\"}}", true));

        assertThat(batch.status()).isEqualTo(207);
        assertThat(batch.body().at("/0/result/data/jobId").asText()).isEqualTo(jobId);
        assertThat(batch.body().at("/1/error/data/code").asText()).as("no persona yet").isEqualTo("NOT_FOUND");
        assertThat(batch.body().at("/1/error/data/path").asText()).isEqualTo("personas.get");
        assertThat(batch.body().at("/2/result/data/items/0/jobId").asText()).isEqualTo(jobId);
    }

    /** Writes the example persona as this job's, with its summary item, as the build-persona step does. */
    private static String storePersona(String user, String jobId) {
        String document;
        try (InputStream in = TrpcHandlerIT.class.getResourceAsStream("/personas/example.json")) {
            ObjectNode persona = (ObjectNode) Json.MAPPER.readTree(in);
            persona.put("jobId", jobId);
            document = Json.MAPPER.writeValueAsString(persona);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String key = StorageLayout.personaKey(user, jobId);
        aws.s3().putObject(put -> put.bucket(LocalAws.BUCKET).key(key).contentType("application/json"),
                RequestBody.fromString(document));
        aws.dynamoDb().putItem(put -> put.tableName(LocalAws.PERSONAS_TABLE).item(Map.of(
                PersonaAttributes.USER_ID, AttributeValue.fromS(user),
                PersonaAttributes.JOB_ID, AttributeValue.fromS(jobId),
                PersonaAttributes.CREATED_AT, AttributeValue.fromS("2026-11-21T10:00:00.000Z"),
                PersonaAttributes.SCHEMA_VERSION, AttributeValue.fromN("1"),
                PersonaAttributes.PERSONA_KEY, AttributeValue.fromS(key),
                PersonaAttributes.ARCHETYPE, AttributeValue.fromS("explorer"),
                PersonaAttributes.SUMMARY, AttributeValue.fromS("Mostly music."),
                PersonaAttributes.RECORDS_USED, AttributeValue.fromN("98"))));
        return document;
    }

    private static String user() {
        return "google_" + UUID.randomUUID().toString().replace("-", "");
    }
}

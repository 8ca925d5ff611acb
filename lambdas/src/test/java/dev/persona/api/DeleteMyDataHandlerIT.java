package dev.persona.api;

import java.util.Map;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
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

/** {@code DELETE /v1/me/data} against S3Proxy and DynamoDB Local. */
class DeleteMyDataHandlerIT {

    private static LocalAws aws;
    private static DeleteMyDataHandler handler;

    @BeforeAll
    static void start() {
        aws = LocalAws.shared();
        handler = new DeleteMyDataHandler(aws.environment(), aws.dynamoDb(), aws.s3());
    }

    @Test
    void deletesEverythingOfTheCallerAndNothingOfAnyoneElse() throws Exception {
        String user = "google_" + UUID.randomUUID().toString().replace("-", "");
        String neighbour = user + "0";
        String other = UUID.randomUUID().toString();
        seed(user, 30);
        seed(neighbour, 2);
        seed(other, 1);
        aws.s3().createMultipartUpload(mpu -> mpu.bucket(LocalAws.BUCKET)
                .key(StorageLayout.uploadKey(user, "01JMULTIPART00000000000000", "big.json")));
        // The bucket is versioned: an overwritten upload and a deleted persona leave older versions behind.
        put(StorageLayout.uploadKey(user, String.format("01JSEED%019d", 0), "activity.json"));
        aws.s3().deleteObject(d -> d.bucket(LocalAws.BUCKET).key(StorageLayout.personaKey(user,
                String.format("01JSEED%019d", 1))));
        Holdings neighbourBefore = holdings(neighbour);
        Holdings otherBefore = holdings(other);

        APIGatewayProxyResponseEvent response = delete(user);

        assertThat(response.getStatusCode()).isEqualTo(200);
        OpenApiContract.assertConforms("DELETE", "/v1/me/data", response);
        JsonNode deleted = Json.MAPPER.readTree(response.getBody()).get("deleted");
        assertThat(deleted.get("objects")).isEqualTo(Json.MAPPER.readTree(
                "{\"uploads\":30,\"processed\":60,\"personas\":29,\"files\":0}"));
        assertThat(deleted.get("multipartUploads").asInt()).isEqualTo(1);
        assertThat(deleted.get("jobRecords").asInt()).isEqualTo(30);
        assertThat(deleted.get("personaRecords").asInt()).isEqualTo(30);
        assertThat(holdings(user)).isEqualTo(new Holdings(0, 0, 0, 0));
        assertThat(holdings(neighbour)).isEqualTo(neighbourBefore);
        assertThat(neighbourBefore.objects()).isGreaterThanOrEqualTo(8);
        assertThat(neighbourBefore.jobs()).isEqualTo(2);
        assertThat(holdings(other)).isEqualTo(otherBefore);
        assertThat(otherBefore.personas()).isEqualTo(1);
    }

    @Test
    void isIdempotent() throws Exception {
        String user = UUID.randomUUID().toString();
        seed(user, 2);

        delete(user);
        APIGatewayProxyResponseEvent again = delete(user);

        assertThat(again.getStatusCode()).isEqualTo(200);
        OpenApiContract.assertConforms("DELETE", "/v1/me/data", again);
        assertThat(Json.MAPPER.readTree(again.getBody())).isEqualTo(Json.MAPPER.readTree(
                "{\"deleted\":{\"objects\":{\"uploads\":0,\"processed\":0,\"personas\":0,\"files\":0},"
                        + "\"multipartUploads\":0,\"jobRecords\":0,\"personaRecords\":0,"
                        + "\"records\":{\"notes\":0,\"bookmarks\":0,\"files\":0,\"account\":0}}}"));
    }

    @Test
    void withoutTheAuthorizersUserNothingIsDeleted() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(ApiCall.of("DELETE", "/v1/me/data").event(), null);

        assertThat(response.getStatusCode()).isEqualTo(401);
        OpenApiContract.assertConforms("DELETE", "/v1/me/data", response);
    }

    /** Per job: an upload, two processed files, a persona document, a job item and a persona item. */
    private static void seed(String user, int jobs) {
        for (int i = 0; i < jobs; i++) {
            String jobId = String.format("01JSEED%019d", i);
            put(StorageLayout.uploadKey(user, jobId, "activity.json"));
            put(StorageLayout.activitiesKey(user, jobId));
            put(StorageLayout.reportKey(user, jobId));
            put(StorageLayout.personaKey(user, jobId));
            Map<String, AttributeValue> key = Map.of("userId", AttributeValue.fromS(user),
                    "jobId", AttributeValue.fromS(jobId));
            aws.dynamoDb().putItem(p -> p.tableName(LocalAws.JOBS_TABLE).item(with(key, "status", "SUCCEEDED")));
            aws.dynamoDb().putItem(p -> p.tableName(LocalAws.PERSONAS_TABLE).item(with(key,
                    PersonaAttributes.PERSONA_KEY, StorageLayout.personaKey(user, jobId))));
        }
    }

    private static Map<String, AttributeValue> with(Map<String, AttributeValue> key, String name, String value) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(key);
        item.put(name, AttributeValue.fromS(value));
        item.put("createdAt", AttributeValue.fromS("2026-11-21T10:00:00.000Z"));
        return item;
    }

    private static void put(String key) {
        aws.s3().putObject(p -> p.bucket(LocalAws.BUCKET).key(key), RequestBody.fromString("x"));
    }

    record Holdings(long objects, int multipartUploads, int jobs, int personas) {
    }

    /** Objects counted as every stored version and delete marker: nothing of a user may survive in history. */
    private static Holdings holdings(String user) {
        long objects = StorageLayout.userPrefixes(user).stream()
                .mapToLong(prefix -> aws.s3().listObjectVersionsPaginator(l -> l.bucket(LocalAws.BUCKET).prefix(prefix))
                        .stream().mapToLong(page -> page.versions().size() + page.deleteMarkers().size()).sum())
                .sum();
        int uploads = aws.s3().listMultipartUploads(l -> l.bucket(LocalAws.BUCKET)
                .prefix(StorageLayout.userUploadsPrefix(user))).uploads().size();
        return new Holdings(objects, uploads, count(LocalAws.JOBS_TABLE, user), count(LocalAws.PERSONAS_TABLE, user));
    }

    private static int count(String table, String user) {
        return aws.dynamoDb().query(q -> q.tableName(table).keyConditionExpression("userId = :u")
                .expressionAttributeValues(Map.of(":u", AttributeValue.fromS(user)))).count();
    }

    private static APIGatewayProxyResponseEvent delete(String user) {
        return handler.handleRequest(ApiCall.of("DELETE", "/v1/me/data").as(user).event(), null);
    }
}

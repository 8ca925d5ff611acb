package dev.persona.api;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.contracts.StorageLayout;
import dev.persona.contracts.UploadMetadata;
import dev.persona.json.Json;
import dev.persona.api.testing.ApiCall;
import dev.persona.api.testing.BrowserUploads;
import dev.persona.api.testing.LocalAws;
import dev.persona.api.testing.OpenApiContract;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** {@code POST /v1/uploads} against DynamoDB Local and S3Proxy, with real PUT and POST uploads. */
class UploadsHandlerIT {

    private static final byte[] CONTENT = "{\"events\":[1,2,3]}\n".getBytes(StandardCharsets.UTF_8);

    private static LocalAws aws;
    private static UploadsHandler handler;

    @BeforeAll
    static void start() {
        aws = LocalAws.shared();
        handler = new UploadsHandler(aws.environment(), aws.dynamoDb(), aws.s3());
    }

    @Test
    void registersTheJobAndReturnsAPresignedPutAndPost() throws Exception {
        String user = user();
        Instant before = Instant.now();

        APIGatewayProxyResponseEvent response = create(user, "C:\\fakepath\\My Activity (1).json", "application/json",
                CONTENT.length, "Europe/Paris");

        assertThat(response.getStatusCode()).isEqualTo(201);
        OpenApiContract.assertConforms("POST", "/v1/uploads", response);
        JsonNode body = Json.MAPPER.readTree(response.getBody());
        String jobId = body.get("jobId").asText();
        assertThat(body.get("uploadId").asText()).isEqualTo(jobId);
        assertThat(StorageLayout.isValidId(jobId)).isTrue();
        assertThat(body.get("key").asText()).isEqualTo("uploads/" + user + "/" + jobId + "/My_Activity_1_.json");
        assertThat(response.getHeaders()).containsEntry("Location", "/v1/jobs/" + jobId)
                .containsEntry("Access-Control-Allow-Origin", LocalAws.ORIGIN)
                .containsEntry("Cache-Control", "no-store");

        Map<String, AttributeValue> item = aws.dynamoDb().getItem(get -> get.tableName(LocalAws.JOBS_TABLE)
                .key(Map.of("userId", AttributeValue.fromS(user), "jobId", AttributeValue.fromS(jobId)))).item();
        assertThat(item.get("status").s()).isEqualTo("AWAITING_UPLOAD");
        assertThat(item.get("filename").s()).isEqualTo("My_Activity_1_.json");
        assertThat(item.get("contentType").s()).isEqualTo("application/json");
        assertThat(item.get("declaredSizeBytes").n()).isEqualTo(Integer.toString(CONTENT.length));
        assertThat(item.get("objectKey").s()).isEqualTo(body.get("key").asText());
        assertThat(Instant.parse(item.get("createdAt").s())).isBetween(before.minusSeconds(1), Instant.now());
        assertThat(item.get("updatedAt").s()).isEqualTo(item.get("createdAt").s());
        assertThat(Long.parseLong(item.get("expiresAt").n()))
                .isCloseTo(before.plusSeconds(900 + 86_400).getEpochSecond(), within(5L));
    }

    @Test
    void thePresignedPutUploadsTheObjectWithItsTypeAndTimeZone() throws Exception {
        JsonNode upload = upload(user(), "events.json", "application/json", CONTENT.length,
                "America/New_York");

        assertThat(upload.at("/put/headers").properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("content-length", "content-type", "x-amz-meta-timezone");
        HttpResponse<String> put = BrowserUploads.put(upload.get("put"), CONTENT);

        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertStored(upload.get("key").asText(), "application/json", "America/New_York");
    }

    @Test
    void aViewingProfileTravelsPercentEncodedInBothUploadsAndIsSigned() throws Exception {
        JsonNode put = Json.MAPPER.readTree(create(user(), "ViewingActivity.csv", "text/csv", CONTENT.length,
                "Europe/Berlin", "  Zoë & Ben+1 ").getBody());
        assertThat(put.at("/put/headers/x-amz-meta-viewing-profile").asText()).isEqualTo("Zo%C3%AB%20%26%20Ben%2B1");
        assertThat(BrowserUploads.put(put.get("put"), CONTENT).statusCode()).isEqualTo(200);
        assertThat(head(put.get("key").asText()).metadata())
                .containsEntry(UploadMetadata.VIEWING_PROFILE, "Zo%C3%AB%20%26%20Ben%2B1");

        JsonNode post = Json.MAPPER.readTree(create(user(), "ViewingActivity.csv", "text/csv", CONTENT.length,
                null, "Anna").getBody());
        Map<String, String> fields = fields(post);
        assertThat(fields).containsEntry("x-amz-meta-viewing-profile", "Anna");
        fields.put("x-amz-meta-viewing-profile", "Ben");
        assertThat(BrowserUploads.post(post.at("/post/url").asText(), fields, CONTENT).statusCode())
                .as("another profile than the policy names").isEqualTo(403);
        fields.put("x-amz-meta-viewing-profile", "Anna");
        assertThat(BrowserUploads.post(post.at("/post/url").asText(), fields, CONTENT).statusCode()).isBetween(200, 204);
        assertThat(head(post.get("key").asText()).metadata()).containsEntry(UploadMetadata.VIEWING_PROFILE, "Anna");
    }

    @Test
    void aViewingProfileWithControlCharactersIsAFieldError() throws Exception {
        APIGatewayProxyResponseEvent response = create(user(), "ViewingActivity.csv", "text/csv", CONTENT.length,
                null, "Anna\u0007");

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(response.getBody()).at("/errors/0/field").asText()).isEqualTo("viewingProfile");
        OpenApiContract.assertConforms("POST", "/v1/uploads", response);
    }

    @Test
    void thePresignedPutRefusesAFileOfAnotherSize() throws Exception {
        JsonNode upload = upload(user(), "events.json", "application/json", CONTENT.length,
                null);

        HttpResponse<String> put = BrowserUploads.put(upload.get("put"), "{\"much\":\"longer than announced\"}\n"
                .getBytes(StandardCharsets.UTF_8));

        assertThat(put.statusCode()).isEqualTo(403);
        assertThat(put.body()).contains("SignatureDoesNotMatch");
        assertNoObject(upload.get("key").asText());
    }

    @Test
    void thePresignedPostUploadsTheObjectWithItsTypeAndTimeZone() throws Exception {
        JsonNode upload = upload(user(), "events.csv", "text/csv", CONTENT.length,
                "Asia/Tokyo");

        HttpResponse<String> post = BrowserUploads.post(upload.at("/post/url").asText(), fields(upload), CONTENT);

        assertThat(post.statusCode()).as(post.body()).isBetween(200, 204);
        assertStored(upload.get("key").asText(), "text/csv", "Asia/Tokyo");
    }

    @Test
    void theServerRefusesAPostLargerThanDeclared() throws Exception {
        JsonNode upload = upload(user(), "events.json", "application/json", CONTENT.length,
                null);
        byte[] tooLarge = new byte[CONTENT.length + 1];

        HttpResponse<String> post = BrowserUploads.post(upload.at("/post/url").asText(), fields(upload), tooLarge);

        assertThat(post.statusCode()).isEqualTo(400);
        assertThat(post.body()).contains("EntityTooLarge");
        assertNoObject(upload.get("key").asText());
    }

    @Test
    void theServerRefusesAPostToAnotherKey() throws Exception {
        String user = user();
        JsonNode upload = upload(user, "events.json", "application/json", CONTENT.length,
                null);
        Map<String, String> fields = fields(upload);
        String otherKey = "uploads/" + user() + "/" + upload.get("jobId").asText() + "/events.json";
        fields.put("key", otherKey);

        HttpResponse<String> post = BrowserUploads.post(upload.at("/post/url").asText(), fields, CONTENT);

        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(post.body()).contains("Invalid according to Policy");
        assertNoObject(otherKey);
        assertNoObject(upload.get("key").asText());
    }

    @Test
    void theServerRefusesAPostWithAFieldThePolicyDoesNotName() throws Exception {
        JsonNode upload = upload(user(), "events.json", "application/json", CONTENT.length,
                null);
        Map<String, String> fields = fields(upload);
        fields.put("x-amz-meta-injected", "1");

        HttpResponse<String> post = BrowserUploads.post(upload.at("/post/url").asText(), fields, CONTENT);

        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(post.body()).contains("Invalid according to Policy");
        assertNoObject(upload.get("key").asText());
    }

    @Test
    void bothUploadsAreRefusedOnceExpired() throws Exception {
        UploadsHandler shortLived = new UploadsHandler(aws.environment(Map.of("PRESIGNED_URL_TTL_SECONDS", "1")),
                aws.dynamoDb(), aws.s3());
        JsonNode upload = Json.MAPPER.readTree(shortLived.handleRequest(ApiCall.of("POST", "/v1/uploads").as(user())
                .jsonBody("{\"filename\":\"a.json\",\"contentType\":\"application/json\",\"sizeBytes\":"
                        + CONTENT.length + "}").event(), null).getBody());
        Thread.sleep(2100);

        HttpResponse<String> put = BrowserUploads.put(upload.get("put"), CONTENT);
        HttpResponse<String> post = BrowserUploads.post(upload.at("/post/url").asText(), fields(upload), CONTENT);

        assertThat(put.statusCode()).isEqualTo(403);
        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(post.body()).contains("Policy expired");
        assertNoObject(upload.get("key").asText());
    }

    @Test
    void refusesAFileLargerThanTheLimitWithAFieldError() throws Exception {
        APIGatewayProxyResponseEvent response = create(user(), "big.json", "application/json", (1L << 30) + 1, null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        OpenApiContract.assertConforms("POST", "/v1/uploads", response);
        JsonNode problem = Json.MAPPER.readTree(response.getBody());
        assertThat(problem.get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(problem.at("/errors/0/field").asText()).isEqualTo("sizeBytes");
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json")
                .containsEntry("Access-Control-Allow-Origin", LocalAws.ORIGIN);
    }

    @Test
    void aRequestThatDidNotPassTheAuthorizerIsUnauthorized() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(ApiCall.of("POST", "/v1/uploads")
                .jsonBody("{\"filename\":\"a.json\",\"contentType\":\"application/json\",\"sizeBytes\":1}")
                .event(), null);

        assertThat(response.getStatusCode()).isEqualTo(401);
        OpenApiContract.assertConforms("POST", "/v1/uploads", response);
    }

    private static APIGatewayProxyResponseEvent create(String user, String filename, String contentType, long size,
            String timezone) throws Exception {
        return create(user, filename, contentType, size, timezone, null);
    }

    private static APIGatewayProxyResponseEvent create(String user, String filename, String contentType, long size,
            String timezone, String viewingProfile) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("filename", filename);
        body.put("contentType", contentType);
        body.put("sizeBytes", size);
        if (timezone != null) {
            body.put("timezone", timezone);
        }
        if (viewingProfile != null) {
            body.put("viewingProfile", viewingProfile);
        }
        return handler.handleRequest(ApiCall.of("POST", "/v1/uploads").as(user)
                .jsonBody(Json.MAPPER.writeValueAsString(body)).event(), null);
    }

    private static JsonNode upload(String user, String filename, String contentType, long size, String timezone)
            throws Exception {
        return Json.MAPPER.readTree(create(user, filename, contentType, size, timezone).getBody());
    }

    /** The upload arrived whole, with the announced type and the time zone as user metadata. */
    private static void assertStored(String key, String contentType, String timezone) {
        HeadObjectResponse head = head(key);
        assertThat(head.contentLength()).isEqualTo(CONTENT.length);
        assertThat(head.contentType()).isEqualTo(contentType);
        assertThat(head.metadata()).containsEntry("timezone", timezone);
    }

    private static Map<String, String> fields(JsonNode upload) {
        Map<String, String> fields = new LinkedHashMap<>();
        upload.at("/post/fields").fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue().asText()));
        return fields;
    }

    private static HeadObjectResponse head(String key) {
        return aws.s3().headObject(head -> head.bucket(LocalAws.BUCKET).key(key));
    }

    private static void assertNoObject(String key) {
        assertThatThrownBy(() -> head(key)).isInstanceOf(NoSuchKeyException.class);
    }

    private static String user() {
        return "google_" + UUID.randomUUID().toString().replace("-", "");
    }
}

package dev.persona.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.contracts.StorageLayout;
import dev.persona.json.Json;
import dev.persona.api.testing.ApiCall;
import dev.persona.api.testing.LocalAws;
import dev.persona.api.testing.OpenApiContract;
import dev.persona.api.testing.PipelineWrites;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code GET /v1/jobs} and {@code GET /v1/jobs/{jobId}} over job items written as the pipeline writes them. */
class JobsHandlerIT {

    private static LocalAws aws;
    private static JobsHandler jobs;
    private static UploadsHandler uploads;
    private static PipelineWrites pipeline;

    @BeforeAll
    static void start() {
        aws = LocalAws.shared();
        jobs = new JobsHandler(aws.environment(), aws.dynamoDb());
        uploads = new UploadsHandler(aws.environment(), aws.dynamoDb(), aws.s3());
        pipeline = new PipelineWrites(aws.dynamoDb(), LocalAws.JOBS_TABLE);
    }

    @Test
    void listsNewestFirstOnePageAtATime() throws Exception {
        String user = user();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(createUpload(user, "file" + i + ".json"));
            Thread.sleep(3);
        }
        List<String> listed = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ApiCall call = ApiCall.of("GET", "/v1/jobs").as(user).query("limit", "2");
            if (cursor != null) {
                call.query("cursor", cursor);
            }
            APIGatewayProxyResponseEvent response = jobs.handleRequest(call.event(), null);
            assertThat(response.getStatusCode()).isEqualTo(200);
            OpenApiContract.assertConforms("GET", "/v1/jobs", response);
            JsonNode page = Json.MAPPER.readTree(response.getBody());
            assertThat(page.get("items").size()).isLessThanOrEqualTo(2);
            page.get("items").forEach(item -> listed.add(item.get("jobId").asText()));
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(listed).containsExactlyElementsOf(created.reversed());
        assertThat(pages).isBetween(3, 4);
    }

    @Test
    void refusesTamperedForeignAndGarbageCursors() throws Exception {
        String owner = user();
        createUpload(owner, "a.json");
        createUpload(owner, "b.json");
        JsonNode first = body(jobs.handleRequest(ApiCall.of("GET", "/v1/jobs").as(owner).query("limit", "1").event(), null));
        String cursor = first.get("nextCursor").asText();
        String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        String retargeted = Base64.getUrlEncoder().withoutPadding().encodeToString(
                decoded.replace(owner, user()).getBytes(StandardCharsets.UTF_8));

        for (String bad : List.of("garbage", retargeted, cursor.substring(0, cursor.length() - 4), "", "e30")) {
            APIGatewayProxyResponseEvent response = jobs.handleRequest(
                    ApiCall.of("GET", "/v1/jobs").as(owner).query("cursor", bad).event(), null);
            assertThat(response.getStatusCode()).as(bad).isEqualTo(400);
            assertThat(body(response).get("code").asText()).isEqualTo("INVALID_CURSOR");
            OpenApiContract.assertConforms("GET", "/v1/jobs", response);
        }
        APIGatewayProxyResponseEvent stolen = jobs.handleRequest(
                ApiCall.of("GET", "/v1/jobs").as(user()).query("cursor", cursor).event(), null);
        assertThat(stolen.getStatusCode()).as("another user's cursor").isEqualTo(400);
    }

    @Test
    void boundsTheLimit() throws Exception {
        for (String limit : List.of("0", "101", "ten", "-1")) {
            APIGatewayProxyResponseEvent response = jobs.handleRequest(
                    ApiCall.of("GET", "/v1/jobs").as(user()).query("limit", limit).event(), null);
            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(body(response).at("/errors/0/field").asText()).isEqualTo("limit");
        }
    }

    @Test
    void pollingFollowsThePipelineWithEntityTagsAndRetryHints() throws Exception {
        String user = user();
        String jobId = createUpload(user, "activity.json");
        String key = "uploads/" + user + "/" + jobId + "/activity.json";
        Map<String, String> execution = execution(user, jobId, key);

        APIGatewayProxyResponseEvent awaiting = get(user, jobId, null);
        assertThat(awaiting.getStatusCode()).isEqualTo(200);
        assertThat(body(awaiting).get("status").asText()).isEqualTo("AWAITING_UPLOAD");
        assertThat(awaiting.getHeaders()).containsEntry("Retry-After", "2").containsEntry("Cache-Control", "no-store");
        String etag = awaiting.getHeaders().get("ETag");
        assertThat(etag).matches("\"[A-Za-z0-9_-]+\"");

        APIGatewayProxyResponseEvent unchanged = get(user, jobId, etag);
        assertThat(unchanged.getStatusCode()).isEqualTo(304);
        assertThat(unchanged.getBody()).isNull();
        assertThat(unchanged.getHeaders()).containsEntry("ETag", etag).doesNotContainKey("Content-Type");
        assertThat(get(user, jobId, "W/" + etag).getStatusCode()).as("weak comparison").isEqualTo(304);

        runStates(execution, "RegisterJob", "MarkPreprocessing", "MarkCategorizing");
        APIGatewayProxyResponseEvent running = get(user, jobId, etag);
        assertThat(running.getStatusCode()).isEqualTo(200);
        JsonNode job = body(running);
        assertThat(job.get("status").asText()).isEqualTo("RUNNING");
        assertThat(job.get("step").asText()).isEqualTo("categorize");
        assertThat(job.at("/counts/recordsRead").asLong()).isEqualTo(120);
        assertThat(job.at("/counts/recordsKept").asLong()).isEqualTo(100);
        assertThat(job.at("/counts/duplicatesRemoved").asLong()).isEqualTo(15);
        assertThat(job.get("detectedFormat").asText()).isEqualTo("takeout-json");
        assertThat(job.get("uploadedSizeBytes").asLong()).isEqualTo(2048);
        assertThat(running.getHeaders().get("ETag")).isNotEqualTo(etag);
        assertThat(running.getHeaders()).containsEntry("Retry-After", "2");

        runStates(execution, "MarkBuildingPersona", "MarkSucceeded");
        APIGatewayProxyResponseEvent succeeded = get(user, jobId, null);
        JsonNode done = body(succeeded);
        assertThat(done.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(done.has("step")).isFalse();
        assertThat(done.at("/persona/href").asText()).isEqualTo("/v1/personas/" + jobId);
        assertThat(done.at("/persona/archetype").asText()).isEqualTo("night-owl");
        assertThat(done.at("/counts/recordsCategorized").asLong()).isEqualTo(98);
        assertThat(done.hasNonNull("finishedAt")).isTrue();
        assertThat(succeeded.getHeaders()).doesNotContainKey("Retry-After");
    }

    @Test
    void aFailedJobCarriesTheUserSafeError() throws Exception {
        String user = user();
        String jobId = createUpload(user, "broken.csv");
        Map<String, String> execution = execution(user, jobId, "uploads/" + user + "/" + jobId + "/broken.csv");
        runStates(execution, "RegisterJob", "RecordFailure");

        APIGatewayProxyResponseEvent response = get(user, jobId, null);

        JsonNode job = body(response);
        assertThat(job.get("status").asText()).isEqualTo("FAILED");
        assertThat(job.at("/error/code").asText()).isEqualTo("UnsupportedFormat");
        assertThat(job.at("/error/message").asText()).isEqualTo("We could not recognise this file's format.");
        assertThat(response.getHeaders()).doesNotContainKey("Retry-After");
    }

    @Test
    void thePipelineRegistersOnlyAJobTheApiHandedOutForThatKey() throws Exception {
        String user = user();
        String jobId = createUpload(user, "activity.json");
        String unannounced = "01JCREDENTIALSUPLOAD00000";

        assertThatThrownBy(() -> pipeline.run("RegisterJob",
                execution(user, unannounced, "uploads/" + user + "/" + unannounced + "/MyActivity.json")))
                .as("no job was handed out for this id").isInstanceOf(ConditionalCheckFailedException.class);
        assertThatThrownBy(() -> pipeline.run("RegisterJob",
                execution(user, jobId, "uploads/" + user + "/" + jobId + "/other.json")))
                .as("the job was handed out for another key").isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(get(user, unannounced, null).getStatusCode()).isEqualTo(404);
        assertThat(body(get(user, jobId, null)).get("status").asText()).isEqualTo("AWAITING_UPLOAD");
    }

    @Test
    void anotherUsersJobIsNotFoundExactlyLikeAMissingOne() throws Exception {
        String owner = user();
        String stranger = user();
        String jobId = createUpload(owner, "private.json");

        APIGatewayProxyResponseEvent foreign = get(stranger, jobId, null);
        APIGatewayProxyResponseEvent missing = get(stranger, "01JNOSUCHJOB0000000000000", null);
        APIGatewayProxyResponseEvent malformed = get(stranger, "..", null);

        for (APIGatewayProxyResponseEvent response : List.of(foreign, missing, malformed)) {
            assertThat(response.getStatusCode()).isEqualTo(404);
            }
        assertThat(withoutRequestId(foreign)).isEqualTo(withoutRequestId(missing));
        JsonNode strangersList = body(jobs.handleRequest(ApiCall.of("GET", "/v1/jobs").as(stranger).event(), null));
        assertThat(strangersList.get("items")).isEmpty();
        assertThat(strangersList.has("nextCursor")).isFalse();
    }

    @Test
    void aRequestWithoutTheAuthorizersUserIsUnauthorized() {
        APIGatewayProxyResponseEvent response = jobs.handleRequest(ApiCall.of("GET", "/v1/jobs").event(), null);

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        OpenApiContract.assertConforms("GET", "/v1/jobs", response);
    }

    private static String createUpload(String user, String filename) throws Exception {
        APIGatewayProxyResponseEvent response = uploads.handleRequest(ApiCall.of("POST", "/v1/uploads").as(user)
                .jsonBody("{\"filename\":\"" + filename + "\",\"contentType\":\"application/json\",\"sizeBytes\":2048}")
                .event(), null);
        assertThat(response.getStatusCode()).isEqualTo(201);
        return body(response).get("jobId").asText();
    }

    /** Polls the job; every answer must be one the OpenAPI document describes. */
    private static APIGatewayProxyResponseEvent get(String user, String jobId, String ifNoneMatch) {
        APIGatewayProxyResponseEvent response = jobs.handleRequest(ApiCall.of("GET", "/v1/jobs/{jobId}").as(user)
                .path("jobId", jobId).header("If-None-Match", ifNoneMatch).event(), null);
        return response;
    }

    /** Runs the state machine's job writes of these states, in order. */
    private static void runStates(Map<String, String> execution, String... states) {
        for (String state : states) {
            pipeline.run(state, execution);
        }
    }

    /** The values one execution of the state machine binds its paths to. */
    private static Map<String, String> execution(String user, String jobId, String key) {
        Map<String, String> values = new HashMap<>();
        values.put("$.userId", user);
        values.put("$.jobId", jobId);
        values.put("$.object.key", key);
        values.put("$.object.etag", "0123456789abcdef");
        values.put("$.object.version-id", "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY");
        values.put("States.JsonToString($.object.size)", "2048");
        values.put("$$.Execution.Id", "arn:aws:states:eu-west-1:123456789012:execution:persona-pipeline:" + jobId);
        values.put("$$.State.EnteredTime", Instant.now().toString());
        values.put("States.JsonToString($.preprocess.recordsRead)", "120");
        values.put("States.JsonToString($.preprocess.recordsKept)", "100");
        values.put("States.JsonToString($.preprocess.recordsRejected)", "5");
        values.put("States.JsonToString($.preprocess.duplicatesRemoved)", "15");
        values.put("$.preprocess.format", "takeout-json");
        values.put("States.JsonToString($.categorize.recordsCategorized)", "98");
        values.put("$.persona.personaKey", StorageLayout.personaKey(user, jobId));
        values.put("$.persona.archetype", "night-owl");
        values.put("$.failure.errorCode", "UnsupportedFormat");
        values.put("$.failure.detail.errorMessage", "We could not recognise this file's format.");
        return values;
    }

    private static JsonNode body(APIGatewayProxyResponseEvent response) throws Exception {
        return Json.MAPPER.readTree(response.getBody());
    }

    private static JsonNode withoutRequestId(APIGatewayProxyResponseEvent response) throws Exception {
        ObjectNode body = (ObjectNode) body(response);
        body.remove("requestId");
        return body;
    }

    private static String user() {
        return "google_" + UUID.randomUUID().toString().replace("-", "");
    }
}

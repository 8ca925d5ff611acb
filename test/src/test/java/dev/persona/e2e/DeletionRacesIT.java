package dev.persona.e2e;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.contracts.StorageLayout;
import dev.persona.local.runtime.PersonaLocalRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delete-my-data against a pipeline that is still working (security finding 2), and uploads no job claims
 * (findings 3, 6 and 12). Each interleaving is made deterministic by a hook around one step's handler in the local
 * runtime: the deletion runs exactly before or after that step, never after a sleep. Whatever the order, data the
 * person asked to delete never comes back and nothing is left behind: no job, no persona, no object version.
 */
class DeletionRacesIT {

    private enum Moment { BEFORE, AFTER }

    /** What runs around the next invocation of a step, by step id and moment; each runs once. */
    private static final Map<String, Runnable> HOOKS = new ConcurrentHashMap<>();

    private static PersonaLocalRuntime stack;
    private static SfnClient sfn;
    private static DynamoDbClient dynamoDb;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        PersonaLocalRuntime.Builder builder = PersonaLocalRuntime.builder()
                .logs(new PrintStream(OutputStream.nullOutputStream()));
        for (LambdaFunctions.PipelineFunction step : LambdaFunctions.PIPELINE) {
            String id = step.function().id();
            builder.decorateFunction(id, handler -> hooked(id, handler));
        }
        stack = builder.build().start();
        var endpoints = stack.endpoints();
        sfn = SfnClient.builder().endpointOverride(endpoints.stepFunctions()).region(Region.of(endpoints.region()))
                .credentialsProvider(endpoints.credentials()).httpClient(UrlConnectionHttpClient.create()).build();
        dynamoDb = DynamoDbClient.builder().endpointOverride(endpoints.dynamoDb()).region(Region.of(endpoints.region()))
                .credentialsProvider(endpoints.credentials()).httpClient(UrlConnectionHttpClient.create()).build();
        s3 = S3Client.builder().endpointOverride(endpoints.s3()).region(Region.of(endpoints.region()))
                .forcePathStyle(true).credentialsProvider(endpoints.credentials())
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stop() {
        sfn.close();
        dynamoDb.close();
        s3.close();
        stack.close();
    }

    @AfterEach
    void everyHookRan() {
        assertThat(HOOKS).as("hooks that never ran").isEmpty();
    }

    private static RequestStreamHandler hooked(String step, RequestStreamHandler handler) {
        return (in, out, context) -> {
            byte[] event = in.readAllBytes();
            run(step, Moment.BEFORE);
            handler.handleRequest(new ByteArrayInputStream(event), out, context);
            run(step, Moment.AFTER);
        };
    }

    private static void run(String step, Moment moment) {
        Runnable hook = HOOKS.remove(step + "/" + moment);
        if (hook != null) {
            hook.run();
        }
    }

    private static void when(LambdaFunctions.PipelineFunction step, Moment moment, Runnable hook) {
        HOOKS.put(step.function().id() + "/" + moment, hook);
    }

    private static LambdaFunctions.PipelineFunction step(String id) {
        return LambdaFunctions.PIPELINE.stream().filter(s -> s.function().id().equals(id)).findFirst().orElseThrow();
    }

    /** The whole {@code DELETE /v1/me/data}. */
    private static void deleteMyData(ApiUser user) {
        assertThat(user.send("DELETE", "/v1/me/data", null).statusCode()).isEqualTo(200);
    }

    /**
     * Finding 2a: delete-my-data has removed the job (its first step) while build-persona works, and finishes only
     * after the persona document is written: the summary is refused, the document taken back.
     */
    @Test
    void deletingWhileBuildPersonaWorksLeavesNoPersona() {
        assertDeletionDuring("deleted-during-build", step("build-persona"), Moment.BEFORE, DeletionRacesIT::withdrawJobs);
    }

    /** Finding 2a: delete-my-data runs after build-persona recorded the persona, before the job is marked done. */
    @Test
    void deletingAfterBuildPersonaRecordedThePersonaLeavesNoPersona() {
        assertDeletionDuring("deleted-after-build", step("build-persona"), Moment.AFTER, DeletionRacesIT::deleteMyData);
    }

    /** Finding 2b: preprocess writes its files after delete-my-data removed the job. */
    @Test
    void deletingWhilePreprocessWorksLeavesNoProcessedFiles() {
        assertDeletionDuring("deleted-during-preprocess", step("preprocess"), Moment.BEFORE,
                DeletionRacesIT::withdrawJobs);
    }

    /** Finding 2b: categorize writes its file after delete-my-data removed the job. */
    @Test
    void deletingWhileCategorizeWorksLeavesNoProcessedFiles() {
        assertDeletionDuring("deleted-during-categorize", step("categorize"), Moment.BEFORE,
                DeletionRacesIT::withdrawJobs);
    }

    /** Finding 2b: the whole delete-my-data runs between preprocess and categorize. */
    @Test
    void deletingBetweenTheStepsLeavesNothing() {
        assertDeletionDuring("deleted-between-steps", step("preprocess"), Moment.AFTER, DeletionRacesIT::deleteMyData);
    }

    /**
     * The person deletes their data while the pipeline runs the given step; whatever the run wrote afterwards is
     * removed, and it ends as JobWithdrawn.
     */
    private void assertDeletionDuring(String name, LambdaFunctions.PipelineFunction step, Moment moment,
            Consumer<ApiUser> deletion) {
        ApiUser user = new ApiUser(stack, name);
        when(step, moment, () -> deletion.accept(user));

        String jobId = user.uploadWithPut("events.csv", "text/csv", ActivityFiles.csv(ActivityFiles.SPORTS, 40));

        ExecutionListItem execution = awaitExecution(user, jobId, 1).getLast();
        assertThat(execution.statusAsString()).isEqualTo("SUCCEEDED");
        assertThat(lastState(execution)).isEqualTo("JobWithdrawn");
        assertNothingLeftOf(user);
    }

    /**
     * Delete-my-data's first step alone, as if it were paused right after it: the job items are gone, nothing else
     * yet. Every later write of a run is conditioned on its job, so this is the moment a run loses it.
     */
    private static void withdrawJobs(ApiUser user) {
        String table = stack.endpoints().jobsTable();
        for (Map<String, AttributeValue> job : dynamoDb.query(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("userId = :user")
                .expressionAttributeValues(Map.of(":user", AttributeValue.fromS(user.userId())))).items()) {
            dynamoDb.deleteItem(b -> b.tableName(table).key(Map.of("userId", job.get("userId"),
                    "jobId", job.get("jobId"))));
        }
    }

    /** Finding 2c: the URL handed out before the deletion still uploads, but the upload finds no job. */
    @Test
    void anUploadArrivingAfterTheDeletionIsDiscardedWithoutAJob() {
        ApiUser user = new ApiUser(stack, "deleted-before-upload");
        byte[] content = ActivityFiles.csv(ActivityFiles.FOOD, 30);
        JsonNode upload = user.createUpload("events.csv", "text/csv", content.length);
        deleteMyData(user);

        String jobId = user.put(upload, content);

        ExecutionListItem execution = awaitExecution(user, jobId, 1).getLast();
        assertThat(lastState(execution)).isEqualTo("UploadWithoutJob");
        assertNothingLeftOf(user);
    }

    /** Finding 3: with vended credentials, another file than the one awaited is not processed. */
    @Test
    void anotherFileInAJobAwaitingItsUploadIsDiscardedAndTheJobKeepsWaiting() {
        ApiUser user = new ApiUser(stack, "stray-file");
        byte[] content = ActivityFiles.csv(ActivityFiles.SPORTS, 30);
        JsonNode upload = user.createUpload("events.csv", "text/csv", content.length);
        String jobId = upload.path("jobId").asText();
        String stray = StorageLayout.userUploadsPrefix(user.userId()) + jobId + "/other.csv";
        try (S3Client vended = user.vendedS3(stack)) {
            vended.putObject(b -> b.bucket(stack.endpoints().bucket()).key(stray), RequestBody.fromBytes(content));

            assertThat(lastState(awaitExecution(user, jobId, 1).getLast())).isEqualTo("UploadDiscarded");
            assertThat(versions(stray)).isEmpty();
            assertThat(ApiUser.body(user.get("/v1/jobs/" + jobId), 200).path("status").asText())
                    .isEqualTo("AWAITING_UPLOAD");

            vended.putObject(b -> b.bucket(stack.endpoints().bucket()).key(upload.path("key").asText()),
                    RequestBody.fromBytes(content));
            assertThat(user.awaitJob(jobId).path("status").asText()).isEqualTo("SUCCEEDED");
        }
    }

    /** Finding 3: an upload larger than the size declared for it fails its job with a named error. */
    @Test
    void anUploadLargerThanDeclaredFailsAsUploadTooLarge() {
        ApiUser user = new ApiUser(stack, "undeclared-size");
        byte[] content = ActivityFiles.csv(ActivityFiles.SPORTS, 200);
        JsonNode upload = user.createUpload("events.csv", "text/csv", 38);
        try (S3Client vended = user.vendedS3(stack)) {
            vended.putObject(b -> b.bucket(stack.endpoints().bucket()).key(upload.path("key").asText()),
                    RequestBody.fromBytes(content));
        }

        JsonNode job = user.awaitJob(upload.path("jobId").asText());
        assertThat(job.path("status").asText()).isEqualTo("FAILED");
        assertThat(job.at("/error/code").asText()).isEqualTo("UploadTooLarge");
        assertThat(job.at("/error/message").asText()).contains(content.length + " bytes").contains("38 bytes");
    }

    /**
     * Finding 6: a key under an id the API never handed out creates no job (not even one named like a route),
     * and an id that is no valid id leaves no FAILED job behind; both uploads are deleted.
     */
    @Test
    void keysUnderIdsTheApiNeverHandedOutCreateNoJob() {
        ApiUser user = new ApiUser(stack, "chosen-ids");
        String prefix = StorageLayout.userUploadsPrefix(user.userId());
        byte[] content = ActivityFiles.csv(ActivityFiles.SPORTS, 10);
        List<String> ids = List.of("latest", "x".repeat(300), "%3Cb%3Ebold%3C%2Fb%3E", "<b>bold</b>");
        try (S3Client vended = user.vendedS3(stack)) {
            for (String id : ids) {
                vended.putObject(b -> b.bucket(stack.endpoints().bucket()).key(prefix + id + "/x.csv"),
                        RequestBody.fromBytes(content));
            }
        }
        for (String id : ids) {
            assertThat(lastState(awaitExecution(user, id, 1).getLast())).as(id).isEqualTo("UploadWithoutJob");
        }
        assertThat(ApiUser.body(user.get("/v1/jobs"), 200).path("jobs")).isEmpty();
        assertThat(user.get("/v1/personas/latest").statusCode()).isEqualTo(404);
        assertNothingLeftOf(user);
    }

    /** Finding 12: a presigned PUT replayed after its object arrived does not accumulate versions. */
    @Test
    void aReplayedPresignedPutLeavesOnlyTheVersionTheJobClaimed() {
        ApiUser user = new ApiUser(stack, "replayed-put");
        byte[] content = ActivityFiles.csv(ActivityFiles.TRAVEL, 30);
        JsonNode upload = user.createUpload("events.csv", "text/csv", content.length);
        String jobId = user.put(upload, content);
        assertThat(user.awaitJob(jobId).path("status").asText()).isEqualTo("SUCCEEDED");
        String claimed = versions(upload.path("key").asText()).getFirst();

        user.put(upload, content);
        user.put(upload, content);

        List<ExecutionListItem> executions = awaitExecution(user, jobId, 3);
        assertThat(executions.subList(1, 3)).extracting(DeletionRacesIT::lastState)
                .containsExactly("UploadDiscarded", "UploadDiscarded");
        assertThat(versions(upload.path("key").asText())).containsExactly(claimed);
        assertThat(user.awaitJob(jobId).path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(user.persona(jobId).path("jobId").asText()).isEqualTo(jobId);
    }

    /** No job, persona item, object version, delete marker or unfinished upload of the user anywhere. */
    private static void assertNothingLeftOf(ApiUser user) {
        for (String prefix : StorageLayout.userPrefixes(user.userId())) {
            ListObjectVersionsResponse listing = s3.listObjectVersions(b -> b.bucket(stack.endpoints().bucket())
                    .prefix(prefix));
            assertThat(listing.versions()).as(prefix).isEmpty();
            assertThat(listing.deleteMarkers()).as(prefix).isEmpty();
        }
        assertThat(s3.listMultipartUploads(b -> b.bucket(stack.endpoints().bucket())
                .prefix(StorageLayout.userUploadsPrefix(user.userId()))).uploads()).isEmpty();
        for (String table : List.of(stack.endpoints().jobsTable(), stack.endpoints().personasTable())) {
            assertThat(dynamoDb.query(b -> b.tableName(table).consistentRead(true)
                    .keyConditionExpression("userId = :user")
                    .expressionAttributeValues(Map.of(":user", AttributeValue.fromS(user.userId())))).items())
                    .as(table).isEmpty();
        }
        assertThat(user.get("/v1/personas/latest").statusCode()).isEqualTo(404);
    }

    private static List<String> versions(String key) {
        return s3.listObjectVersions(b -> b.bucket(stack.endpoints().bucket()).prefix(key)).versions().stream()
                .map(version -> version.versionId()).toList();
    }

    /** The job's first {@code count} executions, once all of them have ended. */
    private static List<ExecutionListItem> awaitExecution(ApiUser user, String jobId, int count) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            List<ExecutionListItem> executions = Executions.ofJob(sfn, stack.stateMachineArn(), user.userId(), jobId);
            if (executions.size() >= count && executions.stream().limit(count)
                    .noneMatch(execution -> execution.statusAsString().equals("RUNNING"))) {
                return new ArrayList<>(executions.subList(0, count));
            }
            assertThat(Instant.now()).as("executions of %s: %s", jobId, executions).isBefore(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The state the execution ended in. */
    private static String lastState(ExecutionListItem execution) {
        return sfn.getExecutionHistory(b -> b.executionArn(execution.executionArn()).reverseOrder(true))
                .events().stream()
                .filter(event -> event.stateEnteredEventDetails() != null)
                .map(event -> event.stateEnteredEventDetails().name())
                .findFirst().orElseThrow();
    }
}

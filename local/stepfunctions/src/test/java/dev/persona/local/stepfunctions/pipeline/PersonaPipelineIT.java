package dev.persona.local.stepfunctions.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.contracts.JobAttributes;
import dev.persona.contracts.JobStatus;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.contracts.StateMachineSubstitutions;
import dev.persona.contracts.Tables;
import dev.persona.local.servers.LocalDynamoDb;
import dev.persona.local.servers.TableProvisioner;
import dev.persona.local.stepfunctions.Execution;
import dev.persona.local.stepfunctions.LocalStepFunctions;
import dev.persona.local.stepfunctions.Machines;
import dev.persona.local.stepfunctions.StateMachineRecord;
import dev.persona.local.stepfunctions.StateMachineType;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.exec.ExecutionOutcome;
import dev.persona.local.stepfunctions.asl.exec.ExecutionStatus;
import dev.persona.local.stepfunctions.asl.exec.HistoryEvent;
import dev.persona.local.stepfunctions.asl.exec.HistoryEventType;
import dev.persona.local.stepfunctions.time.VirtualTimeSource;
import dev.persona.local.stepfunctions.tasks.lambda.JsonFunction;
import dev.persona.local.stepfunctions.tasks.lambda.LambdaFunctionError;
import dev.persona.local.stepfunctions.tasks.lambda.LambdaServiceException;
import dev.persona.statemachines.StateMachineDefinitions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static dev.persona.local.stepfunctions.Machines.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project's real pipeline definition, as the CDK app deploys it, on the local Step Functions: its DynamoDB
 * tasks write to DynamoDB Local, its Lambda functions (the three steps and the clean-up) are mocks.
 */
class PersonaPipelineIT {

    /** Lambda names a Java handler's error by its class: the pipeline's errors live in this package. */
    private static final String ERRORS = "dev.persona.pipeline.errors.";
    private static final String PREPROCESS = LambdaFunctions.PREPROCESS.id();
    private static final String CATEGORIZE = LambdaFunctions.CATEGORIZE.id();
    private static final String BUILD_PERSONA = LambdaFunctions.BUILD_PERSONA.id();
    private static final String DISCARD = LambdaFunctions.DISCARD.id();
    /** The size every job in these tests declared when its upload was requested. */
    private static final long DECLARED_SIZE = 4096;

    private static final String TABLE = "persona-jobs";

    private static LocalDynamoDb dynamo;
    private static DynamoDbClient client;
    private static LocalStepFunctions engine;
    private static StateMachineRecord pipeline;

    private final Map<String, JsonFunction> steps = new HashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        dynamo = LocalDynamoDb.builder().build().start();
        client = dynamo.client();
        TableProvisioner.ensureTable(client, Tables.JOBS, TABLE);
        engine = LocalStepFunctions.builder().timeSource(new VirtualTimeSource(Machines.EPOCH)).dynamoDb(client)
                .functionLogs(line -> { }).build();
        Map<String, String> substitutions = new HashMap<>();
        substitutions.put(StateMachineSubstitutions.JOBS_TABLE_NAME, TABLE);
        for (LambdaFunctions.PipelineFunction step : LambdaFunctions.PIPELINE) {
            substitutions.put(step.substitutionKey(), engine.lambdaFunctions().functionArn(step.function().id()));
        }
        pipeline = engine.createStateMachine("persona-pipeline", StateMachineDefinitions.pipeline(substitutions),
                Machines.ROLE, StateMachineType.STANDARD);
    }

    @AfterAll
    static void stop() {
        engine.close();
        client.close();
        dynamo.stop();
    }

    @BeforeEach
    void happySteps() {
        steps.put(LambdaFunctions.PREPROCESS.id(), payload -> json("""
                {"activitiesKey": "processed/%1$s/%2$s/activities.blocks",
                 "reportKey": "processed/%1$s/%2$s/report.json", "format": "takeout-json", "recordsRead": 120,
                 "recordsKept": 100, "recordsRejected": 5, "duplicatesRemoved": 15}"""
                .formatted(payload.get("userId").textValue(), payload.get("jobId").textValue())));
        steps.put(LambdaFunctions.CATEGORIZE.id(), payload -> json("""
                {"categorizedKey": "%s", "recordsCategorized": 100}"""
                .formatted(payload.get("activitiesKey").textValue().replace("activities", "categorized"))));
        steps.put(LambdaFunctions.BUILD_PERSONA.id(), payload -> json("""
                {"personaKey": "personas/%s/%s/persona.json", "archetype": "night-owl-explorer"}"""
                .formatted(payload.get("userId").textValue(), payload.get("jobId").textValue())));
        steps.put(DISCARD, payload -> json("""
                {"outcome": "DUPLICATE", "objectsDeleted": 0}"""));
        for (LambdaFunctions.PipelineFunction step : LambdaFunctions.PIPELINE) {
            String name = step.function().id();
            engine.lambdaFunctions().registerFunction(name, payload -> {
                calls.add(name);
                return steps.get(name).apply(payload);
            });
        }
    }

    /** An EventBridge "Object Created" event for {@code uploads/{userId}/{jobId}/takeout.json}. */
    private static String uploadEvent(String userId, String jobId, String size) {
        return """
                {"version": "0", "id": "8b2f7c1e-1a0b-4f4e-9d36-6f0e8f1d2a11", "detail-type": "Object Created",
                 "source": "aws.s3", "account": "123456789012", "time": "2026-01-01T00:00:00Z", "region": "us-east-1",
                 "resources": ["arn:aws:s3:::persona-uploads"],
                 "detail": {"version": "0", "bucket": {"name": "persona-uploads"},
                   "object": {"key": "uploads/%s/%s/takeout.json", "size": %s, "etag": "d41d8cd98f00b204e9800998ecf8427e",
                              "version-id": "v1", "sequencer": "0062E99A88DC407460"},
                   "request-id": "N4N7GDK58NMKJ12R", "requester": "123456789012", "reason": "PutObject"}}
                """.formatted(userId, jobId, size);
    }

    private static Execution start(String userId, String jobId, String size) {
        return engine.startExecution(pipeline.arn(), null, uploadEvent(userId, jobId, size));
    }

    private static ExecutionOutcome await(Execution execution) {
        return engine.awaitExecution(execution.arn(), Duration.ofSeconds(30));
    }

    private static Map<String, AttributeValue> job(String userId, String jobId) {
        return client.getItem(b -> b.tableName(TABLE).consistentRead(true).key(Map.of(
                JobAttributes.USER_ID, AttributeValue.fromS(userId),
                JobAttributes.JOB_ID, AttributeValue.fromS(jobId)))).item();
    }

    private static void awaitingUpload(String userId, String jobId) {
        client.putItem(b -> b.tableName(TABLE).item(Map.of(
                JobAttributes.USER_ID, AttributeValue.fromS(userId),
                JobAttributes.JOB_ID, AttributeValue.fromS(jobId),
                JobAttributes.STATUS, AttributeValue.fromS(JobStatus.AWAITING_UPLOAD.name()),
                JobAttributes.OBJECT_KEY, AttributeValue.fromS("uploads/" + userId + "/" + jobId + "/takeout.json"),
                JobAttributes.DECLARED_SIZE_BYTES, AttributeValue.fromN(Long.toString(DECLARED_SIZE)),
                JobAttributes.CREATED_AT, AttributeValue.fromS("2025-12-31T23:59:00Z"),
                // DynamoDB Local deletes expired items by the real clock, so the expiry lies a day from now.
                JobAttributes.EXPIRES_AT, AttributeValue.fromN(Long.toString(
                        Instant.now().plus(Duration.ofDays(1)).getEpochSecond())))));
    }

    private static List<String> states(Execution execution) {
        return engine.executionHistory(execution.arn()).stream()
                .filter(e -> e.type().wireName().endsWith("StateEntered"))
                .map(HistoryEvent::details).map(d -> d.get("name").textValue()).toList();
    }

    @Test
    void transientErrorsAreRetriedAndTheJobSucceeds() {
        awaitingUpload("u1", "job-retry");
        AtomicInteger throttled = new AtomicInteger();
        JsonFunction preprocess = steps.get(LambdaFunctions.PREPROCESS.id());
        steps.put(LambdaFunctions.PREPROCESS.id(), payload -> {
            if (throttled.getAndIncrement() == 0) {
                throw LambdaServiceException.tooManyRequests();
            }
            return preprocess.apply(payload);
        });
        AtomicInteger unavailable = new AtomicInteger();
        JsonFunction categorize = steps.get(LambdaFunctions.CATEGORIZE.id());
        steps.put(LambdaFunctions.CATEGORIZE.id(), payload -> {
            if (unavailable.getAndIncrement() < 2) {
                throw new LambdaFunctionError(ERRORS + "StorageUnavailable", "S3 did not answer");
            }
            return categorize.apply(payload);
        });

        Execution execution = start("u1", "job-retry", "2048");
        ExecutionOutcome outcome = await(execution);

        assertThat(outcome.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(calls).containsExactly(PREPROCESS, PREPROCESS, CATEGORIZE, CATEGORIZE, CATEGORIZE, BUILD_PERSONA);
        Map<String, AttributeValue> job = job("u1", "job-retry");
        assertThat(job.get(JobAttributes.STATUS).s()).isEqualTo(JobStatus.SUCCEEDED.name());
        assertThat(job.get(JobAttributes.EXECUTION_ARN).s()).isEqualTo(execution.arn());
        assertThat(job.get(JobAttributes.PERSONA_KEY).s()).isEqualTo("personas/u1/job-retry/persona.json");
        assertThat(job.get(JobAttributes.ARCHETYPE).s()).isEqualTo("night-owl-explorer");
        assertThat(job.get(JobAttributes.OBJECT_SIZE).n()).isEqualTo("2048");
        assertThat(job.get(JobAttributes.RECORDS_READ).n()).isEqualTo("120");
        assertThat(job.get(JobAttributes.RECORDS_CATEGORIZED).n()).isEqualTo("100");
        assertThat(job.get(JobAttributes.DETECTED_FORMAT).s()).isEqualTo("takeout-json");
        assertThat(job.get(JobAttributes.CREATED_AT).s()).isEqualTo("2025-12-31T23:59:00Z");
        assertThat(job).doesNotContainKeys(JobAttributes.STEP, JobAttributes.EXPIRES_AT, JobAttributes.ERROR_CODE);
        assertThat(Machines.types(engine.executionHistory(execution.arn())).stream()
                .filter(HistoryEventType.TASK_FAILED::equals)).hasSize(3);
    }

    @Test
    void aNamedUserErrorFailsTheJobAndTheExecutionWithItsMessage() {
        awaitingUpload("u2", "job-format");
        steps.put(LambdaFunctions.PREPROCESS.id(), payload -> {
            throw new LambdaFunctionError(ERRORS + "UnsupportedFormat", "The file is not a Google Takeout export.");
        });

        Execution execution = start("u2", "job-format", "10");
        ExecutionOutcome outcome = await(execution);

        assertThat(outcome.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(outcome.error()).isEqualTo("UnsupportedFormat");
        assertThat(outcome.cause()).isEqualTo("The file is not a Google Takeout export.");
        assertThat(calls).containsExactly(PREPROCESS);
        Map<String, AttributeValue> job = job("u2", "job-format");
        assertThat(job.get(JobAttributes.STATUS).s()).isEqualTo(JobStatus.FAILED.name());
        assertThat(job.get(JobAttributes.ERROR_CODE).s()).isEqualTo("UnsupportedFormat");
        assertThat(job.get(JobAttributes.ERROR_MESSAGE).s()).isEqualTo("The file is not a Google Takeout export.");
        assertThat(job).containsKey(JobAttributes.FINISHED_AT).doesNotContainKey(JobAttributes.STEP);
        assertThat(states(execution)).containsSubsequence("Preprocess", "DescribeUserError", "RecordFailure",
                "FailureKind", "PipelineFailed");
    }

    /**
     * A Java handler's exception is reported with its class's full name: one outside the pipeline's errors
     * package is not a user error, whatever its simple name.
     */
    @Test
    void anExceptionOfAnotherPackageNamedLikeAUserErrorIsAnInternalError() {
        awaitingUpload("u3", "job-java");
        steps.put(LambdaFunctions.PREPROCESS.id(), payload -> {
            throw new UnsupportedFormat("The file is not a Google Takeout export.");
        });

        Execution execution = start("u3", "job-java", "10");
        ExecutionOutcome outcome = await(execution);

        assertThat(outcome.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(outcome.error()).isEqualTo("States.NoChoiceMatched");
        Map<String, AttributeValue> job = job("u3", "job-java");
        assertThat(job.get(JobAttributes.STATUS).s()).isEqualTo(JobStatus.FAILED.name());
        assertThat(job.get(JobAttributes.ERROR_CODE).s()).isEqualTo("InternalError");
        assertThat(states(execution)).endsWith("DescribeInternalError", "RecordFailure", "FailureKind",
                "ResumeAfterRedrive");
    }

    /**
     * An internal failure ends where a redrive resumes the job: the redriven execution moves the job back to
     * RUNNING and goes on from the step that failed, without running the steps that had succeeded.
     */
    @Test
    void aJobThatFailedOnOurSideSucceedsWhenItsExecutionIsRedriven() {
        awaitingUpload("u7", "job-redrive");
        JsonFunction buildPersona = steps.get(BUILD_PERSONA);
        steps.put(BUILD_PERSONA, payload -> {
            throw new IllegalStateException("the model server is down");
        });
        Execution execution = start("u7", "job-redrive", "64");
        assertThat(await(execution).status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(job("u7", "job-redrive").get(JobAttributes.STATUS).s()).isEqualTo(JobStatus.FAILED.name());
        assertThat(engine.redriveStatus(engine.describeExecution(execution.arn())).redrivable()).isTrue();

        steps.put(BUILD_PERSONA, buildPersona);
        engine.redriveExecution(execution.arn(), null);
        ExecutionOutcome outcome = await(execution);

        assertThat(outcome.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(calls).containsExactly(PREPROCESS, CATEGORIZE, BUILD_PERSONA, BUILD_PERSONA);
        Map<String, AttributeValue> job = job("u7", "job-redrive");
        assertThat(job.get(JobAttributes.STATUS).s()).isEqualTo(JobStatus.SUCCEEDED.name());
        assertThat(job.get(JobAttributes.PERSONA_KEY).s()).isEqualTo("personas/u7/job-redrive/persona.json");
        assertThat(job.get(JobAttributes.RECORDS_CATEGORIZED).n()).isEqualTo("100");
        assertThat(job).doesNotContainKeys(JobAttributes.STEP, JobAttributes.ERROR_CODE, JobAttributes.ERROR_MESSAGE);
        assertThat(states(execution)).endsWith("ResumeAfterRedrive", "ResumeAfterRedrive", "MarkBuildingPersona",
                "BuildPersona", "MarkSucceeded");
        assertThat(engine.describeExecution(execution.arn()).redriveCount()).isEqualTo(1);
    }

    /** A failure before the first step's result resumes at RegisterJob, which the job's own execution may repeat. */
    @Test
    void aJobThatFailedInItsFirstStepStartsOverWhenRedriven() {
        awaitingUpload("u8", "job-first");
        JsonFunction preprocess = steps.get(PREPROCESS);
        steps.put(PREPROCESS, payload -> {
            throw new IllegalStateException("no disk");
        });
        Execution execution = start("u8", "job-first", "8");
        assertThat(await(execution).error()).isEqualTo("States.NoChoiceMatched");

        steps.put(PREPROCESS, preprocess);
        engine.redriveExecution(execution.arn(), null);

        assertThat(await(execution).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(calls).containsExactly(PREPROCESS, PREPROCESS, CATEGORIZE, BUILD_PERSONA);
        assertThat(states(execution)).containsSubsequence("ResumeAfterRedrive", "ResumeAfterRedrive", "RegisterJob",
                "MarkPreprocessing", "Preprocess");
        Map<String, AttributeValue> job = job("u8", "job-first");
        assertThat(job.get(JobAttributes.STATUS).s()).isEqualTo(JobStatus.SUCCEEDED.name());
        assertThat(job.get(JobAttributes.OBJECT_SIZE).n()).isEqualTo("8");
        assertThat(job).doesNotContainKeys(JobAttributes.ERROR_CODE, JobAttributes.ERROR_MESSAGE);
    }

    /** A refused upload would be refused again: its redrive fails in the same Fail state and the job stays. */
    @Test
    void aRedriveOfARefusedUploadFailsAgainAndLeavesTheJobAlone() {
        awaitingUpload("u9", "job-refused");
        steps.put(PREPROCESS, payload -> {
            throw new LambdaFunctionError(ERRORS + "EmptyUpload", "The file is empty.");
        });
        Execution execution = start("u9", "job-refused", "0");
        assertThat(await(execution).error()).isEqualTo("EmptyUpload");
        Map<String, AttributeValue> failed = job("u9", "job-refused");

        engine.redriveExecution(execution.arn(), null);
        ExecutionOutcome outcome = await(execution);

        assertThat(outcome.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(outcome.error()).isEqualTo("EmptyUpload");
        assertThat(calls).containsExactly(PREPROCESS);
        assertThat(job("u9", "job-refused")).isEqualTo(failed);
    }

    @Test
    void aDuplicateEventEndsOnTheDuplicatePathAndLeavesTheJobAlone() {
        awaitingUpload("u4", "job-twice");
        ExecutionOutcome first = await(start("u4", "job-twice", "99"));
        assertThat(first.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        Map<String, AttributeValue> finished = job("u4", "job-twice");

        Execution duplicate = start("u4", "job-twice", "99");
        ExecutionOutcome second = await(duplicate);

        assertThat(second.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(states(duplicate)).containsExactly("IdentifyJob", "RegisterJob", "DiscardUnclaimedUpload",
                "UnclaimedUploadOutcome", "DuplicateUpload");
        assertThat(second.output().at("/error/Error").textValue()).isEqualTo("DynamoDB.ConditionalCheckFailedException");
        assertThat(job("u4", "job-twice")).isEqualTo(finished);
        assertThat(job("u4", "job-twice").get(JobAttributes.OBJECT_VERSION_ID).s()).isEqualTo("v1");
        assertThat(calls).containsExactly(PREPROCESS, CATEGORIZE, BUILD_PERSONA, DISCARD);
    }

    /** An upload no registered job awaits is handed to the clean-up; nothing is written for it. */
    @Test
    void anUploadNoJobAwaitsGoesToTheCleanUpAndWritesNoJob() {
        steps.put(DISCARD, payload -> json("""
                {"outcome": "NO_JOB", "objectsDeleted": 1}"""));

        Execution execution = start("u10", "latest", "10");
        ExecutionOutcome outcome = await(execution);

        assertThat(outcome.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(states(execution)).containsExactly("IdentifyJob", "RegisterJob", "DiscardUnclaimedUpload",
                "UnclaimedUploadOutcome", "UploadWithoutJob");
        assertThat(job("u10", "latest")).isEmpty();
        assertThat(calls).containsExactly(DISCARD);
    }

    /** A job deleted while its run works: the next status write is refused and the clean-up takes over. */
    @Test
    void aJobDeletedWhileItRunsEndsInTheCleanUp() {
        awaitingUpload("u11", "job-deleted");
        JsonFunction preprocess = steps.get(PREPROCESS);
        steps.put(PREPROCESS, payload -> {
            client.deleteItem(b -> b.tableName(TABLE).key(Map.of(JobAttributes.USER_ID, AttributeValue.fromS("u11"),
                    JobAttributes.JOB_ID, AttributeValue.fromS("job-deleted"))));
            return preprocess.apply(payload);
        });
        steps.put(DISCARD, payload -> json("""
                {"outcome": "NO_JOB", "objectsDeleted": 2}"""));

        Execution execution = start("u11", "job-deleted", "10");
        ExecutionOutcome outcome = await(execution);

        assertThat(outcome.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(states(execution)).endsWith("Preprocess", "MarkCategorizing", "DiscardWithdrawnJob",
                "WithdrawnJobOutcome", "JobWithdrawn");
        assertThat(job("u11", "job-deleted")).isEmpty();
        assertThat(calls).containsExactly(PREPROCESS, DISCARD);
    }

    /** An object larger than declared fails its job as UploadTooLarge before any step runs. */
    @Test
    void anObjectLargerThanDeclaredFailsTheJobAsUploadTooLarge() {
        awaitingUpload("u12", "job-large");

        Execution execution = start("u12", "job-large", Long.toString(DECLARED_SIZE + 1));
        ExecutionOutcome outcome = await(execution);

        assertThat(outcome.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(outcome.error()).isEqualTo("UploadTooLarge");
        Map<String, AttributeValue> job = job("u12", "job-large");
        assertThat(job.get(JobAttributes.ERROR_CODE).s()).isEqualTo("UploadTooLarge");
        assertThat(job.get(JobAttributes.ERROR_MESSAGE).s()).isEqualTo("The file is " + (DECLARED_SIZE + 1)
                + " bytes, more than the " + DECLARED_SIZE + " bytes declared when the upload was requested.");
        assertThat(calls).isEmpty();
    }

    @Test
    void aLateDuplicateThatFailsCannotTurnASucceededJobIntoAFailedOne() {
        awaitingUpload("u5", "job-late");
        assertThat(await(start("u5", "job-late", "512")).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        Map<String, AttributeValue> finished = job("u5", "job-late");

        steps.put(DISCARD, payload -> json("""
                {"outcome": "OWNED", "objectsDeleted": 0}"""));
        Execution late = start("u5", "job-late", "\"not-a-number\"");
        ExecutionOutcome outcome = await(late);

        assertThat(outcome.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(outcome.error()).isEqualTo("JobNotOwned");
        assertThat(states(late)).containsExactly("IdentifyJob", "RegisterJob", "DescribeInternalError",
                "RecordFailure", "DiscardWithdrawnJob", "WithdrawnJobOutcome", "JobNotOwned");
        JsonNode recordFailureError = engine.executionHistory(late.arn()).stream()
                .filter(e -> e.type() == HistoryEventType.TASK_FAILED).map(HistoryEvent::details).toList().getLast();
        assertThat(recordFailureError.get("error").textValue()).isEqualTo("DynamoDB.ConditionalCheckFailedException");
        assertThat(job("u5", "job-late")).isEqualTo(finished);
        assertThat(job("u5", "job-late").get(JobAttributes.STATUS).s()).isEqualTo(JobStatus.SUCCEEDED.name());
    }

    /** Named like the pipeline's user error, as a Java handler would define it. */
    static final class UnsupportedFormat extends RuntimeException {
        UnsupportedFormat(String message) {
            super(message);
        }
    }

    @Test
    void theEventsKeyNamesTheUserAndTheJob() {
        awaitingUpload("u6", "job-ids");
        Execution execution = start("u6", "job-ids", "1");
        await(execution);
        JsonNode identified = engine.executionHistory(execution.arn()).stream()
                .filter(e -> e.type() == HistoryEventType.PASS_STATE_EXITED).findFirst().orElseThrow()
                .details().get("output");
        assertThat(identified).isEqualTo(Json.parse("""
                {"userId": "u6", "jobId": "job-ids", "bucket": "persona-uploads",
                 "object": {"key": "uploads/u6/job-ids/takeout.json", "size": 1,
                            "etag": "d41d8cd98f00b204e9800998ecf8427e", "version-id": "v1",
                            "sequencer": "0062E99A88DC407460"}}"""));
    }
}

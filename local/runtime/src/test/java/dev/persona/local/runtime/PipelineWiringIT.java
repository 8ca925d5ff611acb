package dev.persona.local.runtime;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.persona.api.testing.LocalAws;
import dev.persona.bench.ActivityFileGenerator;
import dev.persona.contracts.EnvironmentVariables;
import dev.persona.contracts.FunctionDefinition;
import dev.persona.contracts.JobAttributes;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.contracts.StorageLayout;
import dev.persona.contracts.iam.PermissionModel;
import dev.persona.local.iam.LocalIam;
import dev.persona.local.iam.TestIam;
import dev.persona.local.stepfunctions.LocalStepFunctions;
import dev.persona.local.stepfunctions.StateMachineRecord;
import dev.persona.local.stepfunctions.asl.exec.ExecutionOutcome;
import dev.persona.local.stepfunctions.asl.exec.ExecutionStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pipeline as the runtime deploys it: the real definition with the CDK's substitutions, the real handlers
 * built by {@link LocalFunctions} on the handlers' shared S3Proxy and DynamoDB Local (no IAM gate there: the
 * functions sign with the servers' own credentials), started by {@link PipelineTarget} as the upload rule's role.
 */
class PipelineWiringIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET = LocalAws.BUCKET;
    private static final String JOBS_TABLE = LocalAws.JOBS_TABLE;
    private static final String PERSONAS_TABLE = LocalAws.PERSONAS_TABLE;
    private static final AtomicInteger categorizeCalls = new AtomicInteger();

    private static S3Client s3;
    private static DynamoDbClient dynamoDb;
    private static LocalFunctions.Connection connection;
    private static AwsCredentialsProvider credentials;
    private static LocalStepFunctions stepFunctions;
    private static StateMachineRecord pipeline;
    private static PipelineTarget target;

    @BeforeAll
    static void start() {
        LocalAws aws = LocalAws.shared();
        s3 = aws.s3();
        dynamoDb = aws.dynamoDb();
        // The pipeline's steps never call STS, Secrets Manager or CloudFront: an endpoint nothing serves stands in.
        URI nowhere = URI.create("http://127.0.0.1:9");
        connection = new LocalFunctions.Connection(aws.s3Server().endpoint(), aws.dynamoDbServer().endpoint(),
                nowhere, nowhere, nowhere, Region.US_EAST_1);
        credentials = aws.s3Server().credentials();
        stepFunctions = LocalStepFunctions.builder().dynamoDb(dynamoDb).functionLogs(line -> { }).build();
        LocalFunctions functions = new LocalFunctions(connection, function -> credentials, environmentValues(),
                Map.of(LambdaFunctions.CATEGORIZE.id(), handler -> (in, out, context) -> {
                    categorizeCalls.incrementAndGet();
                    handler.handleRequest(in, out, context);
                }));
        functions.registerAll(stepFunctions.lambdaFunctions());
        LocalIam iam = TestIam.iam(BUCKET, Clock.systemUTC());
        pipeline = PipelineStateMachine.deploy(stepFunctions, JOBS_TABLE,
                iam.role(PermissionModel.PIPELINE_STATE_MACHINE).arn());
        target = new PipelineTarget(stepFunctions, pipeline.arn(), iam);
    }

    @AfterAll
    static void stop() {
        stepFunctions.close();
    }

    private static String objectCreated(String eventId, String key, long size, String etag, String versionId) {
        return """
                {"version": "0", "id": "%s", "detail-type": "Object Created", "source": "aws.s3",
                 "account": "000000000000", "time": "2026-01-01T00:00:00Z", "region": "us-east-1",
                 "resources": ["arn:aws:s3:::%s"],
                 "detail": {"version": "0", "bucket": {"name": "%s"},
                   "object": {"key": "%s", "size": %d, "etag": "%s", "version-id": "%s", "sequencer": "0001"},
                   "request-id": "r1", "requester": "000000000000", "reason": "PutObject"}}"""
                .formatted(eventId, BUCKET, BUCKET, key, size, etag, versionId);
    }

    @Test
    void theSubstitutionsAreTheJobsTableAndTheStepsAliasArns() {
        assertThat(PipelineStateMachine.substitutions(stepFunctions, JOBS_TABLE)).isEqualTo(Map.of(
                "JobsTableName", JOBS_TABLE,
                "PreprocessFunctionArn", "arn:aws:lambda:us-east-1:123456789012:function:preprocess:live",
                "CategorizeFunctionArn", "arn:aws:lambda:us-east-1:123456789012:function:categorize:live",
                "BuildPersonaFunctionArn", "arn:aws:lambda:us-east-1:123456789012:function:build-persona:live",
                "DiscardFunctionArn", "arn:aws:lambda:us-east-1:123456789012:function:discard:live"));
    }

    /**
     * The names of the stack's bucket and tables, and the file library's settings: its secret and distribution are
     * not served here (the pipeline never reads them; the download functions read their key on first use).
     */
    private static Map<String, String> environmentValues() {
        Map<String, String> values = new java.util.HashMap<>(Map.of(
                EnvironmentVariables.UPLOADS_BUCKET, BUCKET,
                EnvironmentVariables.JOBS_TABLE, JOBS_TABLE,
                EnvironmentVariables.PERSONAS_TABLE, PERSONAS_TABLE,
                EnvironmentVariables.ALLOWED_ORIGINS, "http://localhost:5173",
                EnvironmentVariables.UPLOADER_ROLE_ARN, "arn:aws:iam::123456789012:role/uploader",
                EnvironmentVariables.SIGNING_KEY_SECRET_ARN,
                "arn:aws:secretsmanager:us-east-1:123456789012:secret:signing-AbCdEf",
                EnvironmentVariables.DOWNLOAD_BASE_URL, "http://127.0.0.1:9",
                EnvironmentVariables.DOWNLOAD_KEY_GROUP_ID, "key-group"));
        for (dev.persona.contracts.TableDefinition table : dev.persona.contracts.Tables.ALL) {
            values.putIfAbsent(table.environmentVariable(), LocalAws.tableName(table));
        }
        return values;
    }

    @Test
    void everyFunctionGetsItsHandlerClassAndOnlyTheVariablesItsDefinitionLists() {
        List<String> signedAs = new java.util.ArrayList<>();
        try (LocalFunctions functions = new LocalFunctions(connection, function -> {
            signedAs.add(function);
            return credentials;
        }, environmentValues(), Map.of())) {
            for (FunctionDefinition definition : LambdaFunctions.ALL) {
                if (definition != LambdaFunctions.AUTHORIZER) {
                    assertThat(functions.create(definition).getClass().getName()).isEqualTo(definition.handlerClass());
                }
            }
            assertThat(functions.environment(LambdaFunctions.JOBS).optional(EnvironmentVariables.JOBS_TABLE))
                    .hasValue(JOBS_TABLE);
            assertThat(functions.environment(LambdaFunctions.JOBS).optional(EnvironmentVariables.UPLOADS_BUCKET))
                    .isEmpty();
        }
        assertThat(signedAs).as("each function signs as its own execution role").containsExactlyElementsOf(
                LambdaFunctions.ALL.stream().filter(f -> f != LambdaFunctions.AUTHORIZER).map(FunctionDefinition::id)
                        .toList());
    }

    @Test
    void theRuleStartsExecutionsOnlyWithStartExecutionOnTheStateMachine() {
        LocalIam withoutGrant = TestIam.iam(BUCKET, Clock.systemUTC(), PermissionModel.standard()
                .without(PermissionModel.UPLOAD_RULE, "states:StartExecution"));
        PipelineTarget denied = new PipelineTarget(stepFunctions, pipeline.arn(), withoutGrant);
        int executions = stepFunctions.listExecutions(pipeline.arn(), null).size();

        assertThatThrownBy(() -> denied.startExecution(objectCreated("e", "uploads/u/j/x",
                1, "e", "v")))
                .hasMessageContaining("is not authorized to perform: states:StartExecution on resource: " + pipeline.arn());
        assertThat(stepFunctions.listExecutions(pipeline.arn(), null)).hasSize(executions);
    }

    /**
     * As on AWS, where the rule cannot name executions: a redelivered or replayed event starts another execution,
     * which finds the job claimed and ends on the duplicate path, leaving the job and its one persona alone.
     */
    @Test
    void anUploadBecomesAPersonaAndAReplayedEventEndsAsADuplicate() throws Exception {
        String key = StorageLayout.uploadKey("dev_wiring", "job-wiring", "MyActivity.json");
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        new ActivityFileGenerator(7, ActivityFileGenerator.Format.TAKEOUT).write(file, 0, 300);
        AwaitingUploads.register(dynamoDb, JOBS_TABLE, key, file.size());
        var put = s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(file.toByteArray()));
        String event = objectCreated("event-1", key, file.size(), put.eTag().replace("\"", ""), put.versionId());
        int categorizedBefore = categorizeCalls.get();

        int executionsBefore = stepFunctions.listExecutions(pipeline.arn(), null).size();
        String first = target.startExecution(event);
        ExecutionOutcome outcome = stepFunctions.awaitExecution(first, Duration.ofSeconds(60));
        String again = target.startExecution(event);
        ExecutionOutcome againOutcome = stepFunctions.awaitExecution(again, Duration.ofSeconds(60));

        assertThat(outcome.status()).as(() -> stepFunctions.executionHistory(first).toString())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(again).isNotEqualTo(first);
        assertThat(againOutcome.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(stepFunctions.executionHistory(again).toString()).contains("DuplicateUpload");
        assertThat(stepFunctions.listExecutions(pipeline.arn(), null)).hasSize(executionsBefore + 2);
        assertThat(categorizeCalls.get() - categorizedBefore).isEqualTo(1);
        Map<String, AttributeValue> job = dynamoDb.getItem(b -> b.tableName(JOBS_TABLE).key(Map.of(
                JobAttributes.USER_ID, AttributeValue.fromS("dev_wiring"),
                JobAttributes.JOB_ID, AttributeValue.fromS("job-wiring")))).item();
        assertThat(job.get(JobAttributes.STATUS).s()).isEqualTo("SUCCEEDED");
        assertThat(job.get(JobAttributes.EXECUTION_ARN).s()).isEqualTo(first);
        JsonNode persona = JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(BUCKET)
                .key(StorageLayout.personaKey("dev_wiring", "job-wiring"))).asByteArray());
        assertThat(persona.path("dataQuality").path("recordsUsed").asInt()).isPositive();
        assertThat(s3.listObjectVersions(b -> b.bucket(BUCKET).prefix(StorageLayout.PERSONAS_PREFIX + "dev_wiring/"))
                .versions()).as("one persona").hasSize(1);
    }
}

package dev.persona.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.contracts.iam.PermissionModel;
import dev.persona.local.runtime.PersonaLocalRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.SfnException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The local runtime enforces the permission model: take one grant away from it and the operation that needs it
 * fails end to end, as it would on AWS with a deployment missing that grant. Each case runs a stack of its own
 * with the reduced model.
 */
class PermissionEnforcementIT {

    /** A test on a running stack. */
    @FunctionalInterface
    private interface StackTest {
        void run(PersonaLocalRuntime stack) throws Exception;
    }

    private static void withStack(PermissionModel model, StackTest test) throws Exception {
        try (PersonaLocalRuntime stack = PersonaLocalRuntime.builder().permissionModel(model)
                .logs(new PrintStream(OutputStream.nullOutputStream())).build().start()) {
            test.run(stack);
        }
    }

    private static PermissionModel without(String principal, String action) {
        return PermissionModel.standard().without(principal, action);
    }

    @Test
    void preprocessWithoutGetObjectVersionCannotReadTheUploadAndTheJobFails() throws Exception {
        withStack(without(LambdaFunctions.PREPROCESS.id(), "s3:GetObjectVersion"), stack -> {
            ApiUser user = new ApiUser(stack, "no-version");
            String jobId = user.uploadWithPut("events.csv", "text/csv", ActivityFiles.csv(ActivityFiles.SPORTS, 20));

            JsonNode job = user.awaitJob(jobId);
            assertThat(job.path("status").asText()).isEqualTo("FAILED");
            assertThat(job.at("/error/code").asText()).isEqualTo("InternalError");
            assertThat(history(stack, user, jobId)).contains("AccessDenied")
                    .contains("is not authorized to perform: s3:GetObjectVersion");
        });
    }

    @Test
    void theFilesFunctionWithoutGetSecretValueCannotSignDownloads() throws Exception {
        withStack(without(LambdaFunctions.FILES.id(), "secretsmanager:GetSecretValue"), stack -> {
            assertThat(stack.awaitSigningKey()).as("the first rotation's failure").isEmpty();
            ApiUser user = new ApiUser(stack, "no-secret");
            String fileId = IsolationIT.uploadFile(user, "kept.txt", "kept");

            JsonNode refused = ApiUser.body(user.get("/v1/files/" + fileId), 503);
            assertThat(refused.path("code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(refused.path("detail").asText()).contains("Downloads are not available");
        });
    }

    @Test
    void theRotationWithoutUpdateKeyGroupFailsAndDownloadsStayUnavailableWhileTheApiServes() throws Exception {
        withStack(without(LambdaFunctions.SIGNING_KEY_ROTATION.id(), "cloudfront:UpdateKeyGroup"), stack -> {
            assertThat(stack.awaitSigningKey()).hasValueSatisfying(failure -> assertThat(failure)
                    .contains("the rotation of the signing key failed: setSecret")
                    .contains("cloudfront:UpdateKeyGroup"));
            ApiUser user = new ApiUser(stack, "no-key");
            String fileId = IsolationIT.uploadFile(user, "kept.txt", "kept");

            JsonNode refused = ApiUser.body(user.get("/v1/files/" + fileId), 503);
            assertThat(refused.path("code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
        });
    }

    @Test
    void theStateMachineWithoutUpdateItemCannotClaimTheJob() throws Exception {
        withStack(without(PermissionModel.PIPELINE_STATE_MACHINE, "dynamodb:UpdateItem"), stack -> {
            ApiUser user = new ApiUser(stack, "no-update");
            String jobId = user.uploadWithPut("events.csv", "text/csv", ActivityFiles.csv(ActivityFiles.SPORTS, 20));

            ExecutionListItem execution = awaitExecution(stack, user, jobId);
            assertThat(execution.statusAsString()).isEqualTo("FAILED");
            assertThat(history(stack, user, jobId)).contains("Error Code: AccessDeniedException")
                    .contains("is not authorized to perform: dynamodb:UpdateItem");
            assertThat(ApiUser.body(user.get("/v1/jobs/" + jobId), 200).path("status").asText())
                    .as("nothing could be recorded").isEqualTo("AWAITING_UPLOAD");
        });
    }

    @Test
    void theStateMachineWithoutInvokeFunctionCannotRunAStep() throws Exception {
        withStack(without(PermissionModel.PIPELINE_STATE_MACHINE, "lambda:InvokeFunction"), stack -> {
            ApiUser user = new ApiUser(stack, "no-invoke");
            String jobId = user.uploadWithPut("events.csv", "text/csv", ActivityFiles.csv(ActivityFiles.SPORTS, 20));

            JsonNode job = user.awaitJob(jobId);
            assertThat(job.path("status").asText()).isEqualTo("FAILED");
            assertThat(job.at("/error/code").asText()).isEqualTo("InternalError");
            assertThat(history(stack, user, jobId)).contains("Lambda.AWSLambdaException")
                    .contains("is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:");
        });
    }

    /**
     * The Step Functions endpoint authenticates and authorizes as the service does: unknown credentials and a
     * wrong secret are refused, and a function's role, which the model grants nothing of Step Functions, is denied.
     */
    @Test
    void theStepFunctionsEndpointServesOnlyCallersThePermissionsAllow() throws Exception {
        withStack(PermissionModel.standard(), stack -> {
            try (SfnClient root = sfn(stack)) {
                assertThat(root.listStateMachines().stateMachines()).isNotEmpty();
            }
            try (SfnClient function = sfn(stack, stack.iam().credentialsOf(LambdaFunctions.PREPROCESS.id()))) {
                assertThatThrownBy(() -> function.listExecutions(list -> list.stateMachineArn(stack.stateMachineArn())))
                        .isInstanceOfSatisfying(SfnException.class, e -> {
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                            assertThat(e.awsErrorDetails().errorMessage())
                                    .contains("is not authorized to perform: states:ListExecutions on resource: "
                                            + stack.stateMachineArn());
                        });
            }
            try (SfnClient stranger = sfn(stack, StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("AKIASTRANGER", "secret")))) {
                assertThatThrownBy(stranger::listStateMachines).isInstanceOfSatisfying(SfnException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException"));
            }
            String rootKey = stack.endpoints().credentials().resolveCredentials().accessKeyId();
            try (SfnClient forger = sfn(stack, StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(rootKey, "not-the-secret")))) {
                assertThatThrownBy(forger::listStateMachines).isInstanceOfSatisfying(SfnException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException"));
            }
        });
    }

    @Test
    void theJobsFunctionWithoutQueryCannotListJobs() throws Exception {
        withStack(without(LambdaFunctions.JOBS.id(), "dynamodb:Query"), stack -> {
            ApiUser user = new ApiUser(stack, "no-query");
            JsonNode problem = ApiUser.body(user.get("/v1/jobs"), 500);
            assertThat(problem.path("code").asText()).isEqualTo("INTERNAL_ERROR");
            assertThat(ApiUser.body(user.get("/v1/jobs/unknown"), 404).path("code").asText())
                    .as("GetItem is still granted").isEqualTo("NOT_FOUND");
        });
    }

    @Test
    void theTrpcFunctionWithoutQueryCannotListJobs() throws Exception {
        withStack(without(LambdaFunctions.TRPC.id(), "dynamodb:Query"), stack -> {
            ApiUser user = new ApiUser(stack, "trpc-no-query");
            JsonNode list = ApiUser.body(user.get("/trpc/jobs.list"), 500);
            assertThat(list.at("/error/data/code").asText()).isEqualTo("INTERNAL_SERVER_ERROR");
            assertThat(ApiUser.body(user.get("/v1/jobs"), 200).path("items").isArray())
                    .as("the jobs function keeps its own grant").isTrue();
            JsonNode get = ApiUser.body(user.get("/trpc/jobs.get?input=%7B%22jobId%22%3A%22unknown%22%7D"), 404);
            assertThat(get.at("/error/data/code").asText()).as("GetItem is still granted").isEqualTo("NOT_FOUND");
        });
    }

    @Test
    void theTrpcFunctionWithoutGetSecretValueCannotSignDownloadsWhileTheFilesFunctionCan() throws Exception {
        withStack(without(LambdaFunctions.TRPC.id(), "secretsmanager:GetSecretValue"), stack -> {
            assertThat(stack.awaitSigningKey()).as("the rotation is unaffected").isEmpty();
            ApiUser user = new ApiUser(stack, "trpc-no-secret");
            String fileId = IsolationIT.uploadFile(user, "kept.txt", "kept");

            JsonNode refused = ApiUser.body(user.get("/trpc/files.get?input="
                    + URLEncoder.encode("{\"fileId\":\"" + fileId + "\"}", StandardCharsets.UTF_8)), 503);
            assertThat(refused.at("/error/data/code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(refused.at("/error/message").asText()).contains("Downloads are not available");
            assertThat(ApiUser.body(user.get("/v1/files/" + fileId), 200).at("/download/url").asText())
                    .as("the files function keeps its own grant").isNotEmpty();
        });
    }

    @Test
    void vendedCredentialsWithoutTheKeyCannotUploadToTheEncryptedBucket(@TempDir Path directory) throws Exception {
        withStack(without(PermissionModel.UPLOADER_ROLE, "kms:GenerateDataKey"), stack -> {
            ApiUser user = new ApiUser(stack, "no-kms");
            JsonNode credentials = ApiUser.body(user.get("/v1/credentials"), 200);
            String key = credentials.path("prefix").asText() + "kms-1/events.csv";
            try (S3Client s3 = S3Client.builder().endpointOverride(stack.endpoints().s3()).forcePathStyle(true)
                    .region(Region.of(credentials.path("region").asText()))
                    .httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                            credentials.path("accessKeyId").asText(), credentials.path("secretAccessKey").asText(),
                            credentials.path("sessionToken").asText()))).build()) {
                assertThatThrownBy(() -> s3.putObject(b -> b.bucket(credentials.path("bucket").asText()).key(key),
                        RequestBody.fromBytes(ActivityFiles.csv(ActivityFiles.SPORTS, 5))))
                        .isInstanceOfSatisfying(S3Exception.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(403);
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                            assertThat(e.awsErrorDetails().errorMessage())
                                    .contains("is not authorized to perform: kms:GenerateDataKey");
                        });
            }
            if (AwsCli.present() || System.getenv(AwsCli.REQUIRED) != null) {
                AwsCli.Run run = AwsCli.require().run(VendedCredentialsCliIT.environment(credentials,
                        credentials.path("sessionToken").asText()), "--endpoint-url", stack.endpoints().s3().toString(),
                        "s3", "cp", write(directory), "s3://" + credentials.path("bucket").asText() + "/" + key);
                assertThat(run.exitCode()).isNotZero();
                assertThat(run.output()).contains("AccessDenied");
            }
        });
    }

    private static String write(Path directory) {
        try {
            return Files.write(directory.resolve("small.csv"), ActivityFiles.csv(ActivityFiles.FOOD, 5)).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ExecutionListItem awaitExecution(PersonaLocalRuntime stack, ApiUser user, String jobId) {
        try (SfnClient sfn = sfn(stack)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                var executions = Executions.ofJob(sfn, stack.stateMachineArn(), user.userId(), jobId);
                if (!executions.isEmpty() && !executions.getFirst().statusAsString().equals("RUNNING")) {
                    return executions.getFirst();
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("no finished execution for " + jobId);
    }

    /** The execution's history with every error and cause (the SDK's own rendering hides them as sensitive). */
    private static String history(PersonaLocalRuntime stack, ApiUser user, String jobId) {
        return stack.stepFunctions().executionHistory(awaitExecution(stack, user, jobId).executionArn()).toString();
    }

    private static SfnClient sfn(PersonaLocalRuntime stack) {
        return sfn(stack, stack.endpoints().credentials());
    }

    private static SfnClient sfn(PersonaLocalRuntime stack, AwsCredentialsProvider credentials) {
        return SfnClient.builder().endpointOverride(stack.endpoints().stepFunctions())
                .region(Region.of(stack.endpoints().region())).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}

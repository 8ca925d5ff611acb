package dev.persona.e2e;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.local.runtime.Endpoints;
import dev.persona.local.runtime.LocalFunctions;
import dev.persona.local.runtime.PersonaLocalRuntime;
import dev.persona.pipeline.errors.StorageUnavailable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failures on the way: a file the pipeline refuses, and faults injected into the steps through the runtime's
 * function decorators, one job at a time (a decorator fails only the jobs a test marks).
 */
class FailuresIT {

    /** What an injected fault does to each invocation of a step for one job. */
    private interface Fault {
        void before(int attempt) throws IOException;
    }

    private static final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private static PersonaLocalRuntime stack;
    private static LocalFunctions.Clients aws;
    private static SfnClient sfn;

    @BeforeAll
    static void start() {
        stack = PersonaLocalRuntime.builder()
                .decorateFunction(LambdaFunctions.CATEGORIZE.id(), handler -> faulty(handler, "categorize"))
                .decorateFunction(LambdaFunctions.BUILD_PERSONA.id(), handler -> faulty(handler, "build-persona"))
                .build().start();
        Endpoints endpoints = stack.endpoints();
        aws = endpoints.clients();
        sfn = SfnClient.builder().endpointOverride(endpoints.stepFunctions()).region(Region.of(endpoints.region()))
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        endpoints.accessKeyId(), endpoints.secretAccessKey())))
                .build();
    }

    @AfterAll
    static void stop() {
        sfn.close();
        aws.close();
        stack.stop();
    }

    /** Runs the step's handler unless a fault for the input's job (and step) throws first. */
    private static RequestStreamHandler faulty(RequestStreamHandler handler, String step) {
        return (in, out, context) -> {
            byte[] input = in.readAllBytes();
            String key = ApiUser.JSON.readTree(input).path("jobId").asText() + "/" + step;
            Fault fault = faults.get(key);
            if (fault != null) {
                fault.before(attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet());
            }
            handler.handleRequest(new ByteArrayInputStream(input), out, context);
        };
    }

    private static List<String> personaObjects(ApiUser user) {
        return aws.s3().listObjectsV2(b -> b.bucket(stack.endpoints().bucket()).prefix("personas/" + user.userId() + "/"))
                .contents().stream().map(object -> object.key()).toList();
    }

    private static ExecutionListItem execution(ApiUser user, String jobId) {
        return Executions.ofJob(sfn, stack.stateMachineArn(), user.userId(), jobId).getFirst();
    }

    @Test
    void aFileThePipelineRefusesEndsFailedWithItsCodeAndNoPersona() {
        ApiUser user = new ApiUser(stack, "failures-binary");
        byte[] binary = {0x00, 0x01, 0x02, (byte) 0xFF, (byte) 0xFE, 0x00, 0x10, 0x7F, 0x00, 0x00, 0x03, 0x04};

        String jobId = user.uploadWithPut("photo.json", "application/octet-stream", binary);
        JsonNode job = user.awaitJob(jobId);

        assertThat(job.path("status").asText()).isEqualTo("FAILED");
        assertThat(job.at("/error/code").asText()).isEqualTo("UnsupportedFormat");
        assertThat(job.at("/error/message").asText()).contains("binary file");
        assertThat(user.get("/v1/personas/" + jobId).statusCode()).isEqualTo(404);
        assertThat(personaObjects(user)).isEmpty();
        assertThat(execution(user, jobId).statusAsString()).isEqualTo("FAILED");
    }

    /** Uploads a file about {@code topic} whose job meets {@code fault} in {@code step}; returns the job id. */
    private static String uploadWithFault(ApiUser user, ActivityFiles.Topic topic, String step, Fault fault) {
        byte[] content = ActivityFiles.csv(topic, 60);
        JsonNode upload = user.createUpload("events.csv", "text/csv", content.length);
        faults.put(upload.path("jobId").asText() + "/" + step, fault);
        return user.put(upload, content);
    }

    @Test
    void aTransientFaultIsRetriedAndTheJobSucceeds() {
        ApiUser user = new ApiUser(stack, "failures-transient");

        String jobId = uploadWithFault(user, ActivityFiles.SPORTS, "categorize", attempt -> {
            if (attempt == 1) {
                throw new StorageUnavailable(new IOException("injected: S3 did not answer"));
            }
        });

        assertThat(user.awaitJob(jobId).path("status").asText()).isEqualTo("SUCCEEDED");

        assertThat(attempts.get(jobId + "/categorize").get()).isEqualTo(2);
        List<HistoryEvent> history = sfn.getExecutionHistory(b -> b.executionArn(execution(user, jobId).executionArn()))
                .events();
        assertThat(history).filteredOn(event -> event.type() == HistoryEventType.TASK_FAILED)
                .singleElement().satisfies(event -> assertThat(event.taskFailedEventDetails().error())
                        .isEqualTo(StorageUnavailable.class.getName()));
        assertThat(user.persona(jobId).path("interests").get(0).path("category").asText()).isEqualTo("Sports");
    }

    @Test
    void aPermanentFaultEndsTheJobFailedAndTheExecutionKeepsTheCause() {
        ApiUser user = new ApiUser(stack, "failures-permanent");

        String jobId = uploadWithFault(user, ActivityFiles.FOOD, "build-persona", attempt -> {
            throw new IllegalStateException("injected: the disk is full");
        });
        JsonNode job = user.awaitJob(jobId);

        assertThat(job.path("status").asText()).isEqualTo("FAILED");
        assertThat(job.at("/error/code").asText()).isEqualTo("InternalError");
        assertThat(attempts.get(jobId + "/build-persona").get()).isEqualTo(1);
        ExecutionListItem execution = execution(user, jobId);
        assertThat(execution.statusAsString()).isEqualTo("FAILED");
        var described = sfn.describeExecution(b -> b.executionArn(execution.executionArn()));
        // The job shows InternalError; the execution ends where a redrive would resume it.
        assertThat(described.error()).isEqualTo("States.NoChoiceMatched");
        assertThat(sfn.getExecutionHistory(b -> b.executionArn(execution.executionArn())).events())
                .filteredOn(event -> event.type() == HistoryEventType.TASK_FAILED)
                .anySatisfy(event -> {
                    assertThat(event.taskFailedEventDetails().error()).isEqualTo("java.lang.IllegalStateException");
                    assertThat(event.taskFailedEventDetails().cause()).contains("injected: the disk is full");
                });
        assertThat(personaObjects(user)).isEmpty();
    }
}

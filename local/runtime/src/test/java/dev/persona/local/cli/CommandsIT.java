package dev.persona.local.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.persona.bench.ActivityFileGenerator;
import dev.persona.contracts.JobAttributes;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.contracts.StorageLayout;
import dev.persona.local.runtime.LocalFunctions;
import dev.persona.local.runtime.AwaitingUploads;
import dev.persona.local.runtime.PersonaLocalRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;

/** The commands that talk to a stack: against one started here, or starting their own. */
class CommandsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private PrintStream stream(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theDemoUploadsTheSampleAndPrintsThePersona() throws Exception {
        Path output = directory.resolve("output");

        int status = new DemoCommand(stream(out), stream(err)).execute(List.of("--output", output.toString()));

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(output()).contains("QUEUED", "RUNNING    preprocess", "RUNNING    categorize",
                "RUNNING    build persona", "SUCCEEDED  3,000 records read", "Persona: ", "Top interests", "chronotype",
                "Full persona: ");
        try (var files = Files.list(output)) {
            Path persona = files.filter(file -> file.getFileName().toString().startsWith("persona-")).findFirst()
                    .orElseThrow();
            assertThat(JSON.readTree(persona.toFile()).path("interests").get(0).path("category").asText())
                    .isEqualTo("Sports");
        }
    }

    @Test
    void theDemoOfAFileThePipelineRefusesPrintsTheJobsErrorAndFails() throws Exception {
        Path binary = Files.write(directory.resolve("photo.bin"), new byte[] {0, 1, 2, (byte) 0xFF, 0, 0, 7, 0});

        int status = new DemoCommand(stream(out), stream(err)).execute(List.of(binary.toString(), "--output",
                directory.resolve("output").toString()));

        assertThat(status).isEqualTo(PersonaLocal.FAILED);
        assertThat(output()).contains("FAILED", "The job failed: UnsupportedFormat: ");
    }

    @Test
    void tokenAndInvokeUseTheRunningStack() throws Exception {
        Path endpointsFile = directory.resolve("endpoints.json");
        try (PersonaLocalRuntime runtime = PersonaLocalRuntime.builder().build().start()) {
            runtime.endpoints().write(endpointsFile);

            assertThat(new TokenCommand(stream(out), stream(err), endpointsFile).execute(List.of("--user", "carol")))
                    .isZero();
            String token = output().strip();
            HttpResponse<String> jobs = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    runtime.endpoints().api().resolve("/v1/jobs")).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(jobs.statusCode()).isEqualTo(200);

            out.reset();
            Path event = Files.writeString(directory.resolve("event.json"), """
                    {"resource": "/v1/jobs/{jobId}", "path": "/v1/jobs/nope", "httpMethod": "GET",
                     "pathParameters": {"jobId": "nope"},
                     "requestContext": {"requestId": "r1", "authorizer": {"userId": "dev_carol"}}}""");
            assertThat(new InvokeCommand(stream(out), stream(err), endpointsFile)
                    .execute(List.of("jobs", "--event", event.toString()))).isZero();
            JsonNode response = JSON.readTree(output());
            assertThat(response.path("statusCode").asInt()).isEqualTo(404);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("in the running stack");
        }
    }

    @Test
    void invokeStartsAStackOfItsOwnWhenNoneRunsAndReportsAFunctionError() throws Exception {
        Path event = Files.writeString(directory.resolve("event.json"), """
                {"userId": "dev_dan", "jobId": "j1", "bucket": "persona-uploads",
                 "object": {"key": "uploads/dev_dan/j1/missing.json", "size": 5, "etag": "abc"}}""");

        int status = new InvokeCommand(stream(out), stream(err), directory.resolve("none.json"))
                .execute(List.of("preprocess", "--event", event.toString()));

        assertThat(status).isEqualTo(PersonaLocal.FAILED);
        assertThat(JSON.readTree(output()).path("errorType").asText())
                .isEqualTo("dev.persona.pipeline.errors.UploadNotFound");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("on an in-memory stack");
    }

    /** A job that failed on our side, once the step is fixed, is redriven to success on the running stack. */
    @Test
    void redriveResumesAJobThatFailedOnOurSide() throws Exception {
        AtomicBoolean broken = new AtomicBoolean(true);
        Path endpointsFile = directory.resolve("endpoints.json");
        try (PersonaLocalRuntime runtime = PersonaLocalRuntime.builder()
                .logs(new PrintStream(OutputStream.nullOutputStream()))
                .decorateFunction(LambdaFunctions.BUILD_PERSONA.id(), handler -> (in, response, context) -> {
                    if (broken.get()) {
                        throw new IllegalStateException("injected: the disk is full");
                    }
                    handler.handleRequest(in, response, context);
                }).build().start();
             LocalFunctions.Clients clients = runtime.endpoints().clients()) {
            runtime.endpoints().write(endpointsFile);
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            new ActivityFileGenerator(3, ActivityFileGenerator.Format.TAKEOUT).write(file, 0, 100);
            String upload = StorageLayout.uploadKey("dev_erin", "job-redrive", "MyActivity.json");
            AwaitingUploads.register(clients.dynamoDb(), runtime.endpoints().jobsTable(), upload, file.size());
            clients.s3().putObject(b -> b.bucket(PersonaLocalRuntime.BUCKET).key(upload),
                    RequestBody.fromBytes(file.toByteArray()));
            Map<String, AttributeValue> key = Map.of(JobAttributes.USER_ID, AttributeValue.fromS("dev_erin"),
                    JobAttributes.JOB_ID, AttributeValue.fromS("job-redrive"));
            Instant deadline = Instant.now().plusSeconds(60);
            while (!"FAILED".equals(clients.dynamoDb().getItem(b -> b.tableName(runtime.endpoints().jobsTable())
                    .consistentRead(true).key(key)).item().getOrDefault(JobAttributes.STATUS,
                            AttributeValue.fromS("")).s())) {
                assertThat(Instant.now()).as("the job failed").isBefore(deadline);
                Thread.sleep(100);
            }
            RedriveCommand redrive = new RedriveCommand(stream(out), stream(err), endpointsFile);

            assertThat(redrive.execute(List.of("no-such-job"))).isEqualTo(PersonaLocal.FAILED);
            broken.set(false);
            assertThat(redrive.execute(List.of("job-redrive", "--wait", "60"))).as(err.toString(StandardCharsets.UTF_8))
                    .isZero();
            assertThat(redrive.execute(List.of("job-redrive"))).isEqualTo(PersonaLocal.FAILED);

            assertThat(output()).contains("Redriving arn:aws:states:us-east-1:123456789012:execution:persona-pipeline:",
                    "Job job-redrive SUCCEEDED; execution SUCCEEDED");
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("no job 'no-such-job' in persona-jobs",
                    "job job-redrive is SUCCEEDED; only a FAILED job can be redriven");
        }
    }

    /**
     * The file library on the running stack: a file's S3 event makes it AVAILABLE, the stream consumer counts it and
     * removes its object after the API deleted it, and {@code rotate-signing-key} rotates the signing key without
     * breaking the URLs signed before.
     */
    @Test
    void rotateSigningKeyKeepsTheUrlsSignedBeforeWorking() throws Exception {
        Path endpointsFile = directory.resolve("endpoints.json");
        try (PersonaLocalRuntime runtime = PersonaLocalRuntime.builder()
                .logs(new PrintStream(OutputStream.nullOutputStream())).build().start();
             LocalFunctions.Clients clients = runtime.endpoints().clients();
             HttpClient http = HttpClient.newHttpClient()) {
            runtime.endpoints().write(endpointsFile);
            assertThat(runtime.awaitSigningKey()).as("the first rotation's failure").isEmpty();
            String token = runtime.token("rotation");
            byte[] content = "signed and rotated".getBytes(StandardCharsets.UTF_8);
            JsonNode created = JSON.readTree(http.send(api(runtime, token, "/v1/files").POST(
                    HttpRequest.BodyPublishers.ofString("{\"name\":\"notes.txt\",\"contentType\":\"text/plain\","
                            + "\"sizeBytes\":" + content.length + "}")).build(), HttpResponse.BodyHandlers.ofString()).body());
            JsonNode upload = created.path("upload");
            HttpRequest.Builder put = HttpRequest.newBuilder(java.net.URI.create(upload.path("url").asText()))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(content));
            upload.path("headers").properties().forEach(header -> {
                if (!List.of("content-length", "host").contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
                    put.header(header.getKey(), header.getValue().asText());
                }
            });
            assertThat(http.send(put.build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
            String file = "/v1/files/" + created.at("/file/fileId").asText();
            JsonNode available = awaitFile(http, runtime, token, file);
            String before = available.at("/download/url").asText();
            assertThat(status(http, before)).isEqualTo(200);
            awaitUsage(clients, runtime, 1);

            int rotated = new RotateSigningKeyCommand(stream(out), stream(err), endpointsFile).execute(List.of());

            assertThat(rotated).as(err.toString(StandardCharsets.UTF_8)).isZero();
            String firstKey = before.replaceAll(".*Key-Pair-Id=([A-Z0-9]+).*", "$1");
            assertThat(output()).contains("Download URLs are now signed with ", "(before: " + firstKey + ")");
            assertThat(status(http, before)).as("a URL signed before the rotation").isEqualTo(200);
            assertThat(clients.cloudFront().getKeyGroup(get -> get.id(PersonaLocalRuntime.DOWNLOAD_KEY_GROUP_ID))
                    .keyGroup().keyGroupConfig().items()).as("placeholder, first and second key").hasSize(3)
                    .contains(firstKey);

            assertThat(http.send(api(runtime, token, file).DELETE().build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode()).isEqualTo(204);
            String key = java.net.URI.create(before).getPath().substring(1);
            Instant deadline = Instant.now().plusSeconds(30);
            while (!clients.s3().listObjectVersions(list -> list.bucket(PersonaLocalRuntime.BUCKET).prefix(key))
                    .versions().isEmpty()) {
                assertThat(Instant.now()).as("the stream consumer removes the object").isBefore(deadline);
                Thread.sleep(100);
            }
            awaitUsage(clients, runtime, 0);
        }
    }

    private static HttpRequest.Builder api(PersonaLocalRuntime runtime, String token, String path) {
        return HttpRequest.newBuilder(runtime.endpoints().api().resolve(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
    }

    private static JsonNode awaitFile(HttpClient http, PersonaLocalRuntime runtime, String token, String file)
            throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            JsonNode current = JSON.readTree(http.send(api(runtime, token, file).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            if (current.path("state").asText().equals("AVAILABLE")) {
                return current;
            }
            assertThat(Instant.now()).as("the file's event arrives").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private static int status(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(java.net.URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** Waits until the stream consumer counted {@code files} files for the user. */
    private static void awaitUsage(LocalFunctions.Clients clients, PersonaLocalRuntime runtime, long files)
            throws InterruptedException {
        Map<String, AttributeValue> key = Map.of("userId", AttributeValue.fromS("dev_rotation"),
                "record", AttributeValue.fromS("usage"));
        Instant deadline = Instant.now().plusSeconds(30);
        while (!String.valueOf(files).equals(clients.dynamoDb().getItem(get -> get.tableName(
                        PersonaLocalRuntime.tableName(dev.persona.contracts.Tables.ACCOUNTS)).key(key).consistentRead(true))
                .item().getOrDefault("fileCount", AttributeValue.fromN("-1")).n())) {
            assertThat(Instant.now()).as("the stream consumer counts " + files + " files").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    /** The conformance cases that read and write objects run on an in-memory S3 the command starts. */
    @Test
    void sfnConformanceRunsTheDocumentedCasesOverS3() {
        Path documented = Path.of("..", "stepfunctions", "src", "test", "resources", "conformance", "documented");

        int status = PersonaLocal.run(List.of("sfn", "conformance", documented.toString()), stream(out), stream(err));

        assertThat(status).as(output()).isZero();
        assertThat(output()).contains("11 passed, 0 failed");
    }

    @Test
    void redriveWithoutARunningStackSaysSo() {
        assertThat(new RedriveCommand(stream(out), stream(err), directory.resolve("none.json")).execute(List.of("j")))
                .isEqualTo(PersonaLocal.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no stack is running");
    }

    @Test
    void tokenWithoutARunningStackSaysSo() {
        assertThat(new TokenCommand(stream(out), stream(err), directory.resolve("none.json")).execute(List.of()))
                .isEqualTo(PersonaLocal.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no stack is running");
    }
}

package dev.persona.local.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.persona.local.runtime.PersonaLocalRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void tokenWithoutARunningStackSaysSo() {
        assertThat(new TokenCommand(stream(out), stream(err), directory.resolve("none.json")).execute(List.of()))
                .isEqualTo(PersonaLocal.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no stack is running");
    }
}

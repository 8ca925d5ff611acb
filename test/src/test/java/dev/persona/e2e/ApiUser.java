package dev.persona.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.persona.api.testing.BrowserUploads;
import dev.persona.local.runtime.PersonaLocalRuntime;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import static org.assertj.core.api.Assertions.assertThat;

/** One person signed in with the development issuer, calling the API over HTTP as the web app would. */
final class ApiUser {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Set<String> TERMINAL = Set.of("SUCCEEDED", "FAILED");

    private final URI api;
    private final String name;
    private final String token;

    ApiUser(PersonaLocalRuntime runtime, String name) {
        this.api = runtime.endpoints().api();
        this.name = name;
        this.token = runtime.token(name);
    }

    /** The user id the authorizer gives this person. */
    String userId() {
        return "dev_" + name;
    }

    HttpResponse<String> send(String method, String path, String jsonBody) {
        return send(method, path, jsonBody, java.util.Map.of());
    }

    /** A request with more headers ({@code If-Match}…). */
    HttpResponse<String> send(String method, String path, String jsonBody, java.util.Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve(path))
                .header("Authorization", "Bearer " + token)
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path) {
        return send("GET", path, null);
    }

    /** The response's JSON body, after checking its status. */
    static JsonNode body(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as("%s %s: %s", response.request().method(), response.request().uri(),
                response.body()).isEqualTo(status);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code POST /v1/uploads}: the job id, the object key, the presigned PUT and POST. */
    JsonNode createUpload(String filename, String contentType, long sizeBytes) {
        return body(send("POST", "/v1/uploads", """
                {"filename": "%s", "contentType": "%s", "sizeBytes": %d, "timezone": "UTC"}"""
                .formatted(filename, contentType, sizeBytes)), 201);
    }

    /** {@code POST /v1/uploads} of a Netflix export whose persona keeps one profile's viewing. */
    JsonNode createUpload(String filename, String contentType, long sizeBytes, String viewingProfile) {
        ObjectNode request = JSON.createObjectNode().put("filename", filename).put("contentType", contentType)
                .put("sizeBytes", sizeBytes).put("timezone", "UTC").put("viewingProfile", viewingProfile);
        return body(send("POST", "/v1/uploads", request.toString()), 201);
    }

    /** Asks for an upload and PUTs the content to its presigned URL; returns the job id. */
    String uploadWithPut(String filename, String contentType, byte[] content) {
        return put(createUpload(filename, contentType, content.length), content);
    }

    /** PUTs the content to the presigned URL of an upload; returns its job id. */
    String put(JsonNode upload, byte[] content) {
        try {
            HttpResponse<String> put = BrowserUploads.put(upload.path("put"), content);
            assertThat(put.statusCode()).as("presigned PUT: %s", put.body()).isEqualTo(200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return upload.path("jobId").asText();
    }

    /**
     * Polls {@code GET /v1/jobs/{jobId}} until the job has finished; fails the test after {@code timeout}. A job
     * the pipeline registers itself (an upload with vended credentials) is a 404 until its event arrives.
     */
    JsonNode awaitJob(String jobId, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            HttpResponse<String> response = get("/v1/jobs/" + jobId);
            String status = "not registered";
            if (response.statusCode() != 404) {
                JsonNode job = body(response, 200);
                if (TERMINAL.contains(job.path("status").asText())) {
                    return job;
                }
                status = job.path("status").asText();
            }
            assertThat(Instant.now()).as("job %s still %s", jobId, status).isBefore(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    JsonNode awaitJob(String jobId) {
        return awaitJob(jobId, Duration.ofSeconds(60));
    }

    /** An S3 client with the credentials {@code GET /v1/credentials} vends this person, as the web app's uploads use. */
    S3Client vendedS3(PersonaLocalRuntime runtime) {
        JsonNode credentials = body(get("/v1/credentials"), 200);
        return S3Client.builder()
                .endpointOverride(runtime.endpoints().s3())
                .region(Region.of(credentials.path("region").asText()))
                .forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        credentials.path("accessKeyId").asText(), credentials.path("secretAccessKey").asText(),
                        credentials.path("sessionToken").asText())))
                .build();
    }

    JsonNode persona(String jobId) {
        return body(get("/v1/personas/" + jobId), 200);
    }
}

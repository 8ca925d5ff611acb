package dev.persona.local.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The persona API as a browser uses it: bearer token, JSON bodies, the presigned PUT of an upload. */
final class ApiClient {

    /** Headers an HTTP client sets itself and refuses to take from its caller. */
    private static final Set<String> CLIENT_SET_HEADERS = Set.of("content-length", "host");

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final URI api;
    private final String token;

    ApiClient(URI api, String token) {
        this.api = api;
        this.token = token;
    }

    /** The API answered with an error: its problem document's code and detail. */
    static final class ApiError extends Exception {
        ApiError(String message) {
            super(message);
        }
    }

    /** A job as {@code GET /v1/jobs/{jobId}} shows it, or null when unchanged since {@code etag}. */
    record JobPoll(JsonNode job, String etag) {
    }

    /** {@code POST /v1/uploads}: the job id and the presigned PUT and POST. */
    JsonNode createUpload(String filename, String contentType, long sizeBytes, String timezone)
            throws IOException, InterruptedException, ApiError {
        ObjectNode body = json.createObjectNode().put("filename", filename).put("contentType", contentType)
                .put("sizeBytes", sizeBytes).put("timezone", timezone);
        HttpResponse<String> response = http.send(request("/v1/uploads")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        return expect(response, 201);
    }

    /** PUTs the content to the presigned URL with the headers it was signed with. */
    void upload(JsonNode put, HttpRequest.BodyPublisher content) throws IOException, InterruptedException, ApiError {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(put.path("url").asText())).PUT(content);
        for (var header : put.path("headers").properties()) {
            if (!CLIENT_SET_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                request.header(header.getKey(), header.getValue().asText());
            }
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new ApiError("S3 refused the upload (" + response.statusCode() + "): " + response.body());
        }
    }

    /** {@code GET /v1/jobs/{jobId}} with {@code If-None-Match}; a 304 comes back with a null job. */
    JobPoll job(String jobId, String etag) throws IOException, InterruptedException, ApiError {
        HttpRequest.Builder request = request("/v1/jobs/" + jobId).GET();
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 304) {
            return new JobPoll(null, etag);
        }
        return new JobPoll(expect(response, 200), response.headers().firstValue("ETag").orElse(null));
    }

    /** {@code GET /v1/personas/{jobId}}, as the pipeline stored it. */
    String persona(String jobId) throws IOException, InterruptedException, ApiError {
        HttpResponse<String> response = http.send(request("/v1/personas/" + jobId).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        expect(response, 200);
        return response.body();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(api.resolve(path)).header("Authorization", "Bearer " + token);
    }

    private JsonNode expect(HttpResponse<String> response, int status) throws IOException, ApiError {
        if (response.statusCode() != status) {
            String detail = response.body();
            try {
                JsonNode problem = json.readTree(response.body());
                detail = problem.path("code").asText() + ": " + problem.path("detail").asText();
            } catch (IOException notJson) {
                // The raw body says it best.
            }
            throw new ApiError(response.request().method() + " " + response.request().uri().getPath() + " answered "
                    + response.statusCode() + " " + detail);
        }
        return json.readTree(response.body());
    }
}

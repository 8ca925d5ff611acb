package dev.persona.api.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** Uploads the way a browser (or curl) uses the presigned PUT and POST of {@code POST /v1/uploads}. */
public final class BrowserUploads {

    /** Headers an HTTP client computes itself and will not take from the caller. */
    private static final Set<String> CLIENT_SET_HEADERS = Set.of("content-length", "host");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private BrowserUploads() {
    }

    /** PUTs {@code content} to {@code put.url} with the returned signed headers. */
    public static HttpResponse<String> put(JsonNode put, byte[] content) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(put.get("url").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content));
        put.get("headers").fields().forEachRemaining(header -> {
            if (!CLIENT_SET_HEADERS.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
                request.header(header.getKey(), header.getValue().asText());
            }
        });
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs a multipart form: {@code fields} in order, then the file. */
    public static HttpResponse<String> post(String url, Map<String, String> fields, byte[] content)
            throws IOException, InterruptedException {
        String boundary = "----persona" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                    + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"upload\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}

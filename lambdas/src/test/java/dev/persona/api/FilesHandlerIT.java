package dev.persona.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.api.testing.ApiCall;
import dev.persona.api.testing.BrowserUploads;
import dev.persona.api.testing.FileLibrary;
import dev.persona.api.testing.LocalAws;
import dev.persona.api.testing.OpenApiContract;
import dev.persona.contracts.EnvironmentVariables;
import dev.persona.contracts.Tables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static dev.persona.api.NotesHandlerIT.body;
import static dev.persona.api.NotesHandlerIT.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /v1/files} against S3Proxy, DynamoDB Local, the local Secrets Manager, CloudFront key API and download
 * distribution: registration within quotas, the presigned upload, the object's event, the signed download and what
 * the distribution refuses, deletion through the stream.
 */
class FilesHandlerIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalAws aws;
    private static FilesHandler files;
    private static FileLibrary library;

    @BeforeAll
    static void start() {
        aws = LocalAws.shared();
        files = new FilesHandler(aws.environment(), aws.dynamoDb(), aws.s3(), aws.secretsManagerClient());
        library = new FileLibrary(aws);
    }

    @Test
    void aFileIsUploadedThenDownloadedThroughASignedUrlAndDeletedWithItsObject() throws Exception {
        String user = user();
        byte[] content = "Quarterly notes, ünïcode and all.".getBytes(StandardCharsets.UTF_8);
        JsonNode created = register(files, user, "Notes Q3 (final).txt", "text/plain", content.length, 201);
        String fileId = created.at("/file/fileId").asText();
        assertThat(created.at("/file/state").asText()).isEqualTo("PENDING");
        String key = "files/" + user + "/" + fileId + "/Notes_Q3_final_.txt";
        assertThat(created.at("/upload/url").asText()).contains("/" + key.replace("(", "%28"));
        assertThat(created.at("/upload/headers/content-disposition").asText()).startsWith("attachment;");

        assertThat(BrowserUploads.put(created.get("upload"), content).statusCode()).isEqualTo(200);
        assertThat(get(user, fileId).at("/state").asText()).as("before its event").isEqualTo("PENDING");
        assertThat(library.objectCreated(key)).contains("RECORDED");

        JsonNode file = get(user, fileId);
        assertThat(file.get("state").asText()).isEqualTo("AVAILABLE");
        assertThat(file.get("sizeBytes").asLong()).isEqualTo(content.length);
        String url = file.at("/download/url").asText();
        assertThat(url).startsWith(aws.cdn().endpoint() + "/files/").contains("Key-Pair-Id=", "Signature=", "Expires=");
        HttpResponse<byte[]> download = fetch(url);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(content);
        assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(disposition ->
                assertThat(disposition).startsWith("attachment;").contains("filename*=UTF-8''Notes%20Q3%20%28final%29.txt"));

        assertThat(fetch(url.replace("Signature=", "Signature=x")).statusCode()).as("tampered").isEqualTo(403);
        assertThat(fetch(url.replaceAll("Expires=(\\d+)", "Expires=9$1")).statusCode()).as("longer").isEqualTo(403);

        assertThat(call(files, ApiCall.of("DELETE", "/v1/files/{fileId}").as(user).path("fileId", fileId))
                .getStatusCode()).isEqualTo(204);
        assertThat(call(files, ApiCall.of("GET", "/v1/files/{fileId}").as(user).path("fileId", fileId))
                .getStatusCode()).isEqualTo(404);
        library.drainStream();
        assertThat(aws.s3().listObjectVersions(l -> l.bucket(LocalAws.BUCKET).prefix(key)).versions())
                .as("every version removed by the stream consumer").isEmpty();
        assertThat(fetch(url).statusCode()).as("the object is gone").isIn(403, 404);
    }

    @Test
    void anotherUsersFileAndUrlsAreRefused() throws Exception {
        String owner = user();
        String other = user();
        byte[] content = "private".getBytes(StandardCharsets.UTF_8);
        JsonNode mine = register(files, owner, "mine.txt", "text/plain", content.length, 201);
        BrowserUploads.put(mine.get("upload"), content);
        library.objectCreated(mine.at("/upload/url").asText().replaceAll("^.*?/(files/[^?]+).*$", "$1"));
        JsonNode theirs = register(files, other, "theirs.txt", "text/plain", 5, 201);
        BrowserUploads.put(theirs.get("upload"), "other".getBytes(StandardCharsets.UTF_8));
        library.objectCreated(theirs.at("/upload/url").asText().replaceAll("^.*?/(files/[^?]+).*$", "$1"));

        String mineId = mine.at("/file/fileId").asText();
        for (ApiCall attack : List.of(ApiCall.of("GET", "/v1/files/{fileId}").as(other).path("fileId", mineId),
                ApiCall.of("DELETE", "/v1/files/{fileId}").as(other).path("fileId", mineId))) {
            assertThat(call(files, attack).getStatusCode()).isEqualTo(404);
        }
        String theirUrl = get(other, theirs.at("/file/fileId").asText()).at("/download/url").asText();
        String mineKey = "files/" + owner + "/" + mineId + "/mine.txt";
        String retargeted = theirUrl.replaceAll("/files/[^?]+", "/" + mineKey);
        assertThat(fetch(retargeted).statusCode()).as("another user's signed URL on my object").isEqualTo(403);
        assertThat(fetch(get(owner, mineId).at("/download/url").asText()).statusCode()).isEqualTo(200);
        assertThat(body(call(files, ApiCall.of("GET", "/v1/files").as(other))).get("items"))
                .extracting(item -> item.get("fileId").asText()).doesNotContain(mineId);
    }

    @Test
    void expiredUrlsAreRefused() throws Exception {
        FilesHandler shortLived = new FilesHandler(aws.environment(Map.of(EnvironmentVariables.DOWNLOAD_URL_TTL_SECONDS,
                "1")), aws.dynamoDb(), aws.s3(), aws.secretsManagerClient());
        String user = user();
        JsonNode created = register(shortLived, user, "brief.txt", "text/plain", 3, 201);
        BrowserUploads.put(created.get("upload"), "abc".getBytes(StandardCharsets.UTF_8));
        library.objectCreated("files/" + user + "/" + created.at("/file/fileId").asText() + "/brief.txt");
        String url = body(call(shortLived, ApiCall.of("GET", "/v1/files/{fileId}").as(user)
                .path("fileId", created.at("/file/fileId").asText()))).at("/download/url").asText();
        Thread.sleep(2_100);
        HttpResponse<byte[]> expired = fetch(url);
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(new String(expired.body(), StandardCharsets.UTF_8)).contains("Access denied");
    }

    @Test
    void registrationsAreRefusedAtTheQuotaAsTheStreamCountsThem() throws Exception {
        FilesHandler limited = new FilesHandler(aws.environment(FileLibrary.quotas(2, 100, 3)), aws.dynamoDb(), aws.s3(),
                aws.secretsManagerClient());
        String user = user();
        String first = register(limited, user, "a.bin", "application/octet-stream", 40, 201).at("/file/fileId").asText();
        register(limited, user, "b.bin", "application/octet-stream", 40, 201);
        library.drainStream();
        assertThat(usage(user)).containsEntry("fileCount", 2L).containsEntry("fileBytes", 80L);

        APIGatewayProxyResponseEvent third = call(limited, ApiCall.of("POST", "/v1/files").as(user)
                .jsonBody("{\"name\":\"c.bin\",\"contentType\":\"application/octet-stream\",\"sizeBytes\":1}"));
        assertThat(third.getStatusCode()).isEqualTo(403);
        assertThat(body(third).get("code").asText()).isEqualTo("QUOTA_EXCEEDED");
        assertThat(body(third).get("detail").asText()).contains("at most 2 files");

        call(limited, ApiCall.of("DELETE", "/v1/files/{fileId}").as(user).path("fileId", first));
        library.drainStream();
        assertThat(usage(user)).containsEntry("fileCount", 1L).containsEntry("fileBytes", 40L);
        JsonNode bytesRefused = body(call(limited, ApiCall.of("POST", "/v1/files").as(user)
                .jsonBody("{\"name\":\"d.bin\",\"contentType\":\"application/octet-stream\",\"sizeBytes\":61}")));
        assertThat(bytesRefused.get("detail").asText()).contains("at most 100 bytes");
        register(limited, user, "e.bin", "application/octet-stream", 60, 201);
        library.drainStream();
        APIGatewayProxyResponseEvent monthly = call(limited, ApiCall.of("POST", "/v1/files").as(user)
                .jsonBody("{\"name\":\"f.bin\",\"contentType\":\"application/octet-stream\",\"sizeBytes\":1}"));
        assertThat(body(monthly).get("detail").asText()).contains("at most 3 new files a month");
    }

    @Test
    void anObjectOfADeletedFileIsRemovedWhenItArrives() throws Exception {
        String user = user();
        JsonNode created = register(files, user, "late.txt", "text/plain", 4, 201);
        String fileId = created.at("/file/fileId").asText();
        call(files, ApiCall.of("DELETE", "/v1/files/{fileId}").as(user).path("fileId", fileId));
        BrowserUploads.put(created.get("upload"), "late".getBytes(StandardCharsets.UTF_8));
        String key = "files/" + user + "/" + fileId + "/late.txt";

        assertThat(library.objectCreated(key)).contains("ORPHAN_REMOVED");
        assertThat(aws.s3().listObjectVersions(l -> l.bucket(LocalAws.BUCKET).prefix(key)).versions()).isEmpty();
    }

    @Test
    void deleteMyDataRemovesTheLibraryAndTheStreamCountsNothingAfterIt() throws Exception {
        String user = user();
        JsonNode created = register(files, user, "kept.txt", "text/plain", 4, 201);
        String fileId = created.at("/file/fileId").asText();
        BrowserUploads.put(created.get("upload"), "kept".getBytes(StandardCharsets.UTF_8));
        String key = "files/" + user + "/" + fileId + "/kept.txt";
        library.objectCreated(key);
        library.drainStream();
        assertThat(usage(user)).containsEntry("fileCount", 1L);

        APIGatewayProxyResponseEvent deleted = new DeleteMyDataHandler(aws.environment(), aws.dynamoDb(), aws.s3())
                .handleRequest(ApiCall.of("DELETE", "/v1/me/data").as(user).event(), null);

        assertThat(deleted.getStatusCode()).isEqualTo(200);
        assertThat(body(deleted).at("/deleted/records/files").asLong()).isEqualTo(1);
        assertThat(body(deleted).at("/deleted/objects/files").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(call(files, ApiCall.of("GET", "/v1/files/{fileId}").as(user).path("fileId", fileId))
                .getStatusCode()).isEqualTo(404);
        assertThat(aws.s3().listObjectVersions(l -> l.bucket(LocalAws.BUCKET).prefix(key)).versions()).isEmpty();
        library.drainStream();
        assertThat(usage(user)).as("the stream's deletion finds no usage to count down, and creates none").isEmpty();
    }

    private static Map<String, Long> usage(String user) {
        Map<String, AttributeValue> item = aws.dynamoDb().getItem(get -> get.tableName(LocalAws.tableName(Tables.ACCOUNTS))
                .key(Map.of("userId", AttributeValue.fromS(user), "record", AttributeValue.fromS("usage")))
                .consistentRead(true)).item();
        Map<String, Long> counts = new java.util.HashMap<>();
        if (item == null) {
            return counts;
        }
        item.forEach((name, value) -> {
            if (value.n() != null) {
                counts.put(name, Long.parseLong(value.n()));
            }
        });
        return counts;
    }

    private static JsonNode register(FilesHandler handler, String user, String name, String type, long size, int status)
            throws Exception {
        APIGatewayProxyResponseEvent response = call(handler, ApiCall.of("POST", "/v1/files").as(user)
                .jsonBody(Json.object("name", name, "contentType", type).put("sizeBytes", size).toString()));
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        return body(response);
    }

    private static JsonNode get(String user, String fileId) throws Exception {
        APIGatewayProxyResponseEvent response = call(files, ApiCall.of("GET", "/v1/files/{fileId}").as(user)
                .path("fileId", fileId));
        assertThat(response.getStatusCode()).isEqualTo(200);
        return body(response);
    }

    private static HttpResponse<byte[]> fetch(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static APIGatewayProxyResponseEvent call(FilesHandler handler, ApiCall call) {
        var event = call.event();
        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);
        OpenApiContract.assertConforms(event.getHttpMethod(), event.getResource(), response);
        return response;
    }

    /** JSON objects for request bodies. */
    static final class Json {
        static com.fasterxml.jackson.databind.node.ObjectNode object(String... pairs) {
            var node = dev.persona.json.Json.MAPPER.createObjectNode();
            for (int i = 0; i < pairs.length; i += 2) {
                node.put(pairs[i], pairs[i + 1]);
            }
            return node;
        }
    }
}

package dev.persona.e2e;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.runtime.PersonaLocalRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A presigned PUT carries what was signed and nothing else, as S3 enforces it: not a longer body sent chunked, not
 * another length, not an {@code x-amz-*} header the signer never saw (an ACL, a storage class, metadata, a website
 * redirect). Only the declared upload reaches the bucket.
 */
class PresignedTamperingIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Headers the HTTP client sets itself. */
    private static final Set<String> CLIENT_SET = Set.of("host", "content-length");
    private static PersonaLocalRuntime stack;

    @BeforeAll
    static void start() {
        stack = SharedStack.get();
    }

    private static HttpRequest.Builder signedPut(JsonNode put, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(put.path("url").asText())).PUT(body);
        put.path("headers").properties().forEach(header -> {
            if (!CLIENT_SET.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                request.header(header.getKey(), header.getValue().asText());
            }
        });
        return request;
    }

    @Test
    void aLongerBodySentChunkedOrUnderAnotherLengthIsRefused() throws Exception {
        ApiUser user = new ApiUser(stack, "tamper-length");
        byte[] declared = ActivityFiles.csv(ActivityFiles.SPORTS, 1);
        JsonNode upload = user.createUpload("events.csv", "text/csv", declared.length);
        // Small enough to sit in the socket buffers whole: S3Proxy refuses a bad signature before it reads the
        // body, and a body still arriving then would reset the connection before the client reads the answer.
        byte[] larger = ActivityFiles.csv(ActivityFiles.SPORTS, 40);

        HttpResponse<String> chunked = HTTP.send(signedPut(upload.path("put"), HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(larger))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(411);
        assertThat(chunked.body()).contains("<Code>MissingContentLength</Code>");

        HttpResponse<String> otherLength = HTTP.send(signedPut(upload.path("put"),
                HttpRequest.BodyPublishers.ofByteArray(larger)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(otherLength.statusCode()).isEqualTo(403);
        assertThat(otherLength.body()).contains("<Code>SignatureDoesNotMatch</Code>");

        assertThat(HTTP.send(signedPut(upload.path("put"), HttpRequest.BodyPublishers.ofByteArray(declared)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(user.awaitJob(upload.path("jobId").asText()).path("status").asText()).isIn("SUCCEEDED", "FAILED");
    }

    @ParameterizedTest
    @CsvSource({"x-amz-acl, public-read", "x-amz-storage-class, GLACIER", "x-amz-meta-injected, yes",
            "x-amz-website-redirect-location, /elsewhere", "x-amz-tagging, a=b"})
    void anUnsignedAmzHeaderIsRefused(String header, String value) throws Exception {
        ApiUser user = new ApiUser(stack, "tamper-" + header.substring(6).replace("-", ""));
        byte[] content = ActivityFiles.csv(ActivityFiles.FOOD, 3);
        JsonNode upload = user.createUpload("events.csv", "text/csv", content.length);

        HttpResponse<String> response = HTTP.send(signedPut(upload.path("put"),
                HttpRequest.BodyPublishers.ofByteArray(content)).header(header, value).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("<Code>AccessDenied</Code>")
                .contains("headers present in the request which were not signed");
        assertThat(ApiUser.body(user.get("/v1/jobs/" + upload.path("jobId").asText()), 200).path("status").asText())
                .isEqualTo("AWAITING_UPLOAD");
    }
}

package dev.persona.local.events;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.persona.aws.S3PostPolicy;
import dev.persona.local.servers.LocalS3Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Objects created in the real local S3, through every path a client has, and the events they raise. */
class UploadEventBridgeIT {

    private static final String BUCKET = "persona-uploads";
    private static final String OTHER_BUCKET = "other-bucket";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final RetryPolicy FAST_RETRIES = new RetryPolicy(2, Duration.ofMinutes(1), Duration.ofMillis(10),
            Duration.ofMillis(40));
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyWayOfCreatingAnUploadRaisesOneEventWithTheObjectsFields() throws Exception {
        RecordingTarget target = new RecordingTarget(0);
        try (UploadEventBridge bridge = UploadEventBridge.builder().bucket(BUCKET).target(target).build().start();
             LocalS3Server server = s3(bridge, true).start();
             S3Client s3 = server.client();
             S3Presigner presigner = server.presigner()) {
            s3.putObject(b -> b.bucket(BUCKET).key("uploads/dev_a/job-1/sdk.json"), RequestBody.fromString("{\"a\":1}"));

            URI url = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(r -> r.bucket(BUCKET).key("uploads/dev_a/job-2/presigned.csv"))).url().toURI();
            assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(url)
                    .PUT(HttpRequest.BodyPublishers.ofString("a,b\n1,2\n")).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(200);

            assertThat(post(server, "uploads/dev_a/job-3/form.jsonl", "{\"x\":1}\n").statusCode()).isBetween(200, 204);

            String multipartKey = "uploads/dev_a/job-4/big.json";
            String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(multipartKey)).uploadId();
            byte[] part = new byte[5 * 1024 * 1024];
            Arrays.fill(part, (byte) ' ');
            String etag1 = s3.uploadPart(b -> b.bucket(BUCKET).key(multipartKey).uploadId(uploadId).partNumber(1),
                    RequestBody.fromBytes(part)).eTag();
            String etag2 = s3.uploadPart(b -> b.bucket(BUCKET).key(multipartKey).uploadId(uploadId).partNumber(2),
                    RequestBody.fromString("[]")).eTag();
            s3.completeMultipartUpload(b -> b.bucket(BUCKET).key(multipartKey).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag1).build(),
                            CompletedPart.builder().partNumber(2).eTag(etag2).build())));

            s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("uploads/dev_a/job-1/sdk.json")
                    .destinationBucket(BUCKET).destinationKey("uploads/dev_a/job-5/copy.json"));

            // None of these is an upload: the rule matches only uploads/ of the uploads bucket.
            s3.putObject(b -> b.bucket(BUCKET).key("processed/dev_a/job-1/report.json"), RequestBody.fromString("{}"));
            s3.putObject(b -> b.bucket(BUCKET).key("personas/dev_a/job-1/persona.json"), RequestBody.fromString("{}"));
            s3.putObject(b -> b.bucket(BUCKET).key("uploadsX/dev_a/job-1/a.json"), RequestBody.fromString("{}"));
            s3.putObject(b -> b.bucket(OTHER_BUCKET).key("uploads/dev_a/job-1/a.json"), RequestBody.fromString("{}"));

            assertThat(bridge.awaitIdle(WAIT)).isTrue();
            assertThat(target.reasonsByKey()).containsExactly(
                    Map.entry("uploads/dev_a/job-1/sdk.json", "PutObject"),
                    Map.entry("uploads/dev_a/job-2/presigned.csv", "PutObject"),
                    Map.entry("uploads/dev_a/job-3/form.jsonl", "PostObject"),
                    Map.entry(multipartKey, "CompleteMultipartUpload"),
                    Map.entry("uploads/dev_a/job-5/copy.json", "CopyObject"));
            for (JsonNode event : target.events()) {
                assertMatchesTheObject(event, s3);
            }
            assertThat(target.events().stream().map(event -> event.get("id").asText()).distinct()).hasSize(5);
            assertThat(target.ids()).isEqualTo(target.events().stream().map(event -> event.get("id").asText()).toList());
        }
    }

    @Test
    void laterWritesOfAKeyHaveLargerSequencersAndUnversionedObjectsNoVersionId() throws Exception {
        RecordingTarget target = new RecordingTarget(0);
        try (UploadEventBridge bridge = UploadEventBridge.builder().bucket(BUCKET).target(target).build().start();
             LocalS3Server server = s3(bridge, false).start();
             S3Client s3 = server.client()) {
            String key = "uploads/dev_b/job-1/events.json";
            s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("same"));
            s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("same"));

            assertThat(bridge.awaitIdle(WAIT)).isTrue();
            List<JsonNode> events = target.events();
            assertThat(events).hasSize(2).allSatisfy(event -> assertThat(event.at("/detail/object").has("version-id"))
                    .isFalse());
            String first = events.get(0).at("/detail/object/sequencer").asText();
            String second = events.get(1).at("/detail/object/sequencer").asText();
            assertThat(first).matches("[0-9a-f]{16}");
            assertThat(second).matches("[0-9a-f]{16}").isGreaterThan(first);
            assertThat(events.get(1).at("/detail/object/etag").asText())
                    .isEqualTo(events.get(0).at("/detail/object/etag").asText());
        }
    }

    @Test
    void aTargetThatFailsTwiceGetsTheEventOnceAfterRetries() throws Exception {
        RecordingTarget target = new RecordingTarget(2);
        try (UploadEventBridge bridge = UploadEventBridge.builder().bucket(BUCKET).target(target)
                .retryPolicy(FAST_RETRIES).build().start();
             LocalS3Server server = s3(bridge, true).start();
             S3Client s3 = server.client()) {
            s3.putObject(b -> b.bucket(BUCKET).key("uploads/dev_c/job-1/a.json"), RequestBody.fromString("{}"));

            assertThat(bridge.awaitIdle(WAIT)).isTrue();
            assertThat(target.attempts.get()).isEqualTo(3);
            assertThat(target.events()).hasSize(1);
            assertThat(bridge.deadLetters()).isEmpty();
        }
    }

    @Test
    void anEventThatRunsOutOfRetriesIsDeadLetteredWithTheReasonAndNotRetriedAfterARestart(@TempDir Path dir)
            throws Exception {
        RecordingTarget failing = new RecordingTarget(Integer.MAX_VALUE);
        try (UploadEventBridge bridge = UploadEventBridge.builder().bucket(BUCKET).target(failing).dataDirectory(dir)
                .retryPolicy(FAST_RETRIES).build().start();
             LocalS3Server server = s3(bridge, true).start();
             S3Client s3 = server.client()) {
            s3.putObject(b -> b.bucket(BUCKET).key("uploads/dev_d/job-1/a.json"), RequestBody.fromString("{}"));

            assertThat(bridge.awaitIdle(WAIT)).isTrue();
            assertThat(failing.attempts.get()).isEqualTo(3);
            assertThat(bridge.deadLetters()).singleElement().satisfies(letter -> {
                assertThat(letter.attempts()).isEqualTo(3);
                assertThat(letter.reason()).contains("no retries left after 3 attempts")
                        .contains("state machine unavailable");
                assertThat(JSON.readTree(letter.eventJson()).at("/detail/object/key").asText())
                        .isEqualTo("uploads/dev_d/job-1/a.json");
            });
        }
        assertThat(dir.resolve(EventOutbox.DEAD_LETTERS)).content(StandardCharsets.UTF_8)
                .contains("uploads/dev_d/job-1/a.json").contains("state machine unavailable");

        RecordingTarget after = new RecordingTarget(0);
        try (UploadEventBridge restarted = UploadEventBridge.builder().bucket(BUCKET).target(after).dataDirectory(dir)
                .build().start()) {
            assertThat(restarted.awaitIdle(WAIT)).isTrue();
            assertThat(restarted.deadLetters()).hasSize(1);
        }
        assertThat(after.attempts.get()).isZero();
    }

    @Test
    void anEventTooOldForAnotherAttemptIsDeadLettered() throws Exception {
        RecordingTarget failing = new RecordingTarget(Integer.MAX_VALUE);
        RetryPolicy shortLived = new RetryPolicy(100, Duration.ofMillis(200), Duration.ofMillis(50),
                Duration.ofMillis(100));
        try (UploadEventBridge bridge = UploadEventBridge.builder().bucket(BUCKET).target(failing)
                .retryPolicy(shortLived).build().start();
             LocalS3Server server = s3(bridge, true).start();
             S3Client s3 = server.client()) {
            s3.putObject(b -> b.bucket(BUCKET).key("uploads/dev_e/job-1/a.json"), RequestBody.fromString("{}"));

            assertThat(bridge.awaitIdle(WAIT)).isTrue();
            assertThat(bridge.deadLetters()).singleElement()
                    .satisfies(letter -> assertThat(letter.reason()).contains("maximum event age"));
            assertThat(failing.attempts.get()).isBetween(1, 5);
        }
    }

    @Test
    void eventsRecordedBeforeACrashAreDeliveredAfterTheRestartAndOnlyOnce(@TempDir Path dir) throws Exception {
        RecordingTarget neverCalled = new RecordingTarget(0);
        // The bridge records but never starts delivering: the process "crashes" with the event pending.
        UploadEventBridge crashed = UploadEventBridge.builder().bucket(BUCKET).target(neverCalled).dataDirectory(dir)
                .build();
        try (LocalS3Server server = s3(crashed, true).start(); S3Client s3 = server.client()) {
            s3.putObject(b -> b.bucket(BUCKET).key("uploads/dev_f/job-1/a.json"), RequestBody.fromString("{}"));
        }
        assertThat(crashed.pendingEvents()).isOne();

        RecordingTarget target = new RecordingTarget(0);
        try (UploadEventBridge restarted = UploadEventBridge.builder().bucket(BUCKET).target(target).dataDirectory(dir)
                .build().start()) {
            assertThat(restarted.awaitIdle(WAIT)).isTrue();
        }
        assertThat(target.events()).singleElement()
                .satisfies(event -> assertThat(event.at("/detail/object/key").asText())
                        .isEqualTo("uploads/dev_f/job-1/a.json"));

        RecordingTarget again = new RecordingTarget(0);
        try (UploadEventBridge third = UploadEventBridge.builder().bucket(BUCKET).target(again).dataDirectory(dir)
                .build().start()) {
            assertThat(third.awaitIdle(WAIT)).isTrue();
        }
        assertThat(again.attempts.get()).as("delivered events are not delivered again").isZero();
        assertThat(neverCalled.attempts.get()).isZero();
    }

    @Test
    void aRetriedCompletionOfTheSameUploadRaisesNoSecondEvent() throws Exception {
        RecordingTarget target = new RecordingTarget(0);
        try (UploadEventBridge bridge = UploadEventBridge.builder().bucket(BUCKET).target(target).build().start();
             LocalS3Server server = s3(bridge, true).start();
             S3Client s3 = server.client()) {
            String key = "uploads/dev_g/job-1/a.json";
            String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
            String etag = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(1),
                    RequestBody.fromString("{}")).eTag();
            Runnable complete = () -> s3.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(etag))));
            complete.run();
            // A client that lost the first answer completes again: S3 does not create the object twice.
            assertThatCode(complete::run).doesNotThrowAnyException();

            assertThat(bridge.awaitIdle(WAIT)).isTrue();
            assertThat(target.events()).hasSize(1);
            assertThat(s3.listObjectVersions(b -> b.bucket(BUCKET).prefix(key)).versions()).hasSize(1);
        }
    }

    @Test
    void stoppingEndsTheDispatcherAndIsSafeTwice() {
        UploadEventBridge bridge = UploadEventBridge.builder().bucket(BUCKET).target(new RecordingTarget(0)).build();
        bridge.start();
        assertThat(dispatchers()).isOne();
        assertThatThrownBy(bridge::start).isInstanceOf(IllegalStateException.class);

        bridge.stop();
        bridge.stop();
        assertThat(dispatchers()).isZero();
        bridge.start().stop();
        assertThat(dispatchers()).isZero();
    }

    private static long dispatchers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("upload-event-dispatcher") && thread.isAlive()).count();
    }

    private static LocalS3Server s3(UploadEventBridge bridge, boolean versioning) {
        return LocalS3Server.builder().bucket(BUCKET).bucket(OTHER_BUCKET).versioning(versioning)
                .blobStoreDecorator(bridge.blobStoreDecorator()).build();
    }

    private static void assertMatchesTheObject(JsonNode event, S3Client s3) {
        String key = event.at("/detail/object/key").asText();
        HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key(key));
        assertThat(event.get("version").asText()).isEqualTo("0");
        assertThat(UUID.fromString(event.get("id").asText())).isNotNull();
        assertThat(event.get("detail-type").asText()).isEqualTo("Object Created");
        assertThat(event.get("source").asText()).isEqualTo("aws.s3");
        assertThat(event.get("account").asText()).isEqualTo(LocalS3Server.ACCOUNT_ID);
        assertThat(event.get("region").asText()).isEqualTo("us-east-1");
        assertThat(event.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(Instant.parse(event.get("time").asText())).isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(event.get("resources").toString()).isEqualTo("[\"arn:aws:s3:::" + BUCKET + "\"]");
        JsonNode detail = event.get("detail");
        assertThat(detail.get("version").asText()).isEqualTo("0");
        assertThat(detail.at("/bucket/name").asText()).isEqualTo(BUCKET);
        assertThat(detail.at("/object/size").asLong()).as(key).isEqualTo(head.contentLength());
        assertThat(detail.at("/object/etag").asText()).as(key).isEqualTo(head.eTag().replace("\"", ""));
        assertThat(detail.at("/object/version-id").asText()).as(key).isEqualTo(head.versionId()).isNotBlank();
        assertThat(detail.at("/object/sequencer").asText()).matches("[0-9a-f]{16}");
        assertThat(detail.get("request-id").asText()).matches("[A-Z0-9]{16}");
        assertThat(detail.get("requester").asText()).isEqualTo(LocalS3Server.ACCOUNT_ID);
        assertThat(detail.get("source-ip-address").asText()).isEqualTo("127.0.0.1");
    }

    /** A browser form POST signed with the project's SigV4 POST policy. */
    private static HttpResponse<String> post(LocalS3Server server, String key, String content) throws Exception {
        Instant now = Instant.now();
        Map<String, String> fields = S3PostPolicy.forBucket(BUCKET).field("key", key)
                .field("Content-Type", "application/x-ndjson").contentLengthRange(1, 1024)
                .sign(AwsBasicCredentials.create(server.accessKeyId(), server.secretAccessKey()),
                        LocalS3Server.REGION.id(), now, now.plusSeconds(300));
        String boundary = "----local" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f\"\r\n"
                + "Content-Type: application/x-ndjson\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/" + BUCKET + "/"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Fails its first {@code failures} deliveries, then records every event it accepts. */
    private static final class RecordingTarget implements UploadEventTarget {
        private final int failures;
        private final AtomicInteger attempts = new AtomicInteger();
        private final List<String> ids = new CopyOnWriteArrayList<>();
        private final List<String> delivered = new CopyOnWriteArrayList<>();

        RecordingTarget(int failures) {
            this.failures = failures;
        }

        @Override
        public void deliver(String eventId, String eventJson) {
            if (attempts.incrementAndGet() <= failures) {
                throw new IllegalStateException("state machine unavailable");
            }
            ids.add(eventId);
            delivered.add(eventJson);
        }

        List<String> ids() {
            return List.copyOf(ids);
        }

        List<JsonNode> events() throws Exception {
            List<JsonNode> events = new ArrayList<>();
            for (String json : delivered) {
                events.add(JSON.readTree(json));
            }
            return events;
        }

        List<Map.Entry<String, String>> reasonsByKey() throws Exception {
            return events().stream().map(event -> Map.entry(event.at("/detail/object/key").asText(),
                    event.at("/detail/reason").asText())).toList();
        }
    }
}

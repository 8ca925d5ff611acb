package dev.persona.files;

import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.api.testing.LocalAws;
import dev.persona.aws.DynamoFileRepository;
import dev.persona.aws.DynamoUsageRepository;
import dev.persona.aws.S3StoredObjects;
import dev.persona.contracts.FileAttributes;
import dev.persona.contracts.StorageLayout;
import dev.persona.contracts.Tables;
import dev.persona.json.Json;
import dev.persona.local.servers.StreamEventSourceMapping;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The file stream consumer on DynamoDB Local's real stream, delivered by the local event source mapping: every
 * change reaches the usage exactly once, across a failed record retried from where it failed and across a replay of
 * the whole stream.
 */
class FileStreamServiceIT {

    @Test
    void eachChangeCountsExactlyOnceAcrossAFailureAndAReplay() throws Exception {
        LocalAws aws = LocalAws.shared();
        String user = "google_" + UUID.randomUUID().toString().replace("-", "");
        DynamoFileRepository files = new DynamoFileRepository(aws.dynamoDb(), LocalAws.tableName(Tables.FILES));
        DynamoUsageRepository usage = new DynamoUsageRepository(aws.dynamoDb(), LocalAws.tableName(Tables.ACCOUNTS));
        Map<String, Integer> appliedByEvent = new ConcurrentHashMap<>();
        UsageRepository counting = new UsageRepository() {
            @Override
            public Usage usage(String userId, YearMonth month) {
                return usage.usage(userId, month);
            }

            @Override
            public boolean apply(String userId, String eventId, long count, long bytes, Optional<YearMonth> month,
                    long expiresAt) {
                boolean applied = usage.apply(userId, eventId, count, bytes, month, expiresAt);
                if (applied && userId.equals(user)) {
                    appliedByEvent.merge(eventId, 1, Integer::sum);
                }
                return applied;
            }
        };
        S3StoredObjects objects = new S3StoredObjects(aws.s3(), LocalAws.BUCKET);
        AtomicInteger failuresLeft = new AtomicInteger(1);
        String failingFile = "01JSTREAMFILE0000000000001";
        StoredObjects failingOnce = new StoredObjects() {
            @Override
            public int removeAllVersions(String key) {
                if (key.contains(failingFile) && failuresLeft.getAndDecrement() > 0) {
                    throw new IllegalStateException("S3 is unavailable, this once");
                }
                return objects.removeAllVersions(key);
            }

            @Override
            public void removeVersion(String key, String versionId) {
                objects.removeVersion(key, versionId);
            }
        };
        FileStreamService service = new FileStreamService(counting, failingOnce, Clock.systemUTC());

        for (int i = 0; i < 3; i++) {
            String fileId = "01JSTREAMFILE000000000000" + i;
            String key = StorageLayout.fileKey(user, fileId, "f.txt");
            files.create(user, new FileRecord(fileId, "f.txt", "text/plain", 10 + i, null, null, FileAttributes.PENDING,
                    key, "2026-12-01T10:00:00.000Z", "2026-12-01T10:00:00.000Z", null), 4_102_444_800L);
            aws.s3().putObject(put -> put.bucket(LocalAws.BUCKET).key(key), RequestBody.fromString("x".repeat(20)));
            aws.s3().putObject(put -> put.bucket(LocalAws.BUCKET).key(key), RequestBody.fromString("y".repeat(20)));
        }
        files.recordStored(new FileMetadata.StoredObject(user, "01JSTREAMFILE0000000000002",
                StorageLayout.fileKey(user, "01JSTREAMFILE0000000000002", "f.txt"), 20, "etag", "v", "0001", null));
        files.delete(user, "01JSTREAMFILE0000000000000");
        files.delete(user, failingFile);

        StreamEventSourceMapping mapping = mapping(aws, service);
        mapping.pollOnce();

        assertThat(failuresLeft.get()).as("the failure happened").isNegative();
        assertThat(appliedByEvent).as("3 registrations, 1 stored size, 2 deletions").hasSize(6)
                .allSatisfy((event, times) -> assertThat(times).isEqualTo(1));
        assertThat(usage.usage(user, YearMonth.of(2026, 12))).isEqualTo(new Usage(1, 20, 3));
        for (String fileId : List.of("01JSTREAMFILE0000000000000", failingFile)) {
            assertThat(aws.s3().listObjectVersions(l -> l.bucket(LocalAws.BUCKET)
                    .prefix(StorageLayout.fileKey(user, fileId, "f.txt"))).versions()).as(fileId).isEmpty();
        }
        assertThat(mapping.failures()).isEmpty();

        mapping(aws, service).pollOnce();
        assertThat(appliedByEvent.values()).as("a replay of the whole stream applies nothing again").containsOnly(1);
        assertThat(usage.usage(user, YearMonth.of(2026, 12))).isEqualTo(new Usage(1, 20, 3));
    }

    @Test
    void theHandlerReportsTheFirstFailedRecordAsABatchItemFailure() throws Exception {
        LocalAws aws = LocalAws.shared();
        FileStreamHandler handler = new FileStreamHandler(aws.environment(), aws.dynamoDb(), aws.s3());
        ObjectNode event = Json.MAPPER.createObjectNode();
        ArrayNode records = event.putArray("Records");
        records.addObject().put("eventID", "e1").put("eventName", "INSERT").putObject("dynamodb")
                .put("SequenceNumber", "100").putObject("NewImage").putObject("userId").put("S", "google_handler");
        ((ObjectNode) records.get(0).get("dynamodb").get("NewImage")).putObject("createdAt")
                .put("S", "2026-12-01T00:00:00.000Z");
        records.addObject().put("eventID", "e2").put("eventName", "REMOVE").putObject("dynamodb")
                .put("SequenceNumber", "200");
        records.addObject().put("eventID", "e3").put("eventName", "INSERT").putObject("dynamodb")
                .put("SequenceNumber", "300");

        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        handler.handleRequest(new java.io.ByteArrayInputStream(event.toString().getBytes()), out, null);

        assertThat(Json.MAPPER.readTree(out.toByteArray())).isEqualTo(Json.MAPPER.readTree(
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"200\"}]}"));
    }

    private static StreamEventSourceMapping mapping(LocalAws aws, FileStreamService service) {
        return StreamEventSourceMapping.builder().stream(aws.streams(), aws::filesStreamArn)
                .retryDelay(java.time.Duration.ofMillis(1))
                .function(event -> {
                    try {
                        List<String> failed = service.process(Json.MAPPER.readTree(event).path("Records"));
                        ObjectNode response = Json.MAPPER.createObjectNode();
                        failed.forEach(sequence -> response.withArray("batchItemFailures").addObject()
                                .put("itemIdentifier", sequence));
                        return response.toString();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).build();
    }
}

package dev.persona.local.servers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.persona.contracts.Tables;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import static org.assertj.core.api.Assertions.assertThat;

/** DynamoDB Local's stream read as Lambda's event source mapping reads it: batches, partial failures, retries. */
class StreamEventSourceMappingIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void batchesAreRetriedFromTheFirstFailedRecordAndEachRecordIsDoneOnce() throws Exception {
        try (LocalDynamoDb dynamo = LocalDynamoDb.builder().build().start();
             DynamoDbClient client = dynamo.client();
             DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder().endpointOverride(dynamo.endpoint())
                     .region(LocalDynamoDb.REGION).credentialsProvider(dynamo.credentials())
                     .httpClient(UrlConnectionHttpClient.create()).build()) {
            TableProvisioner.ensureTable(client, Tables.FILES, "files");
            for (int i = 0; i < 10; i++) {
                put(client, "f" + i);
            }
            client.deleteItem(delete -> delete.tableName("files").key(Map.of("userId", AttributeValue.fromS("u"),
                    "fileId", AttributeValue.fromS("f3"))));

            List<String> done = new ArrayList<>();
            AtomicInteger failuresLeft = new AtomicInteger(2);
            List<Integer> batchSizes = new ArrayList<>();
            StreamEventSourceMapping mapping = StreamEventSourceMapping.builder().name("files")
                    .stream(streams, () -> client.describeTable(d -> d.tableName("files")).table().latestStreamArn())
                    .batchSize(4)
                    .retryDelay(java.time.Duration.ofMillis(1))
                    .function(event -> {
                        JsonNode records = read(event).path("Records");
                        batchSizes.add(records.size());
                        for (JsonNode record : records) {
                            String id = record.at("/dynamodb/Keys/fileId/S").asText();
                            if (id.equals("f5") && failuresLeft.getAndDecrement() > 0) {
                                return "{\"batchItemFailures\":[{\"itemIdentifier\":\""
                                        + record.at("/dynamodb/SequenceNumber").asText() + "\"}]}";
                            }
                            done.add(record.path("eventName").asText() + " " + id);
                        }
                        return "{\"batchItemFailures\":[]}";
                    }).build();

            assertThat(mapping.pollOnce()).isEqualTo(11);

            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                expected.add("INSERT f" + i);
            }
            expected.add("REMOVE f3");
            assertThat(done).containsExactlyElementsOf(expected);
            // f0-f3; f4-f7 fails at f5: f5-f7 twice more; then f8, f9 and the removal.
            assertThat(batchSizes).containsExactly(4, 4, 3, 3, 3);
            assertThat(mapping.pollOnce()).as("nothing handed over twice").isZero();
            assertThat(mapping.failures()).isEmpty();
        }
    }

    @Test
    void recordsThatRunOutOfRetriesGoToTheOnFailureDestinationAndTheShardMovesOn() throws Exception {
        try (LocalDynamoDb dynamo = LocalDynamoDb.builder().build().start();
             DynamoDbClient client = dynamo.client();
             DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder().endpointOverride(dynamo.endpoint())
                     .region(LocalDynamoDb.REGION).credentialsProvider(dynamo.credentials())
                     .httpClient(UrlConnectionHttpClient.create()).build()) {
            TableProvisioner.ensureTable(client, Tables.FILES, "files");
            put(client, "a");
            put(client, "b");
            List<String> destination = new ArrayList<>();
            AtomicInteger invocations = new AtomicInteger();
            StreamEventSourceMapping mapping = StreamEventSourceMapping.builder()
                    .stream(streams, () -> client.describeTable(d -> d.tableName("files")).table().latestStreamArn())
                    .maxRetryAttempts(2).bisectOnError(true).retryDelay(java.time.Duration.ofMillis(1))
                    .eventSourceArn(arn -> arn.replace("ddblocal", "us-east-1"))
                    .onFailure(destination::add)
                    .function(event -> {
                        invocations.incrementAndGet();
                        if (event.contains("\"a\"")) {
                            throw new IllegalStateException("poison");
                        }
                        assertThat(read(event).at("/Records/0/eventSourceARN").asText()).contains("us-east-1");
                        return null;
                    }).build();

            mapping.pollOnce();

            assertThat(destination).hasSize(1);
            JsonNode failure = read(destination.get(0));
            assertThat(failure.at("/requestContext/condition").asText()).isEqualTo("RetryAttemptsExhausted");
            assertThat(failure.at("/DDBStreamBatchInfo/batchSize").asInt()).as("bisected down to the poison record")
                    .isEqualTo(1);
            assertThat(invocations.get()).isEqualTo(4);
        }
    }

    private static void put(DynamoDbClient client, String fileId) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of("userId", AttributeValue.fromS("u"),
                "fileId", AttributeValue.fromS(fileId), "createdAt", AttributeValue.fromS("2026-12-01T00:00:00.000Z"),
                "declaredSizeBytes", AttributeValue.fromN("10")));
        client.putItem(put -> put.tableName("files").item(item));
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.persona.aws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.persona.contracts.TableDefinition;
import dev.persona.contracts.Tables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Reading attributes of items and deleting all of a user's items, shared by the table adapters. Both
 * tables are keyed by user id, then job id ({@link Tables}).
 */
public final class DynamoItems {
    /** BatchWriteItem takes at most this many requests. */
    static final int BATCH_SIZE = 25;
    static final int MAX_BATCH_ATTEMPTS = 8;
    static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    private DynamoItems() {
    }

    static Map<String, AttributeValue> key(TableDefinition table, String userId, String jobId) {
        return Map.of(table.partitionKey().name(), AttributeValue.fromS(userId),
                table.sortKey().name(), AttributeValue.fromS(jobId));
    }

    /** The item with this key, read strongly consistently, or empty. */
    static Optional<Map<String, AttributeValue>> find(DynamoDbClient dynamo, TableDefinition definition, String table,
            String userId, String jobId) {
        Map<String, AttributeValue> item = dynamo.getItem(get -> get.tableName(table)
                .key(key(definition, userId, jobId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** Key condition and values selecting one user's partition. */
    static QueryRequest.Builder userPartition(QueryRequest.Builder query, TableDefinition table, String userId) {
        return query.keyConditionExpression("#user = :user")
                .expressionAttributeNames(Map.of("#user", table.partitionKey().name()))
                .expressionAttributeValues(Map.of(":user", AttributeValue.fromS(userId)));
    }

    static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    static Long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? null : Long.valueOf(value.n());
    }

    /**
     * Deletes every item in the user's partition: the keys are queried page by page and deleted in
     * batches, re-sending the items DynamoDB reports unprocessed with exponential backoff.
     */
    public static int deleteAllOfUser(DynamoDbClient dynamo, TableDefinition definition, String table, String userId) {
        String partitionKey = definition.partitionKey().name();
        String sortKey = definition.sortKey().name();
        QueryRequest query = userPartition(QueryRequest.builder(), definition, userId)
                .tableName(table)
                .projectionExpression("#user, #item")
                .expressionAttributeNames(Map.of("#user", partitionKey, "#item", sortKey))
                .consistentRead(true)
                .build();
        int deleted = 0;
        List<WriteRequest> batch = new ArrayList<>(BATCH_SIZE);
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(query).items()) {
            batch.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder()
                    .key(key(definition, string(item, partitionKey), string(item, sortKey))).build()).build());
            if (batch.size() == BATCH_SIZE) {
                writeAll(dynamo, table, batch);
                deleted += batch.size();
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            writeAll(dynamo, table, batch);
            deleted += batch.size();
        }
        return deleted;
    }

    /** Writes at most {@link #BATCH_SIZE} requests, re-sending the unprocessed ones with exponential backoff. */
    static void writeAll(DynamoDbClient dynamo, String table, List<WriteRequest> requests) {
        Map<String, List<WriteRequest>> pending = new HashMap<>(Map.of(table, List.copyOf(requests)));
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(pending));
            List<WriteRequest> unprocessed = response.unprocessedItems().getOrDefault(table, List.of());
            if (unprocessed.isEmpty()) {
                return;
            }
            if (attempt == MAX_BATCH_ATTEMPTS) {
                throw new IllegalStateException(unprocessed.size() + " items of " + table
                        + " stayed unprocessed after " + attempt + " attempts");
            }
            pending.put(table, unprocessed);
            sleep(backoff);
            backoff = nextBackoff(backoff);
        }
    }

    /** Twice {@code backoff}, at most {@link #MAX_BACKOFF}. */
    static Duration nextBackoff(Duration backoff) {
        return backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a batch write", e);
        }
    }
}

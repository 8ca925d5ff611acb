package dev.persona.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.persona.contracts.Tables;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** Deleting a user's items in batches, when DynamoDB leaves some of a batch unprocessed. */
class DynamoItemsTest {

    @Test
    void resendsUnprocessedItemsUntilEveryItemIsDeleted() {
        ThrottlingTable table = new ThrottlingTable(60);

        int deleted = DynamoItems.deleteAllOfUser(table, Tables.JOBS, "jobs", "google_1");

        assertThat(deleted).isEqualTo(60);
        assertThat(table.deletedJobIds).hasSize(60).doesNotHaveDuplicates();
        assertThat(table.batchSizes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(DynamoItems.BATCH_SIZE));
        assertThat(table.batchSizes).as("3 batches, each sent again for the half left unprocessed")
                .containsExactly(25, 13, 25, 13, 10, 5);
        assertThat(table.queries).allSatisfy(query -> {
            assertThat(query.expressionAttributeValues()).containsEntry(":user", AttributeValue.fromS("google_1"));
            assertThat(query.consistentRead()).isTrue();
        });
    }

    /** One user's partition of {@code items} items; every first attempt of a batch leaves half unprocessed. */
    private static final class ThrottlingTable implements DynamoDbClient {

        final List<String> deletedJobIds = new ArrayList<>();
        final List<Integer> batchSizes = new ArrayList<>();
        final List<QueryRequest> queries = new ArrayList<>();
        private final int items;
        private boolean retrying;

        ThrottlingTable(int items) {
            this.items = items;
        }

        @Override
        public QueryResponse query(QueryRequest query) {
            queries.add(query);
            int from = query.exclusiveStartKey().isEmpty() ? 0
                    : Integer.parseInt(query.exclusiveStartKey().get("jobId").s().substring(3)) + 1;
            int to = Math.min(items, from + 40);
            List<Map<String, AttributeValue>> page = new ArrayList<>();
            for (int i = from; i < to; i++) {
                page.add(Map.of("userId", AttributeValue.fromS("google_1"), "jobId", AttributeValue.fromS("job" + i)));
            }
            return QueryResponse.builder().items(page).count(page.size())
                    .lastEvaluatedKey(to < items ? page.get(page.size() - 1) : Map.of()).build();
        }

        @Override
        public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
            List<WriteRequest> writes = request.requestItems().get("jobs");
            batchSizes.add(writes.size());
            int processed = retrying ? writes.size() : writes.size() / 2;
            writes.subList(0, processed).forEach(write ->
                    deletedJobIds.add(write.deleteRequest().key().get("jobId").s()));
            List<WriteRequest> unprocessed = writes.subList(processed, writes.size());
            retrying = !unprocessed.isEmpty();
            return BatchWriteItemResponse.builder()
                    .unprocessedItems(unprocessed.isEmpty() ? Map.of() : Map.of("jobs", unprocessed)).build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    }
}

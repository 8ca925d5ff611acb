package dev.persona.local.servers;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.persona.contracts.GlobalIndex;
import dev.persona.contracts.KeyAttribute;
import dev.persona.contracts.TableDefinition;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Creates tables from the shared {@link TableDefinition}s, exactly as the CDK app declares them, streams included. */
public final class TableProvisioner {

    private TableProvisioner() {
    }

    /** Creates the table under {@code tableName} unless it exists; enables its TTL attribute. */
    public static void ensureTable(DynamoDbClient client, TableDefinition definition, String tableName) {
        ensureTables(client, Map.of(definition, tableName));
    }

    /**
     * Creates each table under its name unless a table of that name exists, and enables its TTL attribute. One
     * ListTables tells which exist; a created table is waited for only when it is not ACTIVE at once (DynamoDB Local
     * creates tables ACTIVE, DynamoDB takes a while).
     */
    public static void ensureTables(DynamoDbClient client, Map<TableDefinition, String> tableNames) {
        Set<String> existing = client.listTablesPaginator().tableNames().stream().collect(Collectors.toSet());
        tableNames.forEach((definition, tableName) -> {
            if (existing.contains(tableName)) {
                return;
            }
            TableStatus status = client.createTable(createRequest(definition, tableName)).tableDescription()
                    .tableStatus();
            if (status != TableStatus.ACTIVE) {
                client.waiter().waitUntilTableExists(b -> b.tableName(tableName));
            }
            client.updateTimeToLive(b -> b.tableName(tableName)
                    .timeToLiveSpecification(s -> s.attributeName(definition.ttlAttribute()).enabled(true)));
        });
    }

    static CreateTableRequest createRequest(TableDefinition definition, String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(definition.keyAttributes().stream()
                        .map(a -> AttributeDefinition.builder()
                                .attributeName(a.name())
                                .attributeType(ScalarAttributeType.fromValue(a.type().wireName()))
                                .build())
                        .toList())
                .keySchema(keySchema(definition.partitionKey(), definition.sortKey()))
                .globalSecondaryIndexes(definition.globalIndexes().isEmpty() ? null
                        : definition.globalIndexes().stream().map(TableProvisioner::index).toList())
                .streamSpecification(definition.hasStream() ? StreamSpecification.builder().streamEnabled(true)
                        .streamViewType(definition.streamViewType()).build() : null)
                .build();
    }

    private static software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex index(GlobalIndex index) {
        return software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex.builder()
                .indexName(index.name())
                .keySchema(keySchema(index.partitionKey(), index.sortKey()))
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                .build();
    }

    private static List<KeySchemaElement> keySchema(KeyAttribute partitionKey, KeyAttribute sortKey) {
        return List.of(
                KeySchemaElement.builder().attributeName(partitionKey.name()).keyType(KeyType.HASH).build(),
                KeySchemaElement.builder().attributeName(sortKey.name()).keyType(KeyType.RANGE).build());
    }
}

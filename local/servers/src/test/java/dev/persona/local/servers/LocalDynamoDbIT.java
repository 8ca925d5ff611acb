package dev.persona.local.servers;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.persona.contracts.TableDefinition;
import dev.persona.contracts.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

import static org.assertj.core.api.Assertions.assertThat;

class LocalDynamoDbIT {

    @Test
    void createsTablesExactlyAsDefinedAndServesTheSdk() {
        try (LocalDynamoDb dynamo = LocalDynamoDb.builder().build().start();
             DynamoDbClient client = dynamo.client()) {
            TableProvisioner.ensureTable(client, Tables.JOBS, "jobs");
            TableProvisioner.ensureTable(client, Tables.JOBS, "jobs");

            TableDescription table = client.describeTable(b -> b.tableName("jobs")).table();
            assertThat(table.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyTypeAsString())
                    .containsExactly("userId:HASH", "jobId:RANGE");
            assertThat(table.globalSecondaryIndexes()).singleElement().satisfies(index -> {
                assertThat(index.indexName()).isEqualTo(Tables.BY_CREATED_AT);
                assertThat(index.keySchema()).extracting(k -> k.attributeName())
                        .containsExactly("userId", "createdAt");
            });
            assertThat(client.describeTimeToLive(b -> b.tableName("jobs")).timeToLiveDescription())
                    .satisfies(ttl -> {
                        assertThat(ttl.attributeName()).isEqualTo("expiresAt");
                        assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
                    });

            client.putItem(b -> b.tableName("jobs").item(Map.of(
                    "userId", AttributeValue.fromS("u"), "jobId", AttributeValue.fromS("j"))));
            assertThat(client.getItem(b -> b.tableName("jobs").key(Map.of(
                    "userId", AttributeValue.fromS("u"), "jobId", AttributeValue.fromS("j")))).hasItem()).isTrue();
        }
    }

    @Test
    void createsTheMissingTablesOfASetAndLeavesTheOthersAsTheyAre(@TempDir Path nativeLibraries) {
        try (LocalDynamoDb dynamo = LocalDynamoDb.builder().nativeLibraryDirectory(nativeLibraries).build().start();
             DynamoDbClient client = dynamo.client()) {
            TableProvisioner.ensureTable(client, Tables.JOBS, "jobs");
            putItem(client, "jobs");

            Map<TableDefinition, String> tables = new LinkedHashMap<>();
            tables.put(Tables.JOBS, "jobs");
            tables.put(Tables.FILES, "files");
            TableProvisioner.ensureTables(client, tables);

            assertThat(client.listTables().tableNames()).containsExactlyInAnyOrder("jobs", "files");
            assertThat(client.scan(b -> b.tableName("jobs")).count()).isEqualTo(1);
            TableDescription files = client.describeTable(b -> b.tableName("files")).table();
            assertThat(files.tableStatus()).isEqualTo(TableStatus.ACTIVE);
            assertThat(files.streamSpecification().streamEnabled()).isTrue();
            assertThat(client.describeTimeToLive(b -> b.tableName("files")).timeToLiveDescription()
                    .timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
        }
        // The folder keeps one copy of DynamoDB Local's SQLite library, whichever test of this JVM loaded it first.
        assertThat(nativeLibraries.toFile().list()).singleElement().asString().endsWith("sqlite4java.so");
    }

    @Test
    void keepsItemsAcrossRestartsInADataDirectory(@TempDir Path dir) {
        try (LocalDynamoDb dynamo = LocalDynamoDb.builder().dataDirectory(dir).build().start();
             DynamoDbClient client = dynamo.client()) {
            TableProvisioner.ensureTable(client, Tables.PERSONAS, "personas");
            putItem(client, "personas");
        }
        try (LocalDynamoDb dynamo = LocalDynamoDb.builder().dataDirectory(dir).build().start();
             DynamoDbClient client = dynamo.client()) {
            TableProvisioner.ensureTable(client, Tables.PERSONAS, "personas");
            assertThat(client.scan(b -> b.tableName("personas")).count()).isEqualTo(1);
        }
    }

    private static void putItem(DynamoDbClient client, String table) {
        client.putItem(b -> b.tableName(table).item(Map.of(
                "userId", AttributeValue.fromS("u"), "jobId", AttributeValue.fromS("j"))));
    }
}

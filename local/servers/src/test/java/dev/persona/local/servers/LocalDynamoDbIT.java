package dev.persona.local.servers;

import java.nio.file.Path;
import java.util.Map;

import dev.persona.contracts.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
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
    void keepsItemsAcrossRestartsInADataDirectory(@TempDir Path dir) {
        try (LocalDynamoDb dynamo = LocalDynamoDb.builder().dataDirectory(dir).build().start();
             DynamoDbClient client = dynamo.client()) {
            TableProvisioner.ensureTable(client, Tables.PERSONAS, "personas");
            client.putItem(b -> b.tableName("personas").item(Map.of(
                    "userId", AttributeValue.fromS("u"), "jobId", AttributeValue.fromS("j"))));
        }
        try (LocalDynamoDb dynamo = LocalDynamoDb.builder().dataDirectory(dir).build().start();
             DynamoDbClient client = dynamo.client()) {
            TableProvisioner.ensureTable(client, Tables.PERSONAS, "personas");
            assertThat(client.scan(b -> b.tableName("personas")).count()).isEqualTo(1);
        }
    }
}

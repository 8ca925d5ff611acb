package dev.persona.infra.stacks;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.contracts.GlobalIndex;
import dev.persona.contracts.StorageLayout;
import dev.persona.contracts.TableDefinition;
import dev.persona.contracts.Tables;
import dev.persona.infra.SynthesizedStage;
import dev.persona.infra.TestStages;
import org.junit.jupiter.api.Test;

import static dev.persona.infra.SynthesizedStage.items;
import static dev.persona.infra.SynthesizedStage.logicalId;
import static dev.persona.infra.SynthesizedStage.resources;
import static dev.persona.infra.SynthesizedStage.texts;
import static org.assertj.core.api.Assertions.assertThat;

class DataStackTest {

    private static final SynthesizedStage STAGE = SynthesizedStage.shared();
    private static final DataStack DATA = STAGE.deployment.data();
    private static final JsonNode TEMPLATE = STAGE.template(DATA);

    private static JsonNode uploadsBucket() {
        return TEMPLATE.path("Resources").path(logicalId(DATA.storage().bucket())).path("Properties");
    }

    private static JsonNode accessLogsBucket() {
        return TEMPLATE.path("Resources").path(logicalId(DATA.accessLogs().bucket())).path("Properties");
    }

    @Test
    void uploadsAreEncryptedWithTheirOwnRotatedKey() {
        JsonNode encryption = uploadsBucket().path("BucketEncryption").path("ServerSideEncryptionConfiguration").get(0);
        assertThat(encryption.at("/ServerSideEncryptionByDefault/SSEAlgorithm").asText()).isEqualTo("aws:kms");
        assertThat(encryption.at("/ServerSideEncryptionByDefault/KMSMasterKeyID/Fn::GetAtt/0").asText())
                .isEqualTo(logicalId(DATA.storage().key()));
        assertThat(encryption.path("BucketKeyEnabled").asBoolean()).isTrue();
        JsonNode key = TEMPLATE.path("Resources").path(logicalId(DATA.storage().key())).path("Properties");
        assertThat(key.path("EnableKeyRotation").asBoolean()).isTrue();
    }

    @Test
    void everyBucketBlocksPublicAccessAndRefusesPlainHttp() {
        for (Map.Entry<String, JsonNode> bucket : resources(TEMPLATE, "AWS::S3::Bucket").entrySet()) {
            JsonNode block = bucket.getValue().at("/Properties/PublicAccessBlockConfiguration");
            assertThat(List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"))
                    .as(bucket.getKey()).allSatisfy(setting -> assertThat(block.path(setting).asBoolean()).isTrue());
            assertThat(denyStatementsFor(bucket.getKey()))
                    .as(bucket.getKey() + " denies requests without TLS")
                    .anySatisfy(condition -> assertThat(condition.at("/Bool/aws:SecureTransport").asText()).isEqualTo("false"));
        }
        assertThat(resources(TEMPLATE, "AWS::S3::Bucket")).hasSize(2);
    }

    private static List<JsonNode> denyStatementsFor(String bucketLogicalId) {
        return resources(TEMPLATE, "AWS::S3::BucketPolicy").values().stream()
                .filter(policy -> policy.at("/Properties/Bucket/Ref").asText().equals(bucketLogicalId))
                .flatMap(policy -> items(policy.at("/Properties/PolicyDocument/Statement")).stream())
                .filter(statement -> statement.path("Effect").asText().equals("Deny"))
                .map(statement -> statement.path("Condition"))
                .toList();
    }

    @Test
    void uploadsAreVersionedLoggedAndSentToEventBridge() {
        JsonNode bucket = uploadsBucket();
        assertThat(bucket.at("/VersioningConfiguration/Status").asText()).isEqualTo("Enabled");
        assertThat(bucket.at("/NotificationConfiguration/EventBridgeConfiguration/EventBridgeEnabled").asBoolean()).isTrue();
        assertThat(bucket.at("/LoggingConfiguration/DestinationBucketName/Ref").asText())
                .isEqualTo(logicalId(DATA.accessLogs().bucket()));
        assertThat(bucket.at("/LoggingConfiguration/LogFilePrefix").asText()).isEqualTo("s3/uploads/");
    }

    @Test
    void browsersMayUploadFromTheAllowedOriginsAndReadTheETag() {
        JsonNode rule = uploadsBucket().at("/CorsConfiguration/CorsRules/0");
        assertThat(texts(rule.path("AllowedMethods"))).containsExactlyInAnyOrder("PUT", "POST", "DELETE");
        assertThat(texts(rule.path("AllowedOrigins"))).containsExactly(TestStages.WEB_ORIGIN, TestStages.LOCAL_ORIGIN);
        assertThat(texts(rule.path("ExposedHeaders"))).containsExactly("ETag");
        assertThat(uploadsBucket().at("/CorsConfiguration/CorsRules").size()).isOne();
    }

    @Test
    void lifecycleExpiresRawUploadsAndProcessedFilesButKeepsPersonas() {
        List<JsonNode> rules = items(uploadsBucket().at("/LifecycleConfiguration/Rules"));
        assertThat(rules).anySatisfy(rule ->
                assertThat(rule.at("/AbortIncompleteMultipartUpload/DaysAfterInitiation").asInt()).isOne());
        assertThat(expirationDays(rules, StorageLayout.UPLOADS_PREFIX)).isEqualTo(TestStages.UPLOAD_RETENTION_DAYS);
        assertThat(expirationDays(rules, StorageLayout.PROCESSED_PREFIX)).isEqualTo(TestStages.PROCESSED_RETENTION_DAYS);
        assertThat(rules).as("no rule expires current personas (or everything)")
                .noneSatisfy(rule -> {
                    assertThat(rule.has("ExpirationInDays")).isTrue();
                    assertThat(StorageLayout.PERSONAS_PREFIX).startsWith(rule.path("Prefix").asText(""));
                });
        assertThat(rules).anySatisfy(rule -> assertThat(rule.at("/NoncurrentVersionExpiration/NoncurrentDays").asInt()).isPositive());
    }

    private static int expirationDays(List<JsonNode> rules, String prefix) {
        return rules.stream().filter(rule -> rule.path("Prefix").asText().equals(prefix))
                .mapToInt(rule -> rule.path("ExpirationInDays").asInt()).findFirst()
                .orElseThrow(() -> new AssertionError("no rule for " + prefix));
    }

    @Test
    void accessLogsUseS3ManagedKeysAcceptCloudFrontAndExpire() {
        JsonNode bucket = accessLogsBucket();
        assertThat(bucket.at("/BucketEncryption/ServerSideEncryptionConfiguration/0/ServerSideEncryptionByDefault/SSEAlgorithm").asText())
                .isEqualTo("AES256");
        assertThat(bucket.at("/OwnershipControls/Rules/0/ObjectOwnership").asText()).isEqualTo("BucketOwnerPreferred");
        assertThat(items(bucket.at("/LifecycleConfiguration/Rules")))
                .anySatisfy(rule -> assertThat(rule.path("ExpirationInDays").asInt()).isEqualTo(TestStages.ACCESS_LOG_RETENTION_DAYS));
    }

    @Test
    void tablesAreExactlyAsTheContractsDefineThem() {
        for (TableDefinition definition : Tables.ALL) {
            JsonNode table = TEMPLATE.path("Resources")
                    .path(logicalId(DATA.table(definition).table()))
                    .path("Properties");
            assertThat(keySchema(table.path("KeySchema"))).as(definition.id())
                    .containsExactly(definition.partitionKey().name() + "=HASH", definition.sortKey().name() + "=RANGE");
            assertThat(items(table.path("AttributeDefinitions")).stream()
                    .map(attribute -> attribute.path("AttributeName").asText() + ":" + attribute.path("AttributeType").asText())
                    .toList())
                    .containsExactlyInAnyOrderElementsOf(definition.keyAttributes().stream()
                            .map(key -> key.name() + ":" + key.type().wireName()).toList());
            assertThat(table.path("GlobalSecondaryIndexes").size()).isEqualTo(definition.globalIndexes().size());
            for (GlobalIndex index : definition.globalIndexes()) {
                JsonNode gsi = items(table.path("GlobalSecondaryIndexes")).stream()
                        .filter(candidate -> candidate.path("IndexName").asText().equals(index.name()))
                        .findFirst().orElseThrow();
                assertThat(keySchema(gsi.path("KeySchema")))
                        .containsExactly(index.partitionKey().name() + "=HASH", index.sortKey().name() + "=RANGE");
                assertThat(gsi.at("/Projection/ProjectionType").asText()).isEqualTo("ALL");
            }
            assertThat(table.path("BillingMode").asText()).isEqualTo("PAY_PER_REQUEST");
            assertThat(table.at("/TimeToLiveSpecification/AttributeName").asText()).isEqualTo(definition.ttlAttribute());
            assertThat(table.at("/TimeToLiveSpecification/Enabled").asBoolean()).isTrue();
            assertThat(table.at("/SSESpecification/SSEEnabled").asBoolean()).isTrue();
            assertThat(table.at("/StreamSpecification/StreamViewType").asText(null)).as(definition.id())
                    .isEqualTo(definition.streamViewType());
            List<JsonNode> replicas = items(table.path("Replicas"));
            assertThat(replicas).as("only the stack's own region").hasSize(1);
            assertThat(replicas.get(0).at("/Region/Ref").asText()).isEqualTo("AWS::Region");
            assertThat(replicas.get(0).at("/PointInTimeRecoverySpecification/PointInTimeRecoveryEnabled").asBoolean())
                    .isTrue();
            assertThat(replicas.get(0).path("DeletionProtectionEnabled").asBoolean()).as("development stage").isFalse();
        }
        assertThat(resources(TEMPLATE, "AWS::DynamoDB::GlobalTable")).as("a global table even with one replica, so "
                + "that replicas can be added in place").hasSize(Tables.ALL.size());
        assertThat(resources(TEMPLATE, "AWS::DynamoDB::Table")).isEmpty();
    }

    private static List<String> keySchema(JsonNode keys) {
        return items(keys).stream().map(key -> key.path("AttributeName").asText() + "=" + key.path("KeyType").asText()).toList();
    }

    @Test
    void aDevelopmentStageDeletesItsDataWithTheStack() {
        for (String type : List.of("AWS::S3::Bucket", "AWS::DynamoDB::GlobalTable", "AWS::KMS::Key")) {
            assertThat(resources(TEMPLATE, type).values()).as(type)
                    .allSatisfy(resource -> assertThat(resource.path("DeletionPolicy").asText()).isEqualTo("Delete"));
        }
        assertThat(DATA.getTerminationProtection()).isFalse();
    }
}

package dev.persona.infra.constructs;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.contracts.EnvironmentVariables;
import dev.persona.contracts.FileStreamMapping;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.contracts.SigningKeys;
import dev.persona.contracts.StorageLayout;
import dev.persona.contracts.Tables;
import dev.persona.infra.SynthesizedStage;
import dev.persona.infra.TestStages;
import dev.persona.infra.stacks.BackendStack;
import dev.persona.infra.stacks.DataStack;
import org.junit.jupiter.api.Test;

import static dev.persona.infra.SynthesizedStage.items;
import static dev.persona.infra.SynthesizedStage.logicalId;
import static dev.persona.infra.SynthesizedStage.only;
import static dev.persona.infra.SynthesizedStage.resources;
import static dev.persona.infra.SynthesizedStage.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The file library's resources as synthesized: the download distribution (signed URLs of its key group only, the
 * bucket read through origin access control for files/ and personas/ only), the signing key's secret with its own
 * KMS key and its rotation schedule, the files' event rule, the files stream's event source mapping, and the quotas
 * of the stage in the functions' environment.
 */
class FileLibraryTest {

    private static final SynthesizedStage STAGE = SynthesizedStage.shared();
    private static final BackendStack BACKEND = STAGE.deployment.backend();
    private static final DataStack DATA = STAGE.deployment.data();
    private static final JsonNode BACKEND_TEMPLATE = STAGE.template(BACKEND);
    private static final JsonNode DATA_TEMPLATE = STAGE.template(DATA);

    @Test
    void theDistributionServesOnlySignedUrlsOfItsKeyGroupThroughOriginAccessControl() {
        JsonNode config = only(DATA_TEMPLATE, "AWS::CloudFront::Distribution").at("/Properties/DistributionConfig");
        JsonNode behavior = config.path("DefaultCacheBehavior");
        assertThat(texts(behavior.path("TrustedKeyGroups")).isEmpty()).isFalse();
        assertThat(behavior.at("/TrustedKeyGroups/0/Ref").asText())
                .isEqualTo(logicalId(DATA.downloads().keyGroup()));
        assertThat(behavior.path("ViewerProtocolPolicy").asText()).isEqualTo("https-only");
        assertThat(config.path("Origins").size()).isOne();
        assertThat(config.at("/Origins/0/OriginAccessControlId").isMissingNode()).isFalse();
        assertThat(config.at("/Origins/0/S3OriginConfig/OriginAccessIdentity").asText()).isEmpty();
        assertThat(config.at("/Logging/Bucket").isMissingNode()).as("access logs").isFalse();

        JsonNode keyGroup = only(DATA_TEMPLATE, "AWS::CloudFront::KeyGroup").at("/Properties/KeyGroupConfig");
        assertThat(keyGroup.path("Items").size()).as("the placeholder until the first rotation").isOne();
        assertThat(only(DATA_TEMPLATE, "AWS::CloudFront::PublicKey").at("/Properties/PublicKeyConfig/EncodedKey")
                .asText()).isEqualTo(SigningKeys.PLACEHOLDER_PUBLIC_KEY);
    }

    @Test
    void theBucketLetsTheDistributionReadFilesAndPersonasOnlyAndTheKeyDecryptForIt() {
        List<JsonNode> statements = items(only(DATA_TEMPLATE, "AWS::S3::BucketPolicy", "Uploads")
                .at("/Properties/PolicyDocument/Statement")).stream()
                .filter(statement -> statement.at("/Principal/Service").asText().equals("cloudfront.amazonaws.com"))
                .toList();
        assertThat(statements).hasSize(1);
        JsonNode read = statements.get(0);
        assertThat(texts(read.path("Action"))).containsExactly("s3:GetObject");
        assertThat(read.path("Resource").toString()).contains("/" + StorageLayout.FILES_PREFIX + "*",
                "/" + StorageLayout.PERSONAS_PREFIX + "*").doesNotContain(StorageLayout.UPLOADS_PREFIX,
                StorageLayout.PROCESSED_PREFIX);
        assertThat(read.at("/Condition/StringEquals/AWS:SourceArn").toString())
                .contains(logicalId(DATA.downloads().distribution()));

        JsonNode keyPolicy = DATA_TEMPLATE.at("/Resources/" + logicalId(DATA.storage().key()) + "/Properties/KeyPolicy");
        assertThat(items(keyPolicy.path("Statement"))).anySatisfy(statement -> {
            assertThat(statement.at("/Principal/Service").asText()).isEqualTo("cloudfront.amazonaws.com");
            assertThat(texts(statement.path("Action"))).containsExactly("kms:Decrypt");
            assertThat(statement.at("/Condition/ArnLike/AWS:SourceArn").toString()).contains(":distribution/*");
        });
    }

    @Test
    void theSigningKeyIsASecretWithItsOwnKeyRotatedByTheRotationFunction() {
        JsonNode secret = only(BACKEND_TEMPLATE, "AWS::SecretsManager::Secret").path("Properties");
        assertThat(secret.at("/KmsKeyId/Fn::GetAtt/0").asText()).isEqualTo(logicalId(BACKEND.signingKey().key()));
        assertThat(secret.path("SecretString").asText()).isEqualTo(SigningKeys.BOOTSTRAP_VALUE);
        assertThat(BACKEND_TEMPLATE.at("/Resources/" + logicalId(BACKEND.signingKey().key())
                + "/Properties/EnableKeyRotation").asBoolean()).isTrue();

        JsonNode schedule = only(BACKEND_TEMPLATE, "AWS::SecretsManager::RotationSchedule");
        assertThat(schedule.at("/Properties/RotationRules/ScheduleExpression").asText())
                .isEqualTo("rate(" + SigningKeys.ROTATION_DAYS + " days)");
        assertThat(schedule.at("/Properties/RotateImmediatelyOnUpdate").asBoolean()).as("the first key at once").isTrue();
        String rotationAlias = logicalId(BACKEND.signingKey().rotation().alias());
        assertThat(schedule.at("/Properties/RotationLambdaARN/Ref").asText()).isEqualTo(rotationAlias);
        JsonNode permission = resources(BACKEND_TEMPLATE, "AWS::Lambda::Permission").values().stream()
                .filter(each -> each.at("/Properties/Principal").asText().equals("secretsmanager.amazonaws.com"))
                .findFirst().orElseThrow();
        assertThat(permission.at("/Properties/FunctionName/Ref").asText()).isEqualTo(rotationAlias);
        assertThat(texts(schedule.path("DependsOn"))).as("invocable before the first rotation").isNotEmpty();

        JsonNode rotation = BACKEND_TEMPLATE.at("/Resources/" + logicalId(BACKEND.signingKey().rotation().function())
                + "/Properties/Environment/Variables");
        assertThat(rotation.at("/" + EnvironmentVariables.DOWNLOAD_KEY_GROUP_ID).toString())
                .contains(logicalId(DATA.downloads().keyGroup()));
    }

    @Test
    void fileEventsReachTheFileEventsFunctionWithRetriesAndADeadLetterQueue() {
        JsonNode rule = only(BACKEND_TEMPLATE, "AWS::Events::Rule", "FileLibrary").path("Properties");
        assertThat(rule.at("/EventPattern/detail/object/key/0/prefix").asText()).isEqualTo(StorageLayout.FILES_PREFIX);
        JsonNode target = rule.path("Targets").get(0);
        assertThat(target.at("/Arn/Ref").asText()).isEqualTo(logicalId(BACKEND.fileLibrary().fileEvents().alias()));
        assertThat(target.at("/RetryPolicy/MaximumRetryAttempts").asInt()).isEqualTo(8);
        assertThat(target.at("/DeadLetterConfig/Arn/Fn::GetAtt/0").asText())
                .isEqualTo(logicalId(BACKEND.fileLibrary().undeliveredEvents()));
    }

    @Test
    void theFilesStreamFeedsTheStreamFunctionWithPartialBatchResponses() {
        JsonNode mapping = only(BACKEND_TEMPLATE, "AWS::Lambda::EventSourceMapping");
        JsonNode properties = mapping.path("Properties");
        assertThat(properties.at("/EventSourceArn/Fn::ImportValue").asText())
                .contains(logicalId(DATA.table(Tables.FILES).table()));
        assertThat(properties.at("/FunctionName/Ref").asText())
                .isEqualTo(logicalId(BACKEND.fileLibrary().fileStream().alias()));
        assertThat(texts(properties.path("FunctionResponseTypes"))).containsExactly("ReportBatchItemFailures");
        assertThat(properties.path("BatchSize").asInt()).isEqualTo(FileStreamMapping.BATCH_SIZE);
        assertThat(properties.path("MaximumRetryAttempts").asInt()).isEqualTo(FileStreamMapping.MAX_RETRY_ATTEMPTS);
        assertThat(properties.path("BisectBatchOnFunctionError").asBoolean()).isTrue();
        assertThat(properties.path("StartingPosition").asText()).isEqualTo("TRIM_HORIZON");
        assertThat(properties.at("/DestinationConfig/OnFailure/Destination/Fn::GetAtt/0").asText())
                .isEqualTo(logicalId(BACKEND.fileLibrary().streamFailures()));
        assertThat(mapping.path("DependsOn").toString()).as("created once the role may read the stream")
                .contains(logicalId(BACKEND.fileLibrary().fileStream().role()));
    }

    @Test
    void theFilesFunctionHasTheStagesQuotasAndTheDistributionsAddress() {
        JsonNode variables = BACKEND_TEMPLATE.at("/Resources/" + logicalId(BACKEND.apiFunctions().handlers()
                .get(LambdaFunctions.FILES).function()) + "/Properties/Environment/Variables");
        assertThat(variables.path(EnvironmentVariables.FILE_QUOTA_FILES).asText())
                .isEqualTo(Long.toString(TestStages.FILE_QUOTA_FILES));
        assertThat(variables.path(EnvironmentVariables.FILE_QUOTA_BYTES).asText())
                .isEqualTo(Long.toString(TestStages.FILE_QUOTA_BYTES));
        assertThat(variables.path(EnvironmentVariables.FILE_QUOTA_UPLOADS_PER_MONTH).asText())
                .isEqualTo(Long.toString(TestStages.FILE_QUOTA_UPLOADS_PER_MONTH));
        assertThat(variables.path(EnvironmentVariables.DOWNLOAD_BASE_URL).toString()).contains("https://",
                logicalId(DATA.downloads().distribution()));
        assertThat(variables.path(EnvironmentVariables.SIGNING_KEY_SECRET_ARN).toString())
                .contains(logicalId(BACKEND.signingKey().secret()));
    }
}

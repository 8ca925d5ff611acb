package dev.persona.infra.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.persona.contracts.FileQuotas;
import dev.persona.infra.TestStages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.logs.RetentionDays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StageConfigReaderTest {

    @Test
    void readsEverySettingAndDefaultsTheOptionalOnes() {
        Map<String, Object> settings = new HashMap<>(TestStages.settings());
        List.of("maxUploadBytes", "uploadRetentionDays", "processedRetentionDays", "logRetentionDays",
                "accessLogRetentionDays", "fileQuotaFiles", "fileQuotaBytes", "fileQuotaUploadsPerMonth")
                .forEach(settings::remove);

        StageConfig config = read(settings);

        assertThat(config.stageName()).isEqualTo(TestStages.STAGE);
        assertThat(config.googleClientId()).isEqualTo(TestStages.GOOGLE_CLIENT_ID);
        assertThat(config.allowedOrigins()).containsExactly(TestStages.WEB_ORIGIN, TestStages.LOCAL_ORIGIN);
        assertThat(config.production()).isFalse();
        assertThat(config.dataRemovalPolicy()).isEqualTo(RemovalPolicy.DESTROY);
        assertThat(config.maxUploadBytes()).isEqualTo(1L << 30);
        assertThat(config.uploadRetentionDays()).isEqualTo(7);
        assertThat(config.processedRetentionDays()).isEqualTo(30);
        assertThat(config.logRetention()).isEqualTo(RetentionDays.ONE_MONTH);
        assertThat(config.accessLogRetentionDays()).isEqualTo(90);
        assertThat(config.fileQuotas()).isEqualTo(FileQuotas.DEFAULT);
        assertThat(config.threatProtection()).isFalse();
        assertThat(config.apiKeyRequired()).isFalse();
        assertThat(config.account()).isNull();
        assertThat(config.webDomainName()).isNull();
        assertThat(config.tableReplicaRegions()).isEmpty();
        assertThat(config.stackName("data")).isEqualTo("persona-test-data");
    }

    @Test
    void readsOptionalSettingsWhenGiven() {
        Map<String, Object> settings = new HashMap<>(TestStages.settings());
        settings.put("production", true);
        settings.put("account", "123456789012");
        settings.put("region", "eu-west-1");
        settings.put("threatProtection", true);
        settings.put("apiKeyRequired", true);
        settings.put("logRetentionDays", 365);
        settings.put("webDomainName", "persona.example.com");
        settings.put("webCertificateArn", "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789");
        settings.put("tableReplicaRegions", List.of("eu-central-1", "us-east-1"));

        StageConfig config = read(settings);

        assertThat(config.dataRemovalPolicy()).isEqualTo(RemovalPolicy.RETAIN);
        assertThat(config.region()).isEqualTo("eu-west-1");
        assertThat(config.logRetention()).isEqualTo(RetentionDays.ONE_YEAR);
        assertThat(config.threatProtection()).isTrue();
        assertThat(config.apiKeyRequired()).isTrue();
        assertThat(config.webDomainName()).isEqualTo("persona.example.com");
        assertThat(config.tableReplicaRegions()).containsExactly("eu-central-1", "us-east-1");
        assertThat(config.fileQuotas()).isEqualTo(new FileQuotas(TestStages.FILE_QUOTA_FILES,
                TestStages.FILE_QUOTA_BYTES, TestStages.FILE_QUOTA_UPLOADS_PER_MONTH));
    }

    @Test
    void acceptsNumbersAsJsiiHandsThemOver() {
        Map<String, Object> settings = new HashMap<>(TestStages.settings());
        settings.put("maxUploadBytes", 1.048576E6);

        assertThat(read(settings).maxUploadBytes()).isEqualTo(1_048_576L);
    }

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                Arguments.of("googleClientId", null, "googleClientId: required"),
                Arguments.of("googleClientId", "my-client", "googleClientId: \"my-client\" is not a Google OAuth client id"),
                Arguments.of("googleClientSecretName", "secret name with spaces", "googleClientSecretName:"),
                Arguments.of("cognitoDomainPrefix", "Persona", "cognitoDomainPrefix: \"Persona\""),
                Arguments.of("cognitoDomainPrefix", "my-aws-login", "must not contain \"aws\""),
                Arguments.of("callbackUrls", List.of(), "callbackUrls: required"),
                Arguments.of("callbackUrls", List.of("http://app.example.com/cb"), "callbackUrls: \"http://app.example.com/cb\""),
                Arguments.of("logoutUrls", "https://app.example.com/", "logoutUrls: required, a non-empty list"),
                Arguments.of("allowedOrigins", List.of("https://app.example.com/"), "allowedOrigins: \"https://app.example.com/\""),
                Arguments.of("allowedOrigins", List.of("*"), "allowedOrigins: \"*\""),
                Arguments.of("allowedOrigins", List.of("http://example.com"), "allowedOrigins: \"http://example.com\""),
                Arguments.of("alarmEmail", "ops", "alarmEmail: \"ops\" is not an e-mail address"),
                Arguments.of("maxUploadBytes", 6L << 30, "maxUploadBytes: \"6442450944\" is not a whole number from 1 to 5368709120"),
                Arguments.of("maxUploadBytes", 0, "maxUploadBytes:"),
                Arguments.of("uploadRetentionDays", 1.5, "uploadRetentionDays: \"1.5\" is not a whole number"),
                Arguments.of("processedRetentionDays", "30", "processedRetentionDays: \"30\" is not a whole number"),
                Arguments.of("logRetentionDays", 10, "logRetentionDays: 10 is not a period CloudWatch Logs offers"),
                Arguments.of("fileQuotaFiles", 0, "fileQuotaFiles: \"0\" is not a whole number from 1"),
                Arguments.of("fileQuotaBytes", -5, "fileQuotaBytes:"),
                Arguments.of("fileQuotaUploadsPerMonth", "many", "fileQuotaUploadsPerMonth: \"many\" is not a whole number"),
                Arguments.of("production", "yes", "production: \"yes\" is not true or false"),
                Arguments.of("account", "123456789012", "account and region must be given together"),
                Arguments.of("region", "Europe", "region: \"Europe\" is not an AWS region"),
                Arguments.of("webDomainName", "persona.example.com", "webDomainName and webCertificateArn must be given together"),
                Arguments.of("webCertificateArn", "arn:aws:acm:eu-west-1:123456789012:certificate/abc",
                        "webCertificateArn: \"arn:aws:acm:eu-west-1:123456789012:certificate/abc\" is not the ARN of an ACM certificate in us-east-1"),
                Arguments.of("tableReplicaRegions", List.of("eu-central-1"),
                        "tableReplicaRegions: needs \"region\""),
                Arguments.of("tableReplicaRegions", "eu-central-1", "tableReplicaRegions: a list of AWS regions"),
                Arguments.of("tableReplicaRegions", List.of("Frankfurt"),
                        "tableReplicaRegions: \"Frankfurt\" is not an AWS region"),
                Arguments.of("alarmEmial", "ops@example.com", "alarmEmial: unknown key"));
    }

    @Test
    void rejectsReplicaRegionsThatRepeatARegionOrNameTheStagesOwn() {
        Map<String, Object> settings = new HashMap<>(TestStages.settings());
        settings.put("account", "123456789012");
        settings.put("region", "eu-west-1");
        settings.put("tableReplicaRegions", List.of("eu-west-1", "eu-central-1", "eu-central-1"));

        assertThatThrownBy(() -> read(settings))
                .isInstanceOf(InvalidStageConfigException.class)
                .hasMessageContaining("tableReplicaRegions: eu-west-1 is the stage's own region")
                .hasMessageContaining("tableReplicaRegions: eu-central-1 is listed twice");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidSettings")
    void rejectsAnInvalidSettingNamingItsKey(String key, Object value, String message) {
        Map<String, Object> settings = new HashMap<>(TestStages.settings());
        if (value == null) {
            settings.remove(key);
        } else {
            settings.put(key, value);
        }

        assertThatThrownBy(() -> read(settings))
                .isInstanceOf(InvalidStageConfigException.class)
                .hasMessageContaining("Stage \"test\" (context \"stages\".\"test\") is invalid")
                .hasMessageContaining(message);
    }

    @Test
    void reportsEveryProblemAtOnce() {
        Map<String, Object> settings = new HashMap<>(TestStages.settings());
        settings.remove("alarmEmail");
        settings.put("allowedOrigins", List.of("ftp://files.example.com"));

        assertThatThrownBy(() -> read(settings))
                .hasMessageContaining("alarmEmail: required")
                .hasMessageContaining("allowedOrigins: \"ftp://files.example.com\"");
    }

    @Test
    void rejectsAStageNameUnfitForStackNames() {
        assertThatThrownBy(() -> StageConfigReader.read("Dev_1", Map.of("Dev_1", TestStages.settings())))
                .hasMessageContaining("stage name \"Dev_1\" must be lower case letters");
    }

    @Test
    void namesTheDefinedStagesWhenTheChosenOneIsMissing() {
        assertThatThrownBy(() -> StageConfigReader.read("prod", Map.of("dev", TestStages.settings(), "test", Map.of())))
                .isInstanceOf(InvalidStageConfigException.class)
                .hasMessage("Stage \"prod\" is not defined in context \"stages\"; defined stages: [dev, test].");
    }

    @Test
    void requiresTheStagesObject() {
        assertThatThrownBy(() -> StageConfigReader.read("dev", "dev"))
                .isInstanceOf(InvalidStageConfigException.class)
                .hasMessageContaining("Context key \"stages\" must be an object");
    }

    private static StageConfig read(Map<String, Object> settings) {
        return StageConfigReader.read(TestStages.STAGE, Map.of(TestStages.STAGE, settings));
    }
}

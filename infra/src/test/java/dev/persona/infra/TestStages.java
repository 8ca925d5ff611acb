package dev.persona.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.persona.infra.config.StageConfig;
import dev.persona.infra.config.StageConfigReader;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.services.lambda.Code;

/** Stage settings and CDK apps for tests: the feature flags of the repository's cdk.json, test values. */
public final class TestStages {

    public static final String STAGE = "test";
    public static final String WEB_ORIGIN = "https://app.example.com";
    public static final String LOCAL_ORIGIN = "http://localhost:5173";
    public static final String ALARM_EMAIL = "oncall@example.com";
    public static final String GOOGLE_CLIENT_ID = "42-abc123.apps.googleusercontent.com";
    public static final String GOOGLE_SECRET_NAME = "persona/test/google-client-secret";
    public static final String DOMAIN_PREFIX = "persona-test-signin";
    public static final int UPLOAD_RETENTION_DAYS = 5;
    public static final int PROCESSED_RETENTION_DAYS = 21;
    public static final int LOG_RETENTION_DAYS = 14;
    public static final int ACCESS_LOG_RETENTION_DAYS = 60;
    public static final long MAX_UPLOAD_BYTES = 2L << 30;
    public static final long FILE_QUOTA_FILES = 250;
    public static final long FILE_QUOTA_BYTES = 1L << 30;
    public static final long FILE_QUOTA_UPLOADS_PER_MONTH = 100;

    private TestStages() {
    }

    /** Every required key, with values the tests look for. */
    public static Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("googleClientId", GOOGLE_CLIENT_ID);
        settings.put("googleClientSecretName", GOOGLE_SECRET_NAME);
        settings.put("cognitoDomainPrefix", DOMAIN_PREFIX);
        settings.put("callbackUrls", List.of(WEB_ORIGIN + "/auth/callback", LOCAL_ORIGIN + "/auth/callback"));
        settings.put("logoutUrls", List.of(WEB_ORIGIN + "/"));
        settings.put("allowedOrigins", List.of(WEB_ORIGIN, LOCAL_ORIGIN));
        settings.put("alarmEmail", ALARM_EMAIL);
        settings.put("maxUploadBytes", MAX_UPLOAD_BYTES);
        settings.put("uploadRetentionDays", UPLOAD_RETENTION_DAYS);
        settings.put("processedRetentionDays", PROCESSED_RETENTION_DAYS);
        settings.put("logRetentionDays", LOG_RETENTION_DAYS);
        settings.put("accessLogRetentionDays", ACCESS_LOG_RETENTION_DAYS);
        settings.put("fileQuotaFiles", FILE_QUOTA_FILES);
        settings.put("fileQuotaBytes", FILE_QUOTA_BYTES);
        settings.put("fileQuotaUploadsPerMonth", FILE_QUOTA_UPLOADS_PER_MONTH);
        return settings;
    }

    /** A development stage (data deleted with its stacks). */
    public static StageConfig development() {
        return StageConfigReader.read(STAGE, Map.of(STAGE, settings()));
    }

    /** The same stage marked as production. */
    public static StageConfig production() {
        Map<String, Object> settings = new HashMap<>(settings());
        settings.put("production", true);
        return StageConfigReader.read(STAGE, Map.of(STAGE, settings));
    }

    /**
     * An app with the context of the repository's cdk.json (its feature flags), whose synthesis reports
     * validation errors (cdk-nag findings) as annotations instead of failing, so tests can assert on them.
     */
    public static App app(Path outdir) {
        Map<String, Object> context = new HashMap<>(cdkJsonContext());
        context.remove(StageConfigReader.STAGE_KEY);
        context.remove(StageConfigReader.STAGES_KEY);
        context.put("@aws-cdk/core:failSynthOnValidationErrors", false);
        return new App(AppProps.builder().context(context).outdir(outdir.toString()).build());
    }

    /** The {@code context} object of the repository's cdk.json. */
    public static Map<String, Object> cdkJsonContext() {
        try {
            Map<String, Object> cdkJson = new ObjectMapper().readValue(
                    Files.readString(Path.of("..", "cdk.json")), new TypeReference<>() { });
            @SuppressWarnings("unchecked")
            Map<String, Object> context = (Map<String, Object>) cdkJson.get("context");
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A small directory standing in for the Lambda jar: infra never depends on handler code, and
     * synthesis only hashes and stages the asset.
     */
    /** A built web app's shape (an entry page and a hashed asset), standing in for the web module's output. */
    public static Path standInWebSite() {
        try {
            Path site = Files.createTempDirectory("web-stand-in");
            Files.writeString(site.resolve("index.html"), "<!doctype html><title>stand-in</title>"
                    + "<script type=\"module\" src=\"/assets/index-0000.js\"></script>\n");
            Files.createDirectories(site.resolve("assets"));
            Files.writeString(site.resolve("assets/index-0000.js"), "console.log('stand-in');\n");
            return site;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Code standInLambdaCode() {
        try {
            Path directory = Files.createTempDirectory("lambda-stand-in");
            Files.writeString(directory.resolve("stand-in.txt"), "Stands in for persona-lambdas-aws.jar in tests.\n");
            return Code.fromAsset(directory.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

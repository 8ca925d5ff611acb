package dev.persona.e2e;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.api.testing.BrowserUploads;
import dev.persona.local.runtime.Endpoints;
import dev.persona.local.runtime.PersonaLocalRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The other two ways into the bucket: the presigned POST of a browser form, and vended STS credentials. */
class UploadPathsIT {

    private static PersonaLocalRuntime stack;

    @BeforeAll
    static void start() {
        stack = SharedStack.get();
    }

    @Test
    void aPresignedPostStartsThePipeline() throws Exception {
        ApiUser user = new ApiUser(stack, "paths-post");
        byte[] content = ActivityFiles.csv(ActivityFiles.SPORTS, 80);
        JsonNode upload = user.createUpload("events.csv", "text/csv", content.length);
        Map<String, String> fields = new LinkedHashMap<>();
        upload.at("/post/fields").properties().forEach(field -> fields.put(field.getKey(), field.getValue().asText()));

        HttpResponse<String> posted = BrowserUploads.post(upload.at("/post/url").asText(), fields, content);

        assertThat(posted.statusCode()).as(posted.body()).isBetween(200, 204);
        String jobId = upload.path("jobId").asText();
        assertThat(user.awaitJob(jobId).path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(user.persona(jobId).path("interests").get(0).path("category").asText()).isEqualTo("Sports");
    }

    @Test
    void vendedCredentialsUploadIntoTheCallersPrefixAndNowhereElse() {
        ApiUser user = new ApiUser(stack, "paths-vended");
        JsonNode credentials = ApiUser.body(user.get("/v1/credentials"), 200);
        assertThat(credentials.path("prefix").asText()).isEqualTo("uploads/" + user.userId() + "/");
        Endpoints endpoints = stack.endpoints();
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(endpoints.s3())
                .region(Region.of(credentials.path("region").asText()))
                .forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        credentials.path("accessKeyId").asText(), credentials.path("secretAccessKey").asText(),
                        credentials.path("sessionToken").asText())))
                .build()) {
            String bucket = credentials.path("bucket").asText();
            byte[] content = ActivityFiles.jsonLines(ActivityFiles.TRAVEL, 90);

            s3.putObject(b -> b.bucket(bucket).key(credentials.path("prefix").asText() + "vended-1/trips.jsonl"),
                    RequestBody.fromBytes(content));

            JsonNode job = user.awaitJob("vended-1");
            assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(job.path("filename").asText()).isEqualTo("trips.jsonl");
            assertThat(user.persona("vended-1").path("interests").get(0).path("category").asText())
                    .isEqualTo("Travel");
            assertThatExceptionOfType(S3Exception.class).isThrownBy(() -> s3.putObject(b -> b.bucket(bucket)
                    .key("uploads/dev_someone-else/x/trips.jsonl"), RequestBody.fromBytes(content)))
                    .satisfies(e -> assertThat(e.statusCode()).isEqualTo(403));
            assertThatExceptionOfType(S3Exception.class).isThrownBy(() -> s3.getObject(b -> b.bucket(bucket)
                    .key("personas/" + user.userId() + "/vended-1/persona.json")))
                    .satisfies(e -> assertThat(e.statusCode()).isEqualTo(403));
        }
    }
}

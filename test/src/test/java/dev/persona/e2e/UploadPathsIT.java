package dev.persona.e2e;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.api.testing.BrowserUploads;
import dev.persona.local.runtime.PersonaLocalRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
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

    /** The web app's large uploads: registered with POST /v1/uploads, then sent to its key with vended credentials. */
    @Test
    void vendedCredentialsUploadIntoTheCallersPrefixAndNowhereElse() {
        ApiUser user = new ApiUser(stack, "paths-vended");
        JsonNode credentials = ApiUser.body(user.get("/v1/credentials"), 200);
        assertThat(credentials.path("prefix").asText()).isEqualTo("uploads/" + user.userId() + "/");
        byte[] content = ActivityFiles.jsonLines(ActivityFiles.TRAVEL, 90);
        JsonNode upload = user.createUpload("trips.jsonl", "application/x-ndjson", content.length);
        String jobId = upload.path("jobId").asText();
        try (S3Client s3 = user.vendedS3(stack)) {
            String bucket = credentials.path("bucket").asText();

            s3.putObject(b -> b.bucket(bucket).key(upload.path("key").asText()), RequestBody.fromBytes(content));

            JsonNode job = user.awaitJob(jobId);
            assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(job.path("filename").asText()).isEqualTo("trips.jsonl");
            assertThat(user.persona(jobId).path("interests").get(0).path("category").asText())
                    .isEqualTo("Travel");
            assertThatExceptionOfType(S3Exception.class).isThrownBy(() -> s3.putObject(b -> b.bucket(bucket)
                    .key("uploads/dev_someone-else/x/trips.jsonl"), RequestBody.fromBytes(content)))
                    .satisfies(e -> assertThat(e.statusCode()).isEqualTo(403));
            assertThatExceptionOfType(S3Exception.class).isThrownBy(() -> s3.getObject(b -> b.bucket(bucket)
                    .key("personas/" + user.userId() + "/" + jobId + "/persona.json")))
                    .satisfies(e -> assertThat(e.statusCode()).isEqualTo(403));
        }
    }
}

package dev.persona.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.runtime.PersonaLocalRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vended credentials with the real AWS CLI, as a person uses them: {@code aws s3 cp} of a 20 MB file, which
 * the CLI sends as a multipart upload with checksums on its parts, goes into the caller's own prefix and becomes a
 * persona; into another user's prefix, or with a wrong session token, it is refused as S3 refuses it.
 */
class VendedCredentialsCliIT {

    private static PersonaLocalRuntime stack;
    private static AwsCli cli;

    @BeforeAll
    static void start() {
        cli = AwsCli.require();
        stack = SharedStack.get();
    }

    static Map<String, String> environment(JsonNode credentials, String sessionToken) {
        return Map.of("AWS_ACCESS_KEY_ID", credentials.path("accessKeyId").asText(),
                "AWS_SECRET_ACCESS_KEY", credentials.path("secretAccessKey").asText(),
                "AWS_SESSION_TOKEN", sessionToken,
                "AWS_DEFAULT_REGION", credentials.path("region").asText());
    }

    /** A CSV of about 20 MB: more than the CLI's 8 MB multipart threshold. */
    static Path twentyMegabytes(Path directory) throws Exception {
        Path file = directory.resolve("events.csv");
        byte[] records = ActivityFiles.csv(ActivityFiles.TRAVEL, 5_000);
        try (var out = Files.newOutputStream(file)) {
            long written = 0;
            while (written < 20L * 1024 * 1024) {
                out.write(records);
                written += records.length;
            }
        }
        return file;
    }

    /** CreateMultipartUpload, UploadPart and CompleteMultipartUpload with CRC32 checksums, through {@code s3api}. */
    private static AwsCli.Run multipartWithChecksums(Map<String, String> credentials, String endpoint, String bucket,
            String key, Path file) throws Exception {
        AwsCli.Run created = cli.run(credentials, "--endpoint-url", endpoint, "--output", "json", "s3api",
                "create-multipart-upload", "--bucket", bucket, "--key", key, "--checksum-algorithm", "CRC32");
        if (created.exitCode() != 0) {
            return created;
        }
        String uploadId = ApiUser.JSON.readTree(created.output()).path("UploadId").asText();
        byte[] content = Files.readAllBytes(file);
        int partSize = 8 * 1024 * 1024;
        var parts = ApiUser.JSON.createArrayNode();
        for (int offset = 0, number = 1; offset < content.length; offset += partSize, number++) {
            Path part = file.resolveSibling("part-" + number);
            Files.write(part, java.util.Arrays.copyOfRange(content, offset, Math.min(content.length, offset + partSize)));
            AwsCli.Run uploaded = cli.run(credentials, "--endpoint-url", endpoint, "--output", "json", "s3api",
                    "upload-part", "--bucket", bucket, "--key", key, "--upload-id", uploadId, "--part-number",
                    Integer.toString(number), "--body", part.toString(), "--checksum-algorithm", "CRC32");
            if (uploaded.exitCode() != 0) {
                return uploaded;
            }
            JsonNode response = ApiUser.JSON.readTree(uploaded.output());
            parts.addObject().put("PartNumber", number).put("ETag", response.path("ETag").asText())
                    .put("ChecksumCRC32", response.path("ChecksumCRC32").asText());
        }
        Path completion = file.resolveSibling("parts.json");
        Files.writeString(completion, ApiUser.JSON.writeValueAsString(ApiUser.JSON.createObjectNode().set("Parts", parts)));
        return cli.run(credentials, "--endpoint-url", endpoint, "s3api", "complete-multipart-upload", "--bucket", bucket,
                "--key", key, "--upload-id", uploadId, "--multipart-upload", "file://" + completion);
    }

    @Test
    void aMultipartUploadWithChecksumsGoesIntoTheOwnPrefixAndNowhereElse(@TempDir Path directory) throws Exception {
        ApiUser user = new ApiUser(stack, "cli");
        JsonNode credentials = ApiUser.body(user.get("/v1/credentials"), 200);
        String s3 = stack.endpoints().s3().toString();
        String bucket = credentials.path("bucket").asText();
        Path file = twentyMegabytes(directory);
        Map<String, String> asUser = environment(credentials, credentials.path("sessionToken").asText());

        JsonNode upload = user.createUpload("data.csv", "text/csv", Files.size(file));
        String ownKey = upload.path("key").asText();
        AwsCli.Run own = cli.run(asUser, "--endpoint-url", s3, "s3", "cp", file.toString(), "s3://" + bucket + "/" + ownKey,
                "--checksum-algorithm", "CRC32");
        if (own.output().contains("Unknown options")) {
            // A CLI older than checksums in `s3 cp` (Debian's 2.9): the same multipart upload, part by part.
            own = multipartWithChecksums(asUser, s3, bucket, ownKey, file);
        }
        assertThat(own.exitCode()).as(own.output()).isZero();
        assertThat(user.awaitJob(upload.path("jobId").asText()).path("status").asText()).isEqualTo("SUCCEEDED");

        AwsCli.Run elsewhere = cli.run(asUser, "--endpoint-url", s3, "s3", "cp", file.toString(),
                "s3://" + bucket + "/uploads/dev_someone_else/cli-2/data.csv");
        assertThat(elsewhere.exitCode()).isNotZero();
        assertThat(elsewhere.output()).contains("AccessDenied");

        AwsCli.Run wrongToken = cli.run(environment(credentials, "forged" + credentials.path("sessionToken").asText()),
                "--endpoint-url", s3, "s3", "cp", file.toString(),
                "s3://" + bucket + "/" + credentials.path("prefix").asText() + "cli-3/data.csv");
        assertThat(wrongToken.exitCode()).isNotZero();
        assertThat(wrongToken.output()).contains("InvalidToken");
    }
}

package dev.persona.local.servers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalS3ServerIT {

    @Test
    void servesTheSdkAndPresignedUrlsOnAFreePort() throws Exception {
        try (LocalS3Server server = LocalS3Server.builder().bucket("data").build().start();
             S3Client s3 = server.client();
             S3Presigner presigner = server.presigner()) {
            assertThat(server.port()).isPositive();
            s3.putObject(b -> b.bucket("data").key("a/b.txt"), RequestBody.fromString("hello"));
            assertThat(s3.getObjectAsBytes(b -> b.bucket("data").key("a/b.txt")).asUtf8String()).isEqualTo("hello");

            URI put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(r -> r.bucket("data").key("c.txt"))).url().toURI();
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(put).PUT(HttpRequest.BodyPublishers.ofString("via url")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(s3.getObjectAsBytes(b -> b.bucket("data").key("c.txt")).asUtf8String()).isEqualTo("via url");
        }
    }

    @Test
    void versionedBucketsKeepEveryVersion() {
        try (LocalS3Server server = LocalS3Server.builder().bucket("data").versioning(true).build().start();
             S3Client s3 = server.client()) {
            s3.putObject(b -> b.bucket("data").key("k"), RequestBody.fromString("one"));
            s3.putObject(b -> b.bucket("data").key("k"), RequestBody.fromString("two"));
            assertThat(s3.listObjectVersions(b -> b.bucket("data")).versions()).hasSize(2);
        }
    }

    @Test
    void refusesRequestsSignedWithOtherCredentials() {
        try (LocalS3Server server = LocalS3Server.builder().bucket("data").build().start();
             LocalS3Server other = LocalS3Server.builder().credentials("someone", "else").build().start();
             S3Client wrong = S3Client.builder().endpointOverride(server.endpoint()).region(LocalS3Server.REGION)
                     .credentialsProvider(other.credentials()).forcePathStyle(true).build()) {
            assertThatThrownBy(() -> wrong.listObjectsV2(b -> b.bucket("data")))
                    .isInstanceOf(S3Exception.class)
                    .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403));
        }
    }

    @Test
    void keepsObjectsAcrossRestartsInADataDirectory(@TempDir Path dir) {
        try (LocalS3Server server = LocalS3Server.builder().dataDirectory(dir).bucket("data").build().start();
             S3Client s3 = server.client()) {
            s3.putObject(b -> b.bucket("data").key("kept.txt"), RequestBody.fromString("still here"));
        }
        try (LocalS3Server server = LocalS3Server.builder().dataDirectory(dir).bucket("data").build().start();
             S3Client s3 = server.client()) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket("data").key("kept.txt")).asUtf8String())
                    .isEqualTo("still here");
        }
    }
}

package dev.persona.local.servers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gaul.s3proxy.AccessGrant;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
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

    /**
     * Only the web app's pages may send requests from a browser: a page of any other site could sign requests with
     * the published local credentials, and a form upload needs no preflight.
     */
    @Test
    void refusesWhatABrowserSendsForAPageOfAnotherOrigin() throws Exception {
        try (LocalS3Server server = LocalS3Server.builder().bucket("data").corsOrigins(List.of("http://localhost:5173"))
                .build().start();
             S3Presigner presigner = server.presigner()) {
            URI put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(r -> r.bucket("data").key("from-a-page.txt"))).url().toURI();
            HttpClient http = HttpClient.newHttpClient();

            HttpResponse<String> foreign = http.send(HttpRequest.newBuilder(put).header("Origin", "https://evil.example")
                    .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> own = http.send(HttpRequest.newBuilder(put).header("Origin", "http://localhost:5173")
                    .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(foreign.statusCode()).isEqualTo(403);
            assertThat(foreign.body()).contains("<Code>AccessDenied</Code>");
            assertThat(own.statusCode()).isEqualTo(200);
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

    /** S3 answers a delete of a version that is not there with success, so racing deletes stay idempotent. */
    @Test
    void deletingAVersionThatIsGoneSucceedsAsInS3() {
        try (LocalS3Server server = LocalS3Server.builder().bucket("data").versioning(true).build().start();
             S3Client s3 = server.client()) {
            String version = s3.putObject(b -> b.bucket("data").key("k"), RequestBody.fromString("one")).versionId();
            s3.deleteObject(b -> b.bucket("data").key("k").versionId(version));

            assertThat(s3.deleteObject(b -> b.bucket("data").key("k").versionId(version)).versionId())
                    .isEqualTo(version);
            var batch = s3.deleteObjects(b -> b.bucket("data").delete(d -> d.objects(
                    o -> o.key("k").versionId(version), o -> o.key("never").versionId(version))));
            assertThat(batch.errors()).isEmpty();
            assertThat(s3.listObjectVersions(b -> b.bucket("data")).versions()).isEmpty();
        }
    }

    /** A new JVM starts S3Proxy's version counter at zero: the versions of earlier runs must keep their ids. */
    @Test
    void aVersionedBucketInADataDirectoryKeepsDistinctVersionsAcrossRestarts(@TempDir Path data) {
        String first;
        try (LocalS3Server server = LocalS3Server.builder().dataDirectory(data).bucket("data").versioning(true)
                .build().start();
             S3Client s3 = server.client()) {
            first = s3.putObject(b -> b.bucket("data").key("k"), RequestBody.fromString("one")).versionId();
            s3.putObject(b -> b.bucket("data").key("k"), RequestBody.fromString("two"));
        }
        VersionedFilesystemBlobStore.sequence().set(0);

        try (LocalS3Server server = LocalS3Server.builder().dataDirectory(data).bucket("data").versioning(true)
                .build().start();
             S3Client s3 = server.client()) {
            s3.putObject(b -> b.bucket("data").key("k"), RequestBody.fromString("three"));

            assertThat(s3.getBucketVersioning(b -> b.bucket("data")).statusAsString()).isEqualTo("Enabled");
            assertThat(s3.listObjectVersions(b -> b.bucket("data")).versions())
                    .extracting(version -> version.versionId()).hasSize(3).doesNotHaveDuplicates();
            assertThat(s3.getObjectAsBytes(b -> b.bucket("data").key("k")).asUtf8String()).isEqualTo("three");
            assertThat(s3.getObjectAsBytes(b -> b.bucket("data").key("k").versionId(first)).asUtf8String())
                    .isEqualTo("one");
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
    void otherAccessKeysGetTheStoreTheirResolverGrantsAndSeeTheOperation() {
        List<String> seen = new CopyOnWriteArrayList<>();
        AccessKeyResolver resolver = (accessKeyId, bucket, key, store) -> accessKeyId.equals("guest")
                ? new AccessGrant("guest-secret", new OperationRecorder(store, seen, bucket + "/" + key))
                : null;
        try (LocalS3Server server = LocalS3Server.builder().bucket("data").accessKeys(resolver).build().start();
             S3Client owner = server.client();
             S3Client guest = clientFor(server, "guest", "guest-secret");
             S3Client stranger = clientFor(server, "stranger", "whatever")) {
            guest.putObject(b -> b.bucket("data").key("a.txt"), RequestBody.fromString("hello"));
            String uploadId = guest.createMultipartUpload(b -> b.bucket("data").key("big.bin")).uploadId();
            String etag = guest.uploadPart(b -> b.bucket("data").key("big.bin").uploadId(uploadId).partNumber(1),
                    RequestBody.fromString("part")).eTag();
            guest.completeMultipartUpload(b -> b.bucket("data").key("big.bin").uploadId(uploadId)
                    .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(etag))));

            assertThat(seen).containsExactly("PUT_OBJECT putBlob data/a.txt",
                    "COMPLETE_MULTIPART_UPLOAD completeMultipartUpload data/big.bin");
            assertThat(owner.getObjectAsBytes(b -> b.bucket("data").key("a.txt")).asUtf8String()).isEqualTo("hello");
            assertThatThrownBy(() -> stranger.listObjectsV2(b -> b.bucket("data")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAccessKeyId");
                    });
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

    private static S3Client clientFor(LocalS3Server server, String accessKeyId, String secret) {
        // Signed whole, as LocalS3Server#client does: a chunked PUT may be stored twice and seen twice here.
        return S3Client.builder().endpointOverride(server.endpoint()).region(LocalS3Server.REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .forcePathStyle(true).build();
    }

    /** Records the operation of each object write it passes on, with the request's bucket and key. */
    private static final class OperationRecorder extends ForwardingBlobStore {
        private final List<String> seen;
        private final String target;

        OperationRecorder(BlobStore store, List<String> seen, String target) {
            super(store);
            this.seen = seen;
            this.target = target;
        }

        @Override
        public PutObjectResponse putBlob(PutObjectRequest request, java.io.InputStream content) {
            // S3Proxy keeps a multipart upload's metadata in a stub object whose name starts with a dot.
            if (!request.key().startsWith(".")) {
                seen.add(S3ApiOperation.current().orElseThrow() + " putBlob " + target);
            }
            return super.putBlob(request, content);
        }

        @Override
        public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
                CompleteMultipartUploadRequest request) {
            seen.add(S3ApiOperation.current().orElseThrow() + " completeMultipartUpload " + target);
            return super.completeMultipartUpload(upload, request);
        }
    }
}

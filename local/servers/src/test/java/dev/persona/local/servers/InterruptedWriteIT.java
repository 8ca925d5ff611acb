package dev.persona.local.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A write still receiving its body is not an object yet: S3 lists, serves and deletes only what a completed
 * request stored. S3Proxy writes the body to a sibling file named after the key before it renames it into
 * place; the local server must keep that file out of every answer, or a delete-my-data running during an
 * upload deletes the half-written file, fails the upload with a 500, and leaves bytes behind that no later
 * delete finds (security finding 5).
 */
class InterruptedWriteIT {

    private static final String BUCKET = "data";
    private static final String KEY = "uploads/alice/J1/MyActivity.json";
    private static final int BODY_BYTES = 256 * 1024;

    @Test
    void aWriteStillReceivingItsBodyIsInvisibleAndADeleteDuringItLeavesNothingBehind(@TempDir Path data)
            throws Exception {
        try (LocalS3Server server = LocalS3Server.builder().dataDirectory(data).bucket(BUCKET).versioning(true)
                .build().start();
             S3Client s3 = server.client();
             S3Presigner presigner = server.presigner()) {
            s3.putObject(put -> put.bucket(BUCKET).key(KEY), RequestBody.fromString("first upload"));
            HeldBody body = new HeldBody(BODY_BYTES, BODY_BYTES / 2);
            URI url = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(r -> r.bucket(BUCKET).key(KEY))).url().toURI();
            CompletableFuture<HttpResponse<String>> upload = HttpClient.newHttpClient().sendAsync(
                    HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.fromPublisher(
                            HttpRequest.BodyPublishers.ofInputStream(() -> body), BODY_BYTES)).build(),
                    HttpResponse.BodyHandlers.ofString());
            awaitPartialFileOnDisk(data.resolve(BUCKET));

            List<ObjectVersion> duringUpload = versions(s3);
            assertThat(duringUpload).extracting(ObjectVersion::key).containsExactly(KEY);
            assertThat(s3.listObjectsV2(list -> list.bucket(BUCKET).prefix("uploads/")).contents())
                    .extracting(object -> object.key()).containsExactly(KEY);
            deleteEveryVersion(s3);

            body.release();
            HttpResponse<String> response = upload.get();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            List<ObjectVersion> afterUpload = versions(s3);
            assertThat(afterUpload).extracting(ObjectVersion::key).containsExactly(KEY);
            assertThat(afterUpload.getFirst().size()).isEqualTo(BODY_BYTES);

            deleteEveryVersion(s3);
            assertThat(versions(s3)).isEmpty();
            assertThat(s3.listObjectVersions(list -> list.bucket(BUCKET)).deleteMarkers()).isEmpty();
            assertThat(regularFiles(data.resolve(BUCKET))).isEmpty();
        }
    }

    /** What delete-my-data does: every version and delete marker, each by its id. */
    private static void deleteEveryVersion(S3Client s3) {
        ListObjectVersionsResponse listing = s3.listObjectVersions(list -> list.bucket(BUCKET));
        listing.versions().forEach(version -> s3.deleteObject(delete -> delete.bucket(BUCKET)
                .key(version.key()).versionId(version.versionId())));
        listing.deleteMarkers().forEach(marker -> s3.deleteObject(delete -> delete.bucket(BUCKET)
                .key(marker.key()).versionId(marker.versionId())));
    }

    private static List<ObjectVersion> versions(S3Client s3) {
        return s3.listObjectVersions(list -> list.bucket(BUCKET)).versions();
    }

    /** The store has begun writing the body: a file beside the key's that is not the key's own. */
    private static void awaitPartialFileOnDisk(Path bucket) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (regularFiles(bucket).stream().noneMatch(file -> file.getFileName().toString()
                .startsWith("MyActivity.json-"))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the store never began writing the upload: " + regularFiles(bucket));
            }
            Thread.sleep(10);
        }
    }

    private static List<Path> regularFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A body that sends its first bytes, then waits for {@link #release()} before sending the rest. */
    private static final class HeldBody extends InputStream {

        private final CountDownLatch released = new CountDownLatch(1);
        private final int length;
        private final int heldAt;
        private int sent;

        HeldBody(int length, int heldAt) {
            this.length = length;
            this.heldAt = heldAt;
        }

        void release() {
            released.countDown();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) throws IOException {
            if (sent == length) {
                return -1;
            }
            if (sent == heldAt) {
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while held", e);
                }
            }
            int limit = sent < heldAt ? heldAt : length;
            int n = Math.min(count, limit - sent);
            Arrays.fill(buffer, offset, offset + n, (byte) 'x');
            sent += n;
            return n;
        }
    }
}

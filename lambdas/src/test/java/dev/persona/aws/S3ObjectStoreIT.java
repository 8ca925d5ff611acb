package dev.persona.aws;

import java.io.InputStream;
import java.util.Map;
import java.util.Random;

import dev.persona.local.servers.LocalS3Server;
import dev.persona.storage.ObjectChangedException;
import dev.persona.storage.ObjectNotFoundException;
import dev.persona.storage.ObjectVersion;
import dev.persona.storage.ObjectWriter;
import dev.persona.storage.StoredObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3ObjectStoreIT {

    private static final String BUCKET = "store-test";
    private static final int PART = 5 * 1024 * 1024;

    private static LocalS3Server server;
    private static S3Client s3;
    private static S3ObjectStore store;

    @BeforeAll
    static void start() {
        server = LocalS3Server.builder().bucket(BUCKET).build().start();
        s3 = server.client();
        store = new S3ObjectStore(s3, PART);
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.stop();
    }

    @Test
    void largeStreamedWritesBecomeOneObjectOnlyAtCommit() throws Exception {
        byte[] data = new byte[PART * 2 + 12345];
        new Random(1).nextBytes(data);
        try (ObjectWriter writer = store.create(BUCKET, "big.bin", "application/octet-stream")) {
            for (int offset = 0; offset < data.length; offset += 100_000) {
                writer.write(data, offset, Math.min(100_000, data.length - offset));
            }
            assertThat(exists("big.bin")).as("invisible before commit").isFalse();
            writer.commit();
        }
        try (InputStream in = store.read(BUCKET, "big.bin")) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()).isEmpty();
    }

    @Test
    void anUncommittedWriteLeavesNeitherObjectNorMultipartUpload() {
        byte[] data = new byte[PART + 10];
        try (ObjectWriter writer = store.create(BUCKET, "aborted.bin", "application/octet-stream")) {
            writer.write(data, 0, data.length);
        }
        assertThat(exists("aborted.bin")).isFalse();
        assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()).isEmpty();
        try (ObjectWriter writer = store.create(BUCKET, "small.bin", "application/octet-stream")) {
            writer.write(new byte[] {1, 2, 3}, 0, 3);
        }
        assertThat(exists("small.bin")).isFalse();
    }

    @Test
    void aRangedReadReturnsExactlyTheRangeOfTheAnnouncedVersion() throws Exception {
        byte[] data = new byte[300_000];
        new Random(2).nextBytes(data);
        String eTag = s3.putObject(b -> b.bucket(BUCKET).key("archive.zip"), RequestBody.fromBytes(data)).eTag()
                .replace("\"", "");
        ObjectVersion version = new ObjectVersion(null, eTag);
        try (InputStream in = store.openRange(BUCKET, "archive.zip", version, 123_456, 10_000)) {
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(data, 123_456, 133_456));
        }
        try (InputStream in = store.openRange(BUCKET, "archive.zip", version, data.length - 22, 22)) {
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(data, data.length - 22, data.length));
        }
        try (InputStream in = store.openRange(BUCKET, "archive.zip", version, 5, 0)) {
            assertThat(in.readAllBytes()).isEmpty();
        }
        s3.putObject(b -> b.bucket(BUCKET).key("archive.zip"), RequestBody.fromBytes(new byte[] {1}));
        assertThatThrownBy(() -> store.openRange(BUCKET, "archive.zip", version, 0, 10))
                .isInstanceOf(ObjectChangedException.class);
    }

    @Test
    void readsExactlyTheAnnouncedVersionWithItsMetadata() throws Exception {
        String eTag = s3.putObject(b -> b.bucket(BUCKET).key("meta.csv").metadata(Map.of("timezone", "Europe/Paris")),
                RequestBody.fromString("a,b")).eTag();
        try (StoredObject object = store.open(BUCKET, "meta.csv", new ObjectVersion(null, eTag.replace("\"", "")))) {
            assertThat(object.userMetadata()).containsEntry("timezone", "Europe/Paris");
            assertThat(object.size()).isEqualTo(3);
            assertThat(object.content().readAllBytes()).asString().isEqualTo("a,b");
        }
        assertThatThrownBy(() -> store.open(BUCKET, "meta.csv", new ObjectVersion(null, "0123456789abcdef")))
                .isInstanceOf(ObjectChangedException.class);
        assertThatThrownBy(() -> store.open(BUCKET, "absent", ObjectVersion.LATEST))
                .isInstanceOf(ObjectNotFoundException.class);
    }

    private static boolean exists(String key) {
        return s3.listObjectsV2(b -> b.bucket(BUCKET).prefix(key)).keyCount() > 0;
    }
}

package dev.persona.aws;

import dev.persona.local.servers.LocalS3Server;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;

import static org.assertj.core.api.Assertions.assertThat;

class S3UserObjectStoreIT {

    private static final String BUCKET = "user-data";

    /**
     * An object stored while the bucket did not version keeps the version id {@code null} once it does, and
     * S3 addresses that version by the id {@code null}: a delete naming no version would only put a delete
     * marker over it, and the bytes would stay.
     */
    @Test
    void deleteAllRemovesTheNullVersionToo() {
        try (LocalS3Server server = LocalS3Server.builder().bucket(BUCKET).build().start();
             S3Client s3 = server.client()) {
            s3.putObject(put -> put.bucket(BUCKET).key("uploads/alice/J1/a.csv"), RequestBody.fromString("old"));
            s3.putBucketVersioning(versioning -> versioning.bucket(BUCKET)
                    .versioningConfiguration(status -> status.status(BucketVersioningStatus.ENABLED)));
            s3.putObject(put -> put.bucket(BUCKET).key("uploads/alice/J1/a.csv"), RequestBody.fromString("new"));
            s3.putObject(put -> put.bucket(BUCKET).key("uploads/bob/J2/b.csv"), RequestBody.fromString("bob's"));
            assertThat(s3.listObjectVersions(list -> list.bucket(BUCKET).prefix("uploads/alice/")).versions())
                    .extracting(version -> version.versionId()).contains("null").hasSize(2);

            long current = new S3UserObjectStore(s3, BUCKET).deleteAll("uploads/alice/");

            assertThat(current).isEqualTo(1);
            ListObjectVersionsResponse left = s3.listObjectVersions(list -> list.bucket(BUCKET));
            assertThat(left.deleteMarkers()).isEmpty();
            assertThat(left.versions()).extracting(version -> version.key()).containsExactly("uploads/bob/J2/b.csv");
        }
    }
}

package dev.persona.aws;

import dev.persona.files.StoredObjects;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

/**
 * {@link StoredObjects} on the versioned uploads bucket: a file's object is removed version by version (a delete
 * without a version id would only cover it with a delete marker), found by a listing confined to its own key.
 */
public final class S3StoredObjects implements StoredObjects {

    private final S3Client s3;
    private final String bucket;

    public S3StoredObjects(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public int removeAllVersions(String key) {
        int removed = 0;
        for (ListObjectVersionsResponse page : s3.listObjectVersionsPaginator(list -> list.bucket(bucket).prefix(key))) {
            for (ObjectVersion version : page.versions()) {
                if (version.key().equals(key)) {
                    removeVersion(key, version.versionId());
                    removed++;
                }
            }
            for (var marker : page.deleteMarkers()) {
                if (marker.key().equals(key)) {
                    removeVersion(key, marker.versionId());
                }
            }
        }
        return removed;
    }

    @Override
    public void removeVersion(String key, String versionId) {
        s3.deleteObject(delete -> delete.bucket(bucket).key(key).versionId(versionId));
    }
}

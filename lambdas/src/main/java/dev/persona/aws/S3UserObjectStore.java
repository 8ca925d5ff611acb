package dev.persona.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.persona.api.UserObjectStore;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

/** {@link UserObjectStore} on the uploads bucket. */
public final class S3UserObjectStore implements UserObjectStore {

    /** S3's limit for one DeleteObjects request. */
    private static final int MAX_KEYS_PER_DELETE = 1000;

    private final S3Client s3;
    private final String bucket;

    public S3UserObjectStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public Optional<String> readText(String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(get -> get.bucket(bucket).key(key)).asUtf8String());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    @Override
    public void deleteVersion(String key, String versionId) {
        s3.deleteObject(delete -> delete.bucket(bucket).key(key).versionId(versionId));
    }

    /**
     * Deletes every version and delete marker under the prefix (the bucket is versioned, so deleting only
     * the current objects would keep the data), listing page by page and deleting at most 1,000 versions per
     * DeleteObjects call. Returns how many current objects there were.
     */
    @Override
    public long deleteAll(String prefix) {
        long current = 0;
        List<ObjectIdentifier> batch = new ArrayList<>(MAX_KEYS_PER_DELETE);
        for (ListObjectVersionsResponse page : s3.listObjectVersionsPaginator(list -> list.bucket(bucket).prefix(prefix))) {
            for (ObjectVersion version : page.versions()) {
                if (Boolean.TRUE.equals(version.isLatest())) {
                    current++;
                }
                add(batch, version.key(), version.versionId());
            }
            for (DeleteMarkerEntry marker : page.deleteMarkers()) {
                add(batch, marker.key(), marker.versionId());
            }
        }
        delete(batch);
        return current;
    }

    private void add(List<ObjectIdentifier> batch, String key, String versionId) {
        // Every version is deleted by its id, the null version too: S3 names an object stored while the bucket
        // did not version "null", and a delete without an id would only put a delete marker over it
        // ("Deleting objects from versioning-suspended buckets" in the S3 user guide).
        batch.add(ObjectIdentifier.builder().key(key).versionId(versionId).build());
        if (batch.size() == MAX_KEYS_PER_DELETE) {
            delete(batch);
        }
    }

    private void delete(List<ObjectIdentifier> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<ObjectIdentifier> keys = List.copyOf(batch);
        batch.clear();
        DeleteObjectsResponse response = s3.deleteObjects(delete -> delete.bucket(bucket)
                .delete(request -> request.objects(keys).quiet(true)));
        if (!response.errors().isEmpty()) {
            throw new IllegalStateException(response.errors().size() + " objects could not be deleted, first: "
                    + response.errors().get(0).code());
        }
    }

    @Override
    public int abortMultipartUploads(String prefix) {
        int aborted = 0;
        String keyMarker = null;
        String uploadIdMarker = null;
        ListMultipartUploadsResponse page;
        do {
            String keyFrom = keyMarker;
            String uploadFrom = uploadIdMarker;
            page = s3.listMultipartUploads(list -> list.bucket(bucket).prefix(prefix)
                    .keyMarker(keyFrom).uploadIdMarker(uploadFrom));
            for (MultipartUpload upload : page.uploads()) {
                try {
                    s3.abortMultipartUpload(abort -> abort.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
                    aborted++;
                } catch (NoSuchUploadException e) {
                    // Completed or aborted since the listing: nothing left to abort.
                }
            }
            keyMarker = page.nextKeyMarker();
            uploadIdMarker = page.nextUploadIdMarker();
        } while (Boolean.TRUE.equals(page.isTruncated()));
        return aborted;
    }
}

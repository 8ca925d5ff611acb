package dev.persona.aws;

import java.util.List;
import java.util.Optional;

import dev.persona.api.UserObjectStore;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/** {@link UserObjectStore} on the uploads bucket. */
public final class S3UserObjectStore implements UserObjectStore {

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

    /** Lists page by page (at most 1,000 keys each) and deletes each page with one DeleteObjects call. */
    @Override
    public long deleteAll(String prefix) {
        long deleted = 0;
        for (var page : s3.listObjectsV2Paginator(list -> list.bucket(bucket).prefix(prefix))) {
            List<ObjectIdentifier> keys = page.contents().stream()
                    .map(S3Object::key)
                    .map(key -> ObjectIdentifier.builder().key(key).build())
                    .toList();
            if (keys.isEmpty()) {
                continue;
            }
            DeleteObjectsResponse response = s3.deleteObjects(delete -> delete.bucket(bucket)
                    .delete(batch -> batch.objects(keys).quiet(true)));
            if (!response.errors().isEmpty()) {
                throw new IllegalStateException(response.errors().size() + " objects could not be deleted, first: "
                        + response.errors().get(0).code());
            }
            deleted += keys.size();
        }
        return deleted;
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

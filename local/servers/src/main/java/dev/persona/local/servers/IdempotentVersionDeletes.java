package dev.persona.local.servers;

import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Deleting an object version that does not exist succeeds, as in S3: DeleteObject (and each key of DeleteObjects)
 * naming a version id answers with that id whether or not the version was there, so a delete that races another
 * is idempotent. S3Proxy's stores answer {@code NoSuchVersion} instead.
 */
final class IdempotentVersionDeletes extends ForwardingBlobStore {

    private static final String NO_SUCH_VERSION = "NoSuchVersion";

    IdempotentVersionDeletes(BlobStore store) {
        super(store);
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        try {
            return delegate().removeBlob(request);
        } catch (S3Exception e) {
            if (request.versionId() != null && e.awsErrorDetails() != null
                    && NO_SUCH_VERSION.equals(e.awsErrorDetails().errorCode())) {
                return DeleteObjectResponse.builder().versionId(request.versionId()).build();
            }
            throw e;
        }
    }
}

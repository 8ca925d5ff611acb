package dev.persona.local.events;

import java.io.InputStream;

import dev.persona.local.servers.S3ApiOperation;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Sees every object S3Proxy creates: a PUT (SDK or presigned URL) and a browser POST both end in
 * {@code putBlob}, a copy in {@code copyBlob}, a multipart upload in {@code completeMultipartUpload}
 * (its parts and its stub object are not objects yet). Each is reported after the store accepted it, and
 * before S3Proxy answers the client, so a client told "created" has its event recorded.
 */
final class ObjectCreatedObserver extends ForwardingBlobStore {

    /** Where observed objects go. */
    interface Sink {

        /** True when an object at this bucket and key is one to report. */
        boolean wants(String bucket, String key);

        /**
         * Records one created object version.
         *
         * @param versionId null when the bucket is not versioned
         * @param etag      without quotes
         */
        void created(String bucket, String key, long size, String etag, String versionId, String reason);
    }

    private final Sink sink;

    ObjectCreatedObserver(BlobStore store, Sink sink) {
        super(store);
        this.sink = sink;
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        PutObjectResponse response = delegate().putBlob(request, content);
        boolean form = S3ApiOperation.current().filter(S3ApiOperation.POST_OBJECT::equals).isPresent();
        report(request.bucket(), request.key(), response.versionId(), form ? "PostObject" : "PutObject");
        return response;
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        CopyObjectResponse response = delegate().copyBlob(request);
        report(request.destinationBucket(), request.destinationKey(), response.versionId(), "CopyObject");
        return response;
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
            CompleteMultipartUploadRequest request) {
        CompleteMultipartUploadResponse response = delegate().completeMultipartUpload(upload, request);
        report(upload.containerName(), upload.blobName(), response.versionId(), "CompleteMultipartUpload");
        return response;
    }

    /**
     * Reads the new version's size and ETag back (the write responses do not all carry them) and records
     * it. When that fails the object exists without its event, so the request fails with a 500 and the
     * client, told nothing was created, uploads again; S3 answers uploads it cannot finish the same way.
     */
    private void report(String bucket, String key, String versionId, String reason) {
        if (!sink.wants(bucket, key)) {
            return;
        }
        String version = versionId == null || versionId.equals("null") ? null : versionId;
        try {
            HeadObjectResponse head = delegate().blobMetadata(HeadObjectRequest.builder()
                    .bucket(bucket).key(key).versionId(version).build());
            sink.created(bucket, key, head.contentLength(), unquote(head.eTag()), version, reason);
        } catch (RuntimeException e) {
            throw (S3Exception) S3Exception.builder()
                    .statusCode(500)
                    .message("the object was stored but its event could not be recorded")
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("InternalError")
                            .errorMessage("We encountered an internal error. Please try again.").build())
                    .cause(e)
                    .build();
        }
    }

    private static String unquote(String etag) {
        return etag != null && etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
                ? etag.substring(1, etag.length() - 1) : etag;
    }
}

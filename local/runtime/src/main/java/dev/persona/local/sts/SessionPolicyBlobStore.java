package dev.persona.local.sts;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.persona.local.servers.S3ApiOperation;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.CreateBucketResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.DeleteBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetBucketAclRequest;
import software.amazon.awssdk.services.s3.model.GetBucketAclResponse;
import software.amazon.awssdk.services.s3.model.GetBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.GetBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningRequest;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.GetObjectAclRequest;
import software.amazon.awssdk.services.s3.model.GetObjectAclResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListBucketsRequest;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.PutBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.PutBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.PutBucketVersioningRequest;
import software.amazon.awssdk.services.s3.model.PutBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionConfiguration;
import software.amazon.awssdk.services.s3.model.UploadPartCopyRequest;
import software.amazon.awssdk.services.s3.model.UploadPartCopyResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * The store as one request signed with session credentials sees it: every call is refused with
 * {@code AccessDenied} unless the session's permissions allow what S3 would require.
 *
 * <p>S3 authorizes a request by its operation on its resource, so the decision is the request's, taken
 * at its first call (its operation from {@link S3ApiOperation}, its bucket and key from the request
 * line): a PUT to {@code uploads/dev_alice/…} needs {@code s3:PutObject} on that object's ARN. S3Proxy's
 * own calls while serving an allowed request pass with it, such as the stub object it keeps for a
 * multipart upload, or the part listing inside CompleteMultipartUpload. A call on another object than
 * the request's needs its own permission: the source of a copy {@code s3:GetObject}, each key of a
 * DeleteObjects {@code s3:DeleteObject} (denied keys are reported one by one, as S3 does); another
 * bucket is refused outright. Capability queries
 * (versioning support, minimum part size) reveal nothing and always pass.
 */
final class SessionPolicyBlobStore extends ForwardingBlobStore {

    /** S3Proxy names the object carrying a multipart upload's metadata with this prefix; clients cannot use it. */
    static final String MULTIPART_STUB_PREFIX = ".s3proxy-mpu-stub-";

    private final SessionPermissions permissions;
    private final String partition;
    private final String bucket;
    private final String key;
    private boolean requestAllowed;

    /**
     * @param bucket the request's bucket, null for service requests
     * @param key    the request's key, null for bucket requests
     */
    SessionPolicyBlobStore(BlobStore store, SessionPermissions permissions, String partition, String bucket,
            String key) {
        super(store);
        this.permissions = permissions;
        this.partition = partition;
        this.bucket = bucket;
        this.key = key;
    }

    /** The request's operation on the request's resource; decided once, on the request's thread. */
    private void authorizeRequest() {
        if (requestAllowed) {
            return;
        }
        S3Actions.Requirement requirement = S3ApiOperation.current().flatMap(S3Actions::of)
                .orElseThrow(S3Errors::accessDenied);
        String resource = switch (requirement.scope()) {
            case OBJECT -> bucket == null || key == null ? null : S3Actions.objectArn(partition, bucket, key);
            case BUCKET -> bucket == null ? null : S3Actions.bucketArn(partition, bucket);
            case SERVICE -> "*";
        };
        if (resource == null) {
            throw S3Errors.accessDenied();
        }
        for (String action : requirement.actions()) {
            require(action, resource);
        }
        requestAllowed = true;
    }

    private void require(String action, String resource) {
        if (!permissions.allows(action, resource)) {
            throw S3Errors.accessDenied();
        }
    }

    /** A call on one object: the request's own (or its multipart stub) passes with the request. */
    private void onObject(String objectBucket, String objectKey, String action) {
        authorizeRequest();
        boolean ownObject = Objects.equals(objectBucket, bucket)
                && (Objects.equals(objectKey, key)
                        || (objectKey != null && objectKey.startsWith(MULTIPART_STUB_PREFIX)));
        if (!ownObject) {
            onBucket(objectBucket);
            require(action, S3Actions.objectArn(partition, objectBucket, objectKey));
        }
    }

    private void onBucket(String callBucket) {
        authorizeRequest();
        if (!Objects.equals(callBucket, bucket)) {
            throw S3Errors.accessDenied();
        }
    }

    private void onService() {
        authorizeRequest();
    }

    @Override
    public void close() {
        // A request's view does not own the server's store.
    }

    // Capability queries: no data, and S3Proxy asks them before it dispatches a request.

    @Override
    public boolean supportsVersioning() {
        return delegate().supportsVersioning();
    }

    @Override
    public boolean supportsServerSideEncryption() {
        return delegate().supportsServerSideEncryption();
    }

    @Override
    public boolean supportsBucketEncryption() {
        return delegate().supportsBucketEncryption();
    }

    @Override
    public boolean supportsCopyMultipartPart() {
        return delegate().supportsCopyMultipartPart();
    }

    @Override
    public long getMinimumMultipartPartSize() {
        return delegate().getMinimumMultipartPartSize();
    }

    // The service.

    @Override
    public ListBucketsResponse list() {
        onService();
        return delegate().list();
    }

    @Override
    public ListBucketsResponse list(ListBucketsRequest request) {
        onService();
        return delegate().list(request);
    }

    // Buckets.

    @Override
    public ListObjectsV2Response list(ListObjectsV2Request request) {
        onBucket(request.bucket());
        return delegate().list(request);
    }

    @Override
    public ListObjectsV2Response list(String container) {
        onBucket(container);
        return delegate().list(container);
    }

    @Override
    public ListObjectsResponse listV1(ListObjectsRequest request) {
        onBucket(request.bucket());
        return delegate().listV1(request);
    }

    @Override
    public ListObjectVersionsResponse listVersions(ListObjectVersionsRequest request) {
        onBucket(request.bucket());
        return delegate().listVersions(request);
    }

    @Override
    public HeadBucketResponse headBucket(HeadBucketRequest request) {
        onBucket(request.bucket());
        return delegate().headBucket(request);
    }

    @Override
    public boolean containerExists(String container) {
        onBucket(container);
        return delegate().containerExists(container);
    }

    @Override
    public CreateBucketResponse createContainer(CreateBucketRequest request) {
        onBucket(request.bucket());
        return delegate().createContainer(request);
    }

    @Override
    public CreateBucketResponse createContainer(String container) {
        onBucket(container);
        return delegate().createContainer(container);
    }

    @Override
    public BucketCannedACL getContainerAccess(String container) {
        onBucket(container);
        return delegate().getContainerAccess(container);
    }

    @Override
    public GetBucketAclResponse getContainerAcl(GetBucketAclRequest request) {
        onBucket(request.bucket());
        return delegate().getContainerAcl(request);
    }

    @Override
    public void setContainerAccess(String container, BucketCannedACL access) {
        onBucket(container);
        delegate().setContainerAccess(container, access);
    }

    @Override
    public void clearContainer(ListObjectsV2Request request) {
        onBucket(request.bucket());
        delegate().clearContainer(request);
    }

    @Override
    public void deleteContainer(String container) {
        onBucket(container);
        delegate().deleteContainer(container);
    }

    @Override
    public void deleteBucket(String container) {
        onBucket(container);
        delegate().deleteBucket(container);
    }

    @Override
    public GetBucketVersioningResponse getBucketVersioning(GetBucketVersioningRequest request) {
        onBucket(request.bucket());
        return delegate().getBucketVersioning(request);
    }

    @Override
    public BucketVersioningStatus getBucketVersioning(String container) {
        onBucket(container);
        return delegate().getBucketVersioning(container);
    }

    @Override
    public PutBucketVersioningResponse putBucketVersioning(PutBucketVersioningRequest request) {
        onBucket(request.bucket());
        return delegate().putBucketVersioning(request);
    }

    @Override
    public void putBucketVersioning(String container, BucketVersioningStatus status) {
        onBucket(container);
        delegate().putBucketVersioning(container, status);
    }

    @Override
    public GetBucketEncryptionResponse getBucketEncryption(GetBucketEncryptionRequest request) {
        onBucket(request.bucket());
        return delegate().getBucketEncryption(request);
    }

    @Override
    public ServerSideEncryptionConfiguration getBucketEncryption(String container) {
        onBucket(container);
        return delegate().getBucketEncryption(container);
    }

    @Override
    public PutBucketEncryptionResponse putBucketEncryption(PutBucketEncryptionRequest request) {
        onBucket(request.bucket());
        return delegate().putBucketEncryption(request);
    }

    @Override
    public void putBucketEncryption(String container, ServerSideEncryptionConfiguration configuration) {
        onBucket(container);
        delegate().putBucketEncryption(container, configuration);
    }

    @Override
    public DeleteBucketEncryptionResponse deleteBucketEncryption(DeleteBucketEncryptionRequest request) {
        onBucket(request.bucket());
        return delegate().deleteBucketEncryption(request);
    }

    @Override
    public void deleteBucketEncryption(String container) {
        onBucket(container);
        delegate().deleteBucketEncryption(container);
    }

    @Override
    public List<software.amazon.awssdk.services.s3.model.MultipartUpload> listMultipartUploads(String container) {
        onBucket(container);
        return delegate().listMultipartUploads(container);
    }

    // Objects.

    @Override
    public boolean blobExists(String container, String name) {
        onObject(container, name, S3Actions.GET_OBJECT);
        return delegate().blobExists(container, name);
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        onObject(request.bucket(), request.key(), S3Actions.PUT_OBJECT);
        return delegate().putBlob(request, content);
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        onObject(request.destinationBucket(), request.destinationKey(), S3Actions.PUT_OBJECT);
        onObject(request.sourceBucket(), request.sourceKey(), S3Actions.GET_OBJECT);
        return delegate().copyBlob(request);
    }

    @Override
    public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
        onObject(request.bucket(), request.key(), S3Actions.GET_OBJECT);
        return delegate().blobMetadata(request);
    }

    @Override
    public HeadObjectResponse blobMetadata(String container, String name) {
        onObject(container, name, S3Actions.GET_OBJECT);
        return delegate().blobMetadata(container, name);
    }

    @Override
    public HeadObjectResponse blobMetadataIfPresent(HeadObjectRequest request) {
        onObject(request.bucket(), request.key(), S3Actions.GET_OBJECT);
        return delegate().blobMetadataIfPresent(request);
    }

    @Override
    public HeadObjectResponse blobMetadataIfPresent(String container, String name) {
        onObject(container, name, S3Actions.GET_OBJECT);
        return delegate().blobMetadataIfPresent(container, name);
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
        onObject(request.bucket(), request.key(), S3Actions.GET_OBJECT);
        return delegate().getBlob(request);
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getBlob(String container, String name) {
        onObject(container, name, S3Actions.GET_OBJECT);
        return delegate().getBlob(container, name);
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        onObject(request.bucket(), request.key(), S3Actions.DELETE_OBJECT);
        return delegate().removeBlob(request);
    }

    @Override
    public void removeBlob(String container, String name) {
        onObject(container, name, S3Actions.DELETE_OBJECT);
        delegate().removeBlob(container, name);
    }

    @Override
    public DeleteObjectResponse removeBlob(String container, String name, String versionId) {
        onObject(container, name, S3Actions.DELETE_OBJECT);
        return delegate().removeBlob(container, name, versionId);
    }

    /** As S3 does, deletes the keys the session may delete and reports the others as denied, one by one. */
    @Override
    public DeleteObjectsResponse removeBlobs(DeleteObjectsRequest request) {
        onBucket(request.bucket());
        List<ObjectIdentifier> allowed = new ArrayList<>();
        List<S3Error> denied = new ArrayList<>();
        for (ObjectIdentifier object : request.delete().objects()) {
            if (permissions.allows(S3Actions.DELETE_OBJECT, S3Actions.objectArn(partition, request.bucket(),
                    object.key()))) {
                allowed.add(object);
            } else {
                denied.add(S3Error.builder().key(object.key()).versionId(object.versionId())
                        .code("AccessDenied").message("Access Denied").build());
            }
        }
        DeleteObjectsResponse deleted = allowed.isEmpty() ? DeleteObjectsResponse.builder().build()
                : delegate().removeBlobs(request.toBuilder()
                        .delete(request.delete().toBuilder().objects(allowed).build()).build());
        List<S3Error> errors = new ArrayList<>(deleted.errors());
        errors.addAll(denied);
        return deleted.toBuilder().errors(errors).build();
    }

    @Override
    public ObjectCannedACL getBlobAccess(String container, String name) {
        onObject(container, name, "s3:GetObjectAcl");
        return delegate().getBlobAccess(container, name);
    }

    @Override
    public ObjectCannedACL getBlobAccess(String container, String name, String versionId) {
        onObject(container, name, "s3:GetObjectAcl");
        return delegate().getBlobAccess(container, name, versionId);
    }

    @Override
    public GetObjectAclResponse getBlobAcl(GetObjectAclRequest request) {
        onObject(request.bucket(), request.key(), "s3:GetObjectAcl");
        return delegate().getBlobAcl(request);
    }

    @Override
    public void setBlobAccess(String container, String name, ObjectCannedACL access) {
        onObject(container, name, "s3:PutObjectAcl");
        delegate().setBlobAccess(container, name, access);
    }

    @Override
    public void setBlobAccess(String container, String name, ObjectCannedACL access, String versionId) {
        onObject(container, name, "s3:PutObjectAcl");
        delegate().setBlobAccess(container, name, access, versionId);
    }

    // Multipart uploads.

    @Override
    public MultipartUpload initiateMultipartUpload(CreateMultipartUploadRequest request) {
        onObject(request.bucket(), request.key(), S3Actions.PUT_OBJECT);
        return delegate().initiateMultipartUpload(request);
    }

    @Override
    public void abortMultipartUpload(MultipartUpload upload) {
        onObject(upload.containerName(), upload.blobName(), "s3:AbortMultipartUpload");
        delegate().abortMultipartUpload(upload);
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
            CompleteMultipartUploadRequest request) {
        onObject(upload.containerName(), upload.blobName(), S3Actions.PUT_OBJECT);
        return delegate().completeMultipartUpload(upload, request);
    }

    @Override
    public UploadPartResponse uploadMultipartPart(MultipartUpload upload, UploadPartRequest request,
            InputStream content) {
        onObject(upload.containerName(), upload.blobName(), S3Actions.PUT_OBJECT);
        return delegate().uploadMultipartPart(upload, request, content);
    }

    @Override
    public UploadPartCopyResponse copyMultipartPart(MultipartUpload upload, UploadPartCopyRequest request) {
        onObject(upload.containerName(), upload.blobName(), S3Actions.PUT_OBJECT);
        onObject(request.sourceBucket(), request.sourceKey(), S3Actions.GET_OBJECT);
        return delegate().copyMultipartPart(upload, request);
    }

    @Override
    public List<Part> listMultipartUpload(MultipartUpload upload) {
        onObject(upload.containerName(), upload.blobName(), "s3:ListMultipartUploadParts");
        return delegate().listMultipartUpload(upload);
    }
}

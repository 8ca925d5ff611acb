package dev.persona.local.servers;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The S3 API operation S3Proxy is serving on the current thread.
 *
 * <p>S3Proxy turns one request into several {@code BlobStore} calls (a multipart upload keeps a stub
 * object, a PUT may read the current object for a conditional write, completing an upload lists its
 * parts) and does not tell the store which request they serve. S3, however, authorizes and reports a
 * request by its operation: {@code ListParts} needs {@code s3:ListMultipartUploadParts} while the same
 * listing inside {@code CompleteMultipartUpload} needs only {@code s3:PutObject}; a POST upload is reported
 * as {@code PostObject}, not {@code PutObject}. So the operation is read from the S3Proxy request handler
 * method on the call stack, one method per operation ({@code handlePutBlob}, {@code handleListParts}…).
 * {@code S3ApiOperationTest} checks that S3Proxy still declares every one of them.
 */
public enum S3ApiOperation {
    PUT_OBJECT("handlePutBlob"),
    POST_OBJECT("handlePostBlob"),
    COPY_OBJECT("handleCopyBlob"),
    CREATE_MULTIPART_UPLOAD("handleInitiateMultipartUpload"),
    UPLOAD_PART("handleUploadPart"),
    UPLOAD_PART_COPY("handleCopyPart"),
    COMPLETE_MULTIPART_UPLOAD("handleCompleteMultipartUpload"),
    ABORT_MULTIPART_UPLOAD("handleAbortMultipartUpload"),
    LIST_PARTS("handleListParts"),
    LIST_MULTIPART_UPLOADS("handleListMultipartUploads"),
    GET_OBJECT("handleGetBlob"),
    HEAD_OBJECT("handleBlobMetadata"),
    GET_OBJECT_ATTRIBUTES("handleGetObjectAttributes"),
    DELETE_OBJECT("handleBlobRemove"),
    DELETE_OBJECTS("handleMultiBlobRemove"),
    LIST_OBJECTS("handleBlobList"),
    LIST_OBJECT_VERSIONS("handleListObjectVersions"),
    LIST_BUCKETS("handleContainerList"),
    HEAD_BUCKET("handleContainerExists"),
    CREATE_BUCKET("handleContainerCreate"),
    DELETE_BUCKET("handleContainerDelete"),
    GET_BUCKET_LOCATION("handleContainerLocation"),
    GET_BUCKET_POLICY("handleBucketPolicy"),
    GET_OBJECT_ACL("handleGetBlobAcl"),
    PUT_OBJECT_ACL("handleSetBlobAcl"),
    GET_BUCKET_ACL("handleGetContainerAcl"),
    PUT_BUCKET_ACL("handleSetContainerAcl"),
    GET_BUCKET_VERSIONING("handleGetBucketVersioning"),
    PUT_BUCKET_VERSIONING("handleSetBucketVersioning"),
    GET_BUCKET_ENCRYPTION("handleGetBucketEncryption"),
    PUT_BUCKET_ENCRYPTION("handleSetBucketEncryption"),
    DELETE_BUCKET_ENCRYPTION("handleDeleteBucketEncryption"),
    OPTIONS_OBJECT("handleOptionsBlob");

    static final String HANDLER_CLASS = "org.gaul.s3proxy.S3ProxyHandler";

    private static final Map<String, S3ApiOperation> BY_HANDLER_METHOD = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(S3ApiOperation::handlerMethod, Function.identity()));
    private static final StackWalker STACK = StackWalker.getInstance();

    private final String handlerMethod;

    S3ApiOperation(String handlerMethod) {
        this.handlerMethod = handlerMethod;
    }

    /** The S3Proxy request handler method serving this operation. */
    public String handlerMethod() {
        return handlerMethod;
    }

    /**
     * The operation whose handler is the innermost on this thread's stack; empty outside a request (or in
     * S3Proxy's own checks before it dispatches one).
     */
    public static Optional<S3ApiOperation> current() {
        return STACK.walk(frames -> frames
                .filter(frame -> frame.getClassName().equals(HANDLER_CLASS))
                .map(frame -> BY_HANDLER_METHOD.get(frame.getMethodName()))
                .filter(operation -> operation != null)
                .findFirst());
    }
}

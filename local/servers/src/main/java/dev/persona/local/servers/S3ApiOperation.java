package dev.persona.local.servers;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The S3 API operation a request is, decided from the request as S3 decides it: the method, whether it names a
 * bucket and a key, its sub-resource query parameters ({@code ?uploads}, {@code ?versions}, {@code ?acl}…) and a
 * few headers ({@code x-amz-copy-source}). S3 authorizes and reports a request by its operation, so this is what
 * the {@link S3RequestGate} decides on and what the store's observers see through {@link #current()}.
 *
 * <p>{@link #UNKNOWN} is every request this classification does not recognise: a gate must deny it.
 */
public enum S3ApiOperation {
    LIST_BUCKETS,
    LIST_OBJECTS,
    LIST_OBJECTS_V2,
    LIST_OBJECT_VERSIONS,
    LIST_MULTIPART_UPLOADS,
    HEAD_BUCKET,
    CREATE_BUCKET,
    DELETE_BUCKET,
    GET_BUCKET_LOCATION,
    GET_BUCKET_POLICY,
    PUT_BUCKET_POLICY,
    DELETE_BUCKET_POLICY,
    GET_BUCKET_ACL,
    PUT_BUCKET_ACL,
    GET_BUCKET_VERSIONING,
    PUT_BUCKET_VERSIONING,
    GET_BUCKET_ENCRYPTION,
    PUT_BUCKET_ENCRYPTION,
    DELETE_BUCKET_ENCRYPTION,
    GET_BUCKET_CORS,
    PUT_BUCKET_CORS,
    DELETE_BUCKET_CORS,
    GET_BUCKET_LIFECYCLE,
    PUT_BUCKET_LIFECYCLE,
    DELETE_BUCKET_LIFECYCLE,
    GET_BUCKET_TAGGING,
    PUT_BUCKET_TAGGING,
    DELETE_BUCKET_TAGGING,
    GET_BUCKET_NOTIFICATION,
    PUT_BUCKET_NOTIFICATION,
    DELETE_OBJECTS,
    POST_OBJECT,
    GET_OBJECT,
    HEAD_OBJECT,
    GET_OBJECT_ACL,
    PUT_OBJECT_ACL,
    GET_OBJECT_TAGGING,
    PUT_OBJECT_TAGGING,
    DELETE_OBJECT_TAGGING,
    GET_OBJECT_ATTRIBUTES,
    PUT_OBJECT,
    COPY_OBJECT,
    CREATE_MULTIPART_UPLOAD,
    UPLOAD_PART,
    UPLOAD_PART_COPY,
    COMPLETE_MULTIPART_UPLOAD,
    ABORT_MULTIPART_UPLOAD,
    LIST_PARTS,
    DELETE_OBJECT,
    RESTORE_OBJECT,
    SELECT_OBJECT_CONTENT,
    /** A CORS preflight: S3 answers it without credentials. */
    OPTIONS_PREFLIGHT,
    /** Anything else: denied. */
    UNKNOWN;

    private static final ThreadLocal<S3ApiOperation> CURRENT = new ThreadLocal<>();

    /**
     * The operation of a request.
     *
     * @param method    the HTTP method
     * @param bucket    whether the path names a bucket
     * @param key       whether the path names an object key
     * @param query     the names of the query parameters
     * @param hasHeader whether a header is present (names in lower case)
     */
    public static S3ApiOperation classify(String method, boolean bucket, boolean key, Set<String> query,
            Predicate<String> hasHeader) {
        if (method.equals("OPTIONS")) {
            return OPTIONS_PREFLIGHT;
        }
        if (!bucket) {
            return method.equals("GET") ? LIST_BUCKETS : UNKNOWN;
        }
        return key ? objectOperation(method, query, hasHeader) : bucketOperation(method, query);
    }

    private static S3ApiOperation bucketOperation(String method, Set<String> query) {
        return switch (method) {
            case "GET" -> {
                if (query.contains("versions")) {
                    yield LIST_OBJECT_VERSIONS;
                } else if (query.contains("uploads")) {
                    yield LIST_MULTIPART_UPLOADS;
                }
                S3ApiOperation subresource = bucketSubresource(query, GET_BUCKET_LOCATION, GET_BUCKET_POLICY,
                        GET_BUCKET_ACL, GET_BUCKET_VERSIONING, GET_BUCKET_ENCRYPTION, GET_BUCKET_CORS,
                        GET_BUCKET_LIFECYCLE, GET_BUCKET_TAGGING, GET_BUCKET_NOTIFICATION);
                if (subresource != null) {
                    yield subresource;
                }
                yield hasOtherSubresource(query) ? UNKNOWN
                        : query.contains("list-type") ? LIST_OBJECTS_V2 : LIST_OBJECTS;
            }
            case "HEAD" -> query.isEmpty() ? HEAD_BUCKET : UNKNOWN;
            case "PUT" -> {
                S3ApiOperation subresource = bucketSubresource(query, null, PUT_BUCKET_POLICY, PUT_BUCKET_ACL,
                        PUT_BUCKET_VERSIONING, PUT_BUCKET_ENCRYPTION, PUT_BUCKET_CORS, PUT_BUCKET_LIFECYCLE,
                        PUT_BUCKET_TAGGING, PUT_BUCKET_NOTIFICATION);
                yield subresource != null ? subresource : hasOtherSubresource(query) ? UNKNOWN : CREATE_BUCKET;
            }
            case "DELETE" -> {
                S3ApiOperation subresource = bucketSubresource(query, null, DELETE_BUCKET_POLICY, null, null,
                        DELETE_BUCKET_ENCRYPTION, DELETE_BUCKET_CORS, DELETE_BUCKET_LIFECYCLE, DELETE_BUCKET_TAGGING,
                        null);
                yield subresource != null ? subresource : hasOtherSubresource(query) ? UNKNOWN : DELETE_BUCKET;
            }
            case "POST" -> query.contains("delete") ? DELETE_OBJECTS : query.isEmpty() ? POST_OBJECT : UNKNOWN;
            default -> UNKNOWN;
        };
    }

    private static S3ApiOperation bucketSubresource(Set<String> query, S3ApiOperation location, S3ApiOperation policy,
            S3ApiOperation acl, S3ApiOperation versioning, S3ApiOperation encryption, S3ApiOperation cors,
            S3ApiOperation lifecycle, S3ApiOperation tagging, S3ApiOperation notification) {
        if (query.contains("location")) {
            return location == null ? UNKNOWN : location;
        }
        if (query.contains("policy")) {
            return orUnknown(policy);
        }
        if (query.contains("acl")) {
            return orUnknown(acl);
        }
        if (query.contains("versioning")) {
            return orUnknown(versioning);
        }
        if (query.contains("encryption")) {
            return orUnknown(encryption);
        }
        if (query.contains("cors")) {
            return orUnknown(cors);
        }
        if (query.contains("lifecycle")) {
            return orUnknown(lifecycle);
        }
        if (query.contains("tagging")) {
            return orUnknown(tagging);
        }
        if (query.contains("notification")) {
            return orUnknown(notification);
        }
        return null;
    }

    private static S3ApiOperation orUnknown(S3ApiOperation operation) {
        return operation == null ? UNKNOWN : operation;
    }

    /** Sub-resources S3 has and this classification does not name (website, logging, replication…): denied. */
    private static boolean hasOtherSubresource(Set<String> query) {
        for (String name : query) {
            if (!Set.of("list-type", "prefix", "delimiter", "max-keys", "marker", "continuation-token",
                    "start-after", "fetch-owner", "encoding-type", "x-id").contains(name)
                    && !name.toLowerCase(Locale.ROOT).startsWith("x-amz-")) {
                return true;
            }
        }
        return false;
    }

    private static S3ApiOperation objectOperation(String method, Set<String> query, Predicate<String> hasHeader) {
        boolean copy = hasHeader.test("x-amz-copy-source");
        return switch (method) {
            case "GET" -> query.contains("uploadId") ? LIST_PARTS
                    : query.contains("acl") ? GET_OBJECT_ACL
                    : query.contains("tagging") ? GET_OBJECT_TAGGING
                    : query.contains("attributes") ? GET_OBJECT_ATTRIBUTES
                    : hasObjectSubresource(query) ? UNKNOWN : GET_OBJECT;
            case "HEAD" -> hasObjectSubresource(query) ? UNKNOWN : HEAD_OBJECT;
            case "PUT" -> query.contains("uploadId") && query.contains("partNumber") ? (copy ? UPLOAD_PART_COPY : UPLOAD_PART)
                    : query.contains("acl") ? PUT_OBJECT_ACL
                    : query.contains("tagging") ? PUT_OBJECT_TAGGING
                    : hasObjectSubresource(query) ? UNKNOWN
                    : copy ? COPY_OBJECT : PUT_OBJECT;
            case "POST" -> query.contains("uploads") ? CREATE_MULTIPART_UPLOAD
                    : query.contains("uploadId") ? COMPLETE_MULTIPART_UPLOAD
                    : query.contains("restore") ? RESTORE_OBJECT
                    : query.contains("select") ? SELECT_OBJECT_CONTENT
                    : UNKNOWN;
            case "DELETE" -> query.contains("uploadId") ? ABORT_MULTIPART_UPLOAD
                    : query.contains("tagging") ? DELETE_OBJECT_TAGGING
                    : hasObjectSubresource(query) ? UNKNOWN : DELETE_OBJECT;
            default -> UNKNOWN;
        };
    }

    /** Object sub-resources this classification does not name (retention, legal-hold, torrent…): denied. */
    private static boolean hasObjectSubresource(Set<String> query) {
        for (String name : query) {
            if (!Set.of("versionId", "partNumber", "x-id", "response-content-type", "response-content-language",
                    "response-expires", "response-cache-control", "response-content-disposition",
                    "response-content-encoding").contains(name) && !name.toLowerCase(Locale.ROOT).startsWith("x-amz-")) {
                return true;
            }
        }
        return false;
    }

    /** The operation of the request the current thread is serving; empty outside a request. */
    public static Optional<S3ApiOperation> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Marks the current thread as serving a request of this operation; returns what it served before. */
    S3ApiOperation begin() {
        S3ApiOperation previous = CURRENT.get();
        CURRENT.set(this);
        return previous;
    }

    /** Ends what {@link #begin()} started. */
    static void end(S3ApiOperation previous) {
        CURRENT.set(previous);
    }
}

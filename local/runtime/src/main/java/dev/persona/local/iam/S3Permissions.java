package dev.persona.local.iam;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.persona.local.servers.S3ApiOperation;
import dev.persona.local.servers.S3Request;

/**
 * What S3 requires of the caller for each request, as the service authorization reference for Amazon S3 and the
 * S3 API reference define it: the actions on the request's own resource (the object, the bucket, or the service),
 * on the source of a copy, and on the bucket's KMS key for SSE-KMS, each with the condition keys S3 puts in the
 * request context.
 *
 * <ul>
 *   <li>Reading or deleting a specific version needs the {@code …Version} action ({@code s3:GetObjectVersion},
 *   {@code s3:DeleteObjectVersion}…), a PUT with tags or an ACL also {@code s3:PutObjectTagging} or
 *   {@code s3:PutObjectAcl}.</li>
 *   <li>A multipart upload is {@code s3:PutObject} from creation to completion; abandoning it is
 *   {@code s3:AbortMultipartUpload} and listing its parts {@code s3:ListMultipartUploadParts}. Checksums add
 *   nothing.</li>
 *   <li>SSE-KMS (the API reference's permissions of PutObject, GetObject, CopyObject, CreateMultipartUpload and
 *   UploadPart): writing needs {@code kms:GenerateDataKey} on the key, reading {@code kms:Decrypt}; in a multipart
 *   upload the creation needs {@code kms:GenerateDataKey} and the parts {@code kms:Decrypt}, as does completing
 *   it, since S3 reads the encrypted parts back. KMS sees the request through S3 ({@code kms:ViaService}) with the
 *   bucket's ARN as encryption context (S3 Bucket Keys).</li>
 *   <li>Listings carry {@code s3:prefix}, {@code s3:delimiter} and {@code s3:max-keys}; every request
 *   {@code s3:authType}, {@code s3:signatureversion} and {@code aws:SecureTransport}.</li>
 * </ul>
 *
 * <p>{@link S3ApiOperation#UNKNOWN} requires what no policy of the model grants, so it is denied: the gate fails
 * closed. DeleteObjects is authorized key by key, as S3 does ({@link #deleteObject}).
 */
final class S3Permissions {

    /** An action the request needs on a resource. */
    record Requirement(String action, String resource, RequestContext context) {
    }

    /** {@code kms:ViaService} as S3 calls KMS. */
    private final String viaService;
    private final String partition;
    private final Function<String, Optional<String>> bucketKeys;

    /**
     * @param bucketKeys the KMS key ARN a bucket encrypts its objects with (SSE-KMS), if any
     */
    S3Permissions(String partition, String region, Function<String, Optional<String>> bucketKeys) {
        this.partition = partition;
        this.viaService = "s3." + region + ".amazonaws.com";
        this.bucketKeys = bucketKeys;
    }

    List<Requirement> of(S3Request request, String callerAccount) {
        RequestContext context = context(request);
        List<Requirement> needs = new ArrayList<>();
        String bucket = request.bucket();
        String object = bucket == null || request.key() == null ? null : objectArn(bucket, request.key());
        boolean version = request.queryValue("versionId") != null;
        switch (request.operation()) {
            case LIST_BUCKETS -> needs.add(new Requirement("s3:ListAllMyBuckets", "*", context));
            case LIST_OBJECTS, LIST_OBJECTS_V2, HEAD_BUCKET -> needs.add(onBucket("s3:ListBucket", request, listing(request, context)));
            case LIST_OBJECT_VERSIONS -> needs.add(onBucket("s3:ListBucketVersions", request, listing(request, context)));
            case LIST_MULTIPART_UPLOADS -> needs.add(onBucket("s3:ListBucketMultipartUploads", request, context));
            case CREATE_BUCKET -> needs.add(onBucket("s3:CreateBucket", request, context));
            case DELETE_BUCKET -> needs.add(onBucket("s3:DeleteBucket", request, context));
            case GET_BUCKET_LOCATION -> needs.add(onBucket("s3:GetBucketLocation", request, context));
            case GET_BUCKET_POLICY -> needs.add(onBucket("s3:GetBucketPolicy", request, context));
            case PUT_BUCKET_POLICY -> needs.add(onBucket("s3:PutBucketPolicy", request, context));
            case DELETE_BUCKET_POLICY -> needs.add(onBucket("s3:DeleteBucketPolicy", request, context));
            case GET_BUCKET_ACL -> needs.add(onBucket("s3:GetBucketAcl", request, context));
            case PUT_BUCKET_ACL -> needs.add(onBucket("s3:PutBucketAcl", request, context));
            case GET_BUCKET_VERSIONING -> needs.add(onBucket("s3:GetBucketVersioning", request, context));
            case PUT_BUCKET_VERSIONING -> needs.add(onBucket("s3:PutBucketVersioning", request, context));
            case GET_BUCKET_ENCRYPTION -> needs.add(onBucket("s3:GetEncryptionConfiguration", request, context));
            case PUT_BUCKET_ENCRYPTION, DELETE_BUCKET_ENCRYPTION ->
                    needs.add(onBucket("s3:PutEncryptionConfiguration", request, context));
            case GET_BUCKET_CORS -> needs.add(onBucket("s3:GetBucketCORS", request, context));
            case PUT_BUCKET_CORS, DELETE_BUCKET_CORS -> needs.add(onBucket("s3:PutBucketCORS", request, context));
            case GET_BUCKET_LIFECYCLE -> needs.add(onBucket("s3:GetLifecycleConfiguration", request, context));
            case PUT_BUCKET_LIFECYCLE, DELETE_BUCKET_LIFECYCLE ->
                    needs.add(onBucket("s3:PutLifecycleConfiguration", request, context));
            case GET_BUCKET_TAGGING -> needs.add(onBucket("s3:GetBucketTagging", request, context));
            case PUT_BUCKET_TAGGING, DELETE_BUCKET_TAGGING -> needs.add(onBucket("s3:PutBucketTagging", request, context));
            case GET_BUCKET_NOTIFICATION -> needs.add(onBucket("s3:GetBucketNotification", request, context));
            case PUT_BUCKET_NOTIFICATION -> needs.add(onBucket("s3:PutBucketNotification", request, context));
            // Key by key, in the store: the request itself needs nothing more than valid credentials.
            case DELETE_OBJECTS, OPTIONS_PREFLIGHT -> {
            }
            case GET_OBJECT, SELECT_OBJECT_CONTENT -> {
                needs.add(new Requirement(version ? "s3:GetObjectVersion" : "s3:GetObject", object, versioned(request, context)));
                key(needs, bucket, "kms:Decrypt", context, callerAccount);
            }
            case HEAD_OBJECT -> needs.add(new Requirement(version ? "s3:GetObjectVersion" : "s3:GetObject", object,
                    versioned(request, context)));
            case GET_OBJECT_ATTRIBUTES -> {
                needs.add(new Requirement(version ? "s3:GetObjectVersion" : "s3:GetObject", object, versioned(request, context)));
                needs.add(new Requirement(version ? "s3:GetObjectVersionAttributes" : "s3:GetObjectAttributes", object,
                        versioned(request, context)));
            }
            case GET_OBJECT_ACL -> needs.add(new Requirement(version ? "s3:GetObjectVersionAcl" : "s3:GetObjectAcl",
                    object, versioned(request, context)));
            case PUT_OBJECT_ACL -> needs.add(new Requirement(version ? "s3:PutObjectVersionAcl" : "s3:PutObjectAcl",
                    object, versioned(request, context)));
            case GET_OBJECT_TAGGING -> needs.add(new Requirement(version ? "s3:GetObjectVersionTagging"
                    : "s3:GetObjectTagging", object, versioned(request, context)));
            case PUT_OBJECT_TAGGING -> needs.add(new Requirement(version ? "s3:PutObjectVersionTagging"
                    : "s3:PutObjectTagging", object, versioned(request, context)));
            case DELETE_OBJECT_TAGGING -> needs.add(new Requirement(version ? "s3:DeleteObjectVersionTagging"
                    : "s3:DeleteObjectTagging", object, versioned(request, context)));
            case PUT_OBJECT, POST_OBJECT, CREATE_MULTIPART_UPLOAD -> {
                write(needs, request, object, context);
                key(needs, bucket, "kms:GenerateDataKey", context, callerAccount);
            }
            case COPY_OBJECT -> {
                write(needs, request, object, context);
                key(needs, bucket, "kms:GenerateDataKey", context, callerAccount);
                copySource(needs, request, context, callerAccount);
            }
            case UPLOAD_PART, COMPLETE_MULTIPART_UPLOAD -> {
                needs.add(new Requirement("s3:PutObject", object, context));
                key(needs, bucket, "kms:Decrypt", context, callerAccount);
            }
            case UPLOAD_PART_COPY -> {
                needs.add(new Requirement("s3:PutObject", object, context));
                key(needs, bucket, "kms:Decrypt", context, callerAccount);
                copySource(needs, request, context, callerAccount);
            }
            case ABORT_MULTIPART_UPLOAD -> needs.add(new Requirement("s3:AbortMultipartUpload", object, context));
            case LIST_PARTS -> needs.add(new Requirement("s3:ListMultipartUploadParts", object, context));
            case DELETE_OBJECT -> needs.add(new Requirement(version ? "s3:DeleteObjectVersion" : "s3:DeleteObject",
                    object, versioned(request, context)));
            case RESTORE_OBJECT -> needs.add(new Requirement("s3:RestoreObject", object, context));
            case UNKNOWN -> needs.add(new Requirement("s3:UnknownOperation", bucket == null ? "*" : bucketArn(bucket),
                    context));
        }
        return needs;
    }

    /** What deleting one key of a DeleteObjects request needs. */
    Requirement deleteObject(String bucket, String key, String versionId, RequestContext context) {
        return new Requirement(versionId == null ? "s3:DeleteObject" : "s3:DeleteObjectVersion", objectArn(bucket, key),
                versionId == null ? context : context.with("s3:versionid", versionId));
    }

    String objectArn(String bucket, String key) {
        return "arn:" + partition + ":s3:::" + bucket + "/" + key;
    }

    String bucketArn(String bucket) {
        return "arn:" + partition + ":s3:::" + bucket;
    }

    /** The condition keys every S3 request carries. */
    RequestContext context(S3Request request) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("aws:SecureTransport", "false");
        values.put("aws:SourceIp", "127.0.0.1");
        if (request.authType() != null) {
            values.put("s3:authType", request.authType());
            values.put("s3:signatureversion", "AWS4-HMAC-SHA256");
        }
        String contentSha = request.header().apply("x-amz-content-sha256");
        if (contentSha != null) {
            values.put("s3:x-amz-content-sha256", contentSha);
        }
        return RequestContext.of(values);
    }

    private Requirement onBucket(String action, S3Request request, RequestContext context) {
        return new Requirement(action, bucketArn(request.bucket()), context);
    }

    private static RequestContext listing(S3Request request, RequestContext context) {
        RequestContext listing = context;
        for (String key : List.of("prefix", "delimiter", "max-keys")) {
            String value = request.queryValue(key);
            if (value != null) {
                listing = listing.with("s3:" + key, value);
            }
        }
        return listing;
    }

    private static RequestContext versioned(S3Request request, RequestContext context) {
        String versionId = request.queryValue("versionId");
        return versionId == null ? context : context.with("s3:versionid", versionId);
    }

    /** A write, with the tagging and ACL it sets through headers (or, for a POST, form fields). */
    private static void write(List<Requirement> needs, S3Request request, String object, RequestContext context) {
        needs.add(new Requirement("s3:PutObject", object, context));
        boolean tagging = request.header().apply("x-amz-tagging") != null || request.formFields().containsKey("tagging");
        boolean acl = request.header().apply("x-amz-acl") != null || request.formFields().containsKey("acl")
                || hasGrantHeader(request);
        if (tagging) {
            needs.add(new Requirement("s3:PutObjectTagging", object, context));
        }
        if (acl) {
            needs.add(new Requirement("s3:PutObjectAcl", object, context));
        }
    }

    private static boolean hasGrantHeader(S3Request request) {
        for (String grant : List.of("x-amz-grant-read", "x-amz-grant-write", "x-amz-grant-read-acp",
                "x-amz-grant-write-acp", "x-amz-grant-full-control")) {
            if (request.header().apply(grant) != null) {
                return true;
            }
        }
        return false;
    }

    /** The source of a copy: read (its version) and decrypt with the source bucket's key. */
    private void copySource(List<Requirement> needs, S3Request request, RequestContext context, String callerAccount) {
        String header = request.header().apply("x-amz-copy-source");
        String source = URLDecoder.decode(header.startsWith("/") ? header.substring(1) : header, StandardCharsets.UTF_8);
        String versionId = null;
        int query = source.indexOf("?versionId=");
        if (query >= 0) {
            versionId = source.substring(query + "?versionId=".length());
            source = source.substring(0, query);
        }
        int slash = source.indexOf('/');
        if (slash <= 0 || slash == source.length() - 1) {
            throw new IllegalArgumentException("x-amz-copy-source is not bucket/key: " + header);
        }
        String sourceBucket = source.substring(0, slash);
        needs.add(new Requirement(versionId == null ? "s3:GetObject" : "s3:GetObjectVersion",
                objectArn(sourceBucket, source.substring(slash + 1)),
                versionId == null ? context : context.with("s3:versionid", versionId)));
        key(needs, sourceBucket, "kms:Decrypt", context, callerAccount);
    }

    /** The KMS action on the bucket's key when the bucket encrypts with one (SSE-KMS). */
    private void key(List<Requirement> needs, String bucket, String action, RequestContext context,
            String callerAccount) {
        bucketKeys.apply(bucket).ifPresent(keyArn -> needs.add(new Requirement(action, keyArn, RequestContext.of(Map.of(
                "kms:ViaService", viaService,
                "kms:CallerAccount", callerAccount,
                "kms:EncryptionContext:aws:s3:arn", bucketArn(bucket))).with("aws:SecureTransport",
                context.value("aws:SecureTransport")))));
    }
}

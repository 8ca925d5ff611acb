package dev.persona.local.sts;

import java.util.List;
import java.util.Optional;

import dev.persona.local.servers.S3ApiOperation;

/** The IAM actions S3 requires for each operation, and on which resource. */
final class S3Actions {

    static final String PUT_OBJECT = "s3:PutObject";
    static final String GET_OBJECT = "s3:GetObject";
    static final String DELETE_OBJECT = "s3:DeleteObject";

    private S3Actions() {
    }

    /** What an operation is authorized against: the object, its bucket, or the whole service. */
    enum Scope { OBJECT, BUCKET, SERVICE }

    /**
     * The actions one request needs on its own resource.
     *
     * @param actions every one of them must be allowed; empty when the operation is authorized per object
     *                it touches instead (DeleteObjects: {@code s3:DeleteObject} for each key)
     * @param scope   the resource they are checked on
     */
    record Requirement(List<String> actions, Scope scope) {
    }

    /** The requirement of an operation; empty for one no credentials are authorized for. */
    static Optional<Requirement> of(S3ApiOperation operation) {
        return Optional.ofNullable(switch (operation) {
            // A multipart upload is one PutObject to IAM, from creation to completion; so are copies (the
            // source needs s3:GetObject too, checked on the source itself).
            case PUT_OBJECT, POST_OBJECT, COPY_OBJECT, CREATE_MULTIPART_UPLOAD, UPLOAD_PART, UPLOAD_PART_COPY,
                    COMPLETE_MULTIPART_UPLOAD -> object(PUT_OBJECT);
            case ABORT_MULTIPART_UPLOAD -> object("s3:AbortMultipartUpload");
            case LIST_PARTS -> object("s3:ListMultipartUploadParts");
            case GET_OBJECT, HEAD_OBJECT -> object(GET_OBJECT);
            case GET_OBJECT_ATTRIBUTES -> object(GET_OBJECT, "s3:GetObjectAttributes");
            case DELETE_OBJECT -> object(DELETE_OBJECT);
            case DELETE_OBJECTS -> new Requirement(List.of(), Scope.BUCKET);
            case GET_OBJECT_ACL -> object("s3:GetObjectAcl");
            case PUT_OBJECT_ACL -> object("s3:PutObjectAcl");
            case LIST_OBJECTS, HEAD_BUCKET -> bucket("s3:ListBucket");
            case LIST_OBJECT_VERSIONS -> bucket("s3:ListBucketVersions");
            case LIST_MULTIPART_UPLOADS -> bucket("s3:ListBucketMultipartUploads");
            case CREATE_BUCKET -> bucket("s3:CreateBucket");
            case DELETE_BUCKET -> bucket("s3:DeleteBucket");
            case GET_BUCKET_LOCATION -> bucket("s3:GetBucketLocation");
            case GET_BUCKET_POLICY -> bucket("s3:GetBucketPolicy");
            case GET_BUCKET_ACL -> bucket("s3:GetBucketAcl");
            case PUT_BUCKET_ACL -> bucket("s3:PutBucketAcl");
            case GET_BUCKET_VERSIONING -> bucket("s3:GetBucketVersioning");
            case PUT_BUCKET_VERSIONING -> bucket("s3:PutBucketVersioning");
            case GET_BUCKET_ENCRYPTION -> bucket("s3:GetEncryptionConfiguration");
            case PUT_BUCKET_ENCRYPTION, DELETE_BUCKET_ENCRYPTION -> bucket("s3:PutEncryptionConfiguration");
            case LIST_BUCKETS -> new Requirement(List.of("s3:ListAllMyBuckets"), Scope.SERVICE);
            // S3 answers CORS preflight requests without credentials; signed, they are nothing to authorize.
            case OPTIONS_OBJECT -> null;
        });
    }

    static String objectArn(String partition, String bucket, String key) {
        return "arn:" + partition + ":s3:::" + bucket + "/" + key;
    }

    static String bucketArn(String partition, String bucket) {
        return "arn:" + partition + ":s3:::" + bucket;
    }

    private static Requirement object(String... actions) {
        return new Requirement(List.of(actions), Scope.OBJECT);
    }

    private static Requirement bucket(String action) {
        return new Requirement(List.of(action), Scope.BUCKET);
    }
}

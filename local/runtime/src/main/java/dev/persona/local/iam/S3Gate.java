package dev.persona.local.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.persona.local.servers.AccessKeyResolver;
import dev.persona.local.servers.S3GateException;
import dev.persona.local.servers.S3Request;
import dev.persona.local.servers.S3RequestGate;
import org.gaul.s3proxy.AccessGrant;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;

/**
 * The local S3's IAM: every request authenticated and authorized for its caller before S3Proxy serves it, with
 * the errors S3 answers. An anonymous request is denied (the bucket is private), an unknown key is
 * {@code InvalidAccessKeyId}, a temporary key without its own token {@code InvalidToken}, an expired one
 * {@code ExpiredToken}, a request the caller's policies do not allow {@code AccessDenied}, S3's own message
 * included. As S3 does, it checks permissions before anything else about the request, so a caller without the
 * permission learns nothing about what is there.
 *
 * <p>It is also the S3 server's key resolver: it gives S3Proxy each key's secret (S3Proxy checks the signature),
 * and for role sessions a store that authorizes each key of a DeleteObjects request and reports the denied ones.
 */
public final class S3Gate implements S3RequestGate, AccessKeyResolver {

    private final LocalIam iam;
    private final S3Permissions permissions;

    /**
     * @param bucketKeys the KMS key ARN each SSE-KMS bucket encrypts its objects with
     */
    public S3Gate(LocalIam iam, Map<String, String> bucketKeys) {
        this.iam = iam;
        Map<String, String> keys = Map.copyOf(bucketKeys);
        this.permissions = new S3Permissions(iam.names().partition(), iam.region(),
                bucket -> Optional.ofNullable(keys.get(bucket)));
    }

    @Override
    public void check(S3Request request) {
        if (request.accessKeyId() == null) {
            throw S3GateException.accessDenied("Access Denied");
        }
        Caller caller;
        try {
            caller = iam.authenticate(request.accessKeyId(), request.securityToken());
        } catch (CredentialsException e) {
            throw switch (e.reason()) {
                case UNKNOWN_ACCESS_KEY -> new S3GateException(403, "InvalidAccessKeyId",
                        "The AWS Access Key Id you provided does not exist in our records.");
                case INVALID_TOKEN -> new S3GateException(400, "InvalidToken",
                        "The provided token is malformed or otherwise invalid.");
                case EXPIRED_TOKEN -> new S3GateException(400, "ExpiredToken", "The provided token has expired.");
            };
        }
        try {
            for (S3Permissions.Requirement need : permissions.of(request, iam.account())) {
                iam.authorize(caller, need.action(), need.resource(), need.context());
            }
        } catch (AccessDeniedException e) {
            throw S3GateException.accessDenied(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new S3GateException(400, "InvalidArgument", e.getMessage());
        }
    }

    @Override
    public AccessGrant resolve(String accessKeyId, String bucket, String key, BlobStore store) {
        return iam.find(accessKeyId)
                .map(caller -> new AccessGrant(caller.secretAccessKey(),
                        caller instanceof Caller.RoleSession ? new KeyByKeyDeletion(store, caller) : store))
                .orElse(null);
    }

    /** A role session's view of the store: DeleteObjects deletes the keys the session may delete, and no others. */
    private final class KeyByKeyDeletion extends ForwardingBlobStore {

        private final Caller caller;

        KeyByKeyDeletion(BlobStore store, Caller caller) {
            super(store);
            this.caller = caller;
        }

        @Override
        public void close() {
            // A request's view does not own the server's store.
        }

        /** As S3 does: each key needs its own permission, and a denied key is reported, not the request. */
        @Override
        public DeleteObjectsResponse removeBlobs(DeleteObjectsRequest request) {
            List<ObjectIdentifier> allowed = new ArrayList<>();
            List<S3Error> denied = new ArrayList<>();
            RequestContext context = RequestContext.of(Map.of("aws:SecureTransport", "false"));
            for (ObjectIdentifier object : request.delete().objects()) {
                S3Permissions.Requirement need = permissions.deleteObject(request.bucket(), object.key(),
                        object.versionId(), context);
                if (iam.allows(caller, need.action(), need.resource(), need.context())) {
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
    }
}

package dev.persona.local.servers;

import org.gaul.s3proxy.AccessGrant;
import org.gaul.s3proxy.blobstore.BlobStore;

/**
 * Access keys a {@link LocalS3Server} accepts besides its own static one, for example temporary session
 * credentials, each with what it may do.
 */
@FunctionalInterface
public interface AccessKeyResolver {

    /**
     * Resolves the access key of one request. Called once per request, before S3Proxy checks the
     * signature, so the grant may be specific to the request.
     *
     * @param accessKeyId the key the request is signed with
     * @param bucket      the request's bucket, or null for requests on the service (ListBuckets)
     * @param key         the request's object key, or null for requests on a bucket
     * @param store       the server's store (after {@link LocalS3Server.Builder#blobStoreDecorator})
     * @return the key's secret and the store its request may use (usually {@code store} behind a decorator
     *         enforcing the key's permissions), or null when the key is unknown, which S3Proxy answers with
     *         403 {@code InvalidAccessKeyId}. May throw an {@code S3Exception} to refuse the request with
     *         that error (for example {@code ExpiredToken}).
     */
    AccessGrant resolve(String accessKeyId, String bucket, String key, BlobStore store);
}

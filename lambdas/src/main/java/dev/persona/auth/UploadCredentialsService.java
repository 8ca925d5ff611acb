package dev.persona.auth;

import java.time.Duration;
import java.util.Map;

import dev.persona.contracts.StorageLayout;

/** Issues upload credentials scoped to the caller's own prefix of the uploads bucket. */
public final class UploadCredentialsService {

    /** The session tag carrying the user id (usable in the role's policies as {@code aws:PrincipalTag/userId}). */
    static final String USER_ID_TAG = "userId";

    private final CredentialsIssuer issuer;
    private final String partition;
    private final String bucket;
    private final String region;
    private final Duration duration;

    public UploadCredentialsService(CredentialsIssuer issuer, String partition, String bucket, String region,
            Duration duration) {
        this.issuer = issuer;
        this.partition = partition;
        this.bucket = bucket;
        this.region = region;
        this.duration = duration;
    }

    public UploadCredentials issue(String userId) {
        String prefix = StorageLayout.userUploadsPrefix(userId);
        CredentialsIssuer.TemporaryCredentials credentials = issuer.issue(new CredentialsIssuer.SessionRequest(
                UploadSessionPolicy.sessionName(userId),
                UploadSessionPolicy.document(partition, region, bucket, userId),
                duration,
                Map.of(USER_ID_TAG, userId)));
        return new UploadCredentials(credentials.accessKeyId(), credentials.secretAccessKey(),
                credentials.sessionToken(), credentials.expiration().toString(), bucket, region, prefix);
    }

    /** The response body of {@code GET /v1/credentials}. */
    public record UploadCredentials(String accessKeyId, String secretAccessKey, String sessionToken,
            String expiration, String bucket, String region, String prefix) {
    }
}

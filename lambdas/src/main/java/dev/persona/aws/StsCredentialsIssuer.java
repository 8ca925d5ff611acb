package dev.persona.aws;

import java.util.List;

import dev.persona.auth.CredentialsIssuer;
import dev.persona.logging.StructuredLogger;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.Tag;

/** {@link CredentialsIssuer} on STS {@code AssumeRole} of one role. */
public final class StsCredentialsIssuer implements CredentialsIssuer {

    /** STS reports the packed policy and tags as a percentage of its limit; warn well before 100. */
    static final int PACKED_SIZE_WARNING_PERCENT = 80;

    private static final StructuredLogger LOG = StructuredLogger.of(StsCredentialsIssuer.class);

    private final StsClient sts;
    private final String roleArn;

    public StsCredentialsIssuer(StsClient sts, String roleArn) {
        this.sts = sts;
        this.roleArn = roleArn;
    }

    @Override
    public TemporaryCredentials issue(SessionRequest request) {
        List<Tag> tags = request.sessionTags().entrySet().stream()
                .map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build())
                .toList();
        AssumeRoleResponse response = sts.assumeRole(assume -> assume
                .roleArn(roleArn)
                .roleSessionName(request.sessionName())
                .sourceIdentity(request.sessionName())
                .policy(request.sessionPolicy())
                .durationSeconds(Math.toIntExact(request.duration().toSeconds()))
                .tags(tags));
        Integer packedPercent = response.packedPolicySize();
        if (packedPercent != null && packedPercent >= PACKED_SIZE_WARNING_PERCENT) {
            LOG.warn("session policy and tags near STS's packed size limit", "packedPolicySizePercent", packedPercent);
        }
        Credentials credentials = response.credentials();
        return new TemporaryCredentials(credentials.accessKeyId(), credentials.secretAccessKey(),
                credentials.sessionToken(), credentials.expiration());
    }
}

package dev.persona.local.sts;

import java.time.Instant;

/**
 * Temporary credentials STS issued for one role session, and what they may do.
 *
 * @param accessKeyId     {@code ASIA…}, the key requests are signed with
 * @param secretAccessKey the signing secret
 * @param sessionToken    sent with every request as {@code x-amz-security-token}
 * @param expiration      the first instant the credentials are refused
 * @param roleArn         the assumed role
 * @param assumedRoleArn  {@code arn:aws:sts::{account}:assumed-role/{role}/{session}}, the session's identity
 * @param assumedRoleId   {@code {role id}:{session}}
 * @param sourceIdentity  the source identity set on the session, or null
 * @param permissions     the role's permissions narrowed by the session policy
 */
public record Session(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration,
        String roleArn, String assumedRoleArn, String assumedRoleId, String sourceIdentity,
        SessionPermissions permissions) {

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiration);
    }
}

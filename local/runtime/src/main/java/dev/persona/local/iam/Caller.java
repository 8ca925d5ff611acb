package dev.persona.local.iam;

import java.time.Instant;

/** Who signed a request: the account's own credentials, or a session of a role. */
public sealed interface Caller {

    String accessKeyId();

    String secretAccessKey();

    /** The principal's ARN, as error messages and {@code aws:PrincipalArn} name it. */
    String arn();

    /**
     * The local runtime's own credentials: the account root, which IAM policies do not restrict (what the AWS CLI
     * and the tests' administrative clients use).
     */
    record AccountRoot(String account, String accessKeyId, String secretAccessKey) implements Caller {
        @Override
        public String arn() {
            return "arn:aws:iam::" + account + ":root";
        }
    }

    /**
     * Temporary credentials of one role session: a function's execution role, the state machine's role, or a
     * user's upload session of the uploader role.
     *
     * @param sessionPolicy the policy passed to {@code AssumeRole}, or null for none
     */
    record RoleSession(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration,
            LocalRole role, String sessionName, IamPolicy sessionPolicy, String sourceIdentity) implements Caller {

        @Override
        public String arn() {
            return role.assumedRoleArn(sessionName);
        }

        public String assumedRoleId() {
            return role.id() + ":" + sessionName;
        }

        public boolean isExpiredAt(Instant now) {
            return !now.isBefore(expiration);
        }
    }
}

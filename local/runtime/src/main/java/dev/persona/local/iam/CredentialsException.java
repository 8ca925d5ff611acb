package dev.persona.local.iam;

/** Credentials a service must refuse before it looks at permissions: each service names the reason its own way. */
public final class CredentialsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the credentials are refused. */
    public enum Reason {
        /** No such access key. */
        UNKNOWN_ACCESS_KEY,
        /** A temporary key without its session token, or with another one; or a long-term key with a token. */
        INVALID_TOKEN,
        /** The session has expired. */
        EXPIRED_TOKEN
    }

    private final Reason reason;

    CredentialsException(Reason reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

package dev.persona.auth;

/** A token that does not prove who the caller is; {@link #reason()} is logged, never shown. */
public final class TokenRejectedException extends Exception {

    /** Why a token was refused, in words fit for a log line (never the token or its claims). */
    public enum Reason {
        MISSING_TOKEN,
        OVERSIZED,
        MALFORMED,
        ALGORITHM_NOT_ALLOWED,
        KEY_IN_HEADER,
        CRITICAL_HEADER,
        MISSING_KEY_ID,
        UNTRUSTED_ISSUER,
        UNKNOWN_KEY,
        BAD_SIGNATURE,
        MISSING_EXPIRY,
        EXPIRED,
        NOT_YET_VALID,
        ISSUED_IN_FUTURE,
        WRONG_AUDIENCE,
        WRONG_TOKEN_USE,
        MISSING_SUBJECT,
        INVALID_SUBJECT,
        EMAIL_NOT_VERIFIED
    }

    private final Reason reason;

    public TokenRejectedException(Reason reason) {
        // Rejections are frequent and expected: skip the stack trace.
        super(reason.name(), null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

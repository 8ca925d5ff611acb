package dev.persona.local.identity;

import java.util.Locale;

/**
 * An error the issuer answers with: an OAuth 2.0 error code (RFC 6749 §5.2, RFC 7009 §2.2.1) and its
 * description, sent as problem details (RFC 9457) that also carry {@code error} and {@code error_description},
 * so OAuth clients read it as they read Cognito's JSON errors.
 */
final class OAuthError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;

    OAuthError(int status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
    }

    static OAuthError invalidRequest(String description) {
        return new OAuthError(400, "invalid_request", description);
    }

    static OAuthError invalidGrant(String description) {
        return new OAuthError(400, "invalid_grant", description);
    }

    static OAuthError invalidClient(String description) {
        return new OAuthError(400, "invalid_client", description);
    }

    int status() {
        return status;
    }

    /** The OAuth error code, such as {@code invalid_grant}. */
    String error() {
        return error;
    }

    String description() {
        return getMessage();
    }

    /** {@code urn:persona:problem:invalid-grant}, in the API's problem type scheme. */
    String problemType() {
        return "urn:persona:problem:" + error.replace('_', '-');
    }

    /** {@code Invalid Grant}. */
    String title() {
        StringBuilder title = new StringBuilder();
        for (String word : error.split("_")) {
            if (!title.isEmpty()) {
                title.append(' ');
            }
            title.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
        }
        return title.toString();
    }
}

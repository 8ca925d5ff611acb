package dev.persona.contracts;

/**
 * Keys of the context the authorizer returns; API Gateway passes it to handlers as
 * {@code requestContext.authorizer}.
 */
public final class AuthorizerContext {

    /** Stable user id, unique across issuers; the user's key in every table and S3 prefix. */
    public static final String USER_ID = "userId";
    public static final String EMAIL = "email";
    /** Which issuer signed the token: {@code google}, {@code cognito} or {@code dev}. */
    public static final String PROVIDER = "provider";

    private AuthorizerContext() {
    }
}

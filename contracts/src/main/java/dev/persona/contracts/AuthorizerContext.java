package dev.persona.contracts;

/**
 * Keys of the context the authorizer returns; API Gateway passes it to handlers as
 * {@code requestContext.authorizer}.
 */
public final class AuthorizerContext {

    /** Stable user id, unique across issuers; the user's key in every table and S3 prefix. */
    public static final String USER_ID = "userId";
    public static final String EMAIL = "email";
    /** The token's {@code name} claim, cleaned; absent when the token has none. */
    public static final String NAME = "name";
    /** The token's {@code locale} claim as a BCP 47 tag; absent when the token has none. */
    public static final String LOCALE = "locale";
    /** Which issuer signed the token: {@code google}, {@code cognito} or {@code dev}. */
    public static final String PROVIDER = "provider";

    private AuthorizerContext() {
    }
}

package dev.persona.auth;

/**
 * Who signed a token. Each provider's subjects become user ids in their own namespace, so the same
 * {@code sub} from two providers can never name the same user.
 */
public enum IdentityProvider {
    /** Google ID tokens presented directly: user id {@code google_{sub}}. */
    GOOGLE("google", "google_"),
    /** The Cognito user pool (which may itself federate Google): its {@code sub}, a UUID, is the user id. */
    COGNITO("cognito", ""),
    /** The local development issuer: user id {@code dev_{sub}}. */
    DEV("dev", "dev_");

    private final String wireName;
    private final String userIdPrefix;

    IdentityProvider(String wireName, String userIdPrefix) {
        this.wireName = wireName;
        this.userIdPrefix = userIdPrefix;
    }

    /** The provider as handlers see it in {@code AuthorizerContext.PROVIDER}. */
    public String wireName() {
        return wireName;
    }

    public String userId(String subject) {
        return userIdPrefix + subject;
    }
}

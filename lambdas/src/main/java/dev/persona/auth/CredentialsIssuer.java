package dev.persona.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Mints temporary AWS credentials for one session of the uploader role. */
public interface CredentialsIssuer {

    TemporaryCredentials issue(SessionRequest request);

    /**
     * What the session is for.
     *
     * @param sessionName    the role session name, also used as the source identity
     * @param sessionPolicy  inline policy narrowing the role's permissions
     * @param duration       lifetime of the credentials
     * @param sessionTags    tags on the session (for example the user id)
     */
    record SessionRequest(String sessionName, String sessionPolicy, Duration duration, Map<String, String> sessionTags) {

        public SessionRequest {
            sessionTags = Map.copyOf(sessionTags);
        }
    }

    /** Credentials as STS returns them. */
    record TemporaryCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {
    }
}

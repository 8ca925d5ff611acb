package dev.persona.auth;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.nimbusds.jose.JWSAlgorithm;
import dev.persona.config.Environment;
import dev.persona.contracts.EnvironmentVariables;

/**
 * The authorizer's configuration, read from the environment: which issuers are trusted and which
 * signature algorithms are accepted. An issuer that is not configured is not trusted.
 *
 * <ul>
 *   <li>Google: {@code GOOGLE_CLIENT_IDS}; keys from Google's published certificate set.</li>
 *   <li>Cognito: {@code COGNITO_USER_POOL_ID} (its region is the id's prefix) and
 *       {@code COGNITO_APP_CLIENT_IDS}; keys from {@code {issuer}/.well-known/jwks.json}.</li>
 *   <li>Development: {@code DEV_ISSUER_URL} and {@code DEV_ISSUER_AUDIENCES}; keys from
 *       {@code {issuer}/.well-known/jwks.json} (no discovery round trip: the local issuer serves its key
 *       set there).</li>
 * </ul>
 */
public final class TrustedIssuers {

    static final Set<String> GOOGLE_ISSUERS = Set.of("https://accounts.google.com", "accounts.google.com");
    static final URI GOOGLE_JWKS = URI.create("https://www.googleapis.com/oauth2/v3/certs");
    static final String JWKS_PATH = "/.well-known/jwks.json";

    /** {@code eu-west-1_AbC123}: the region, an underscore, the pool's own id. */
    private static final Pattern USER_POOL_ID = Pattern.compile("([a-z]{2}(?:-[a-z]+)+-\\d+)_[0-9A-Za-z]+");

    private TrustedIssuers() {
    }

    public static List<TrustedIssuer> fromEnvironment(Environment environment) {
        List<TrustedIssuer> issuers = new ArrayList<>();
        List<String> googleClients = environment.list(EnvironmentVariables.GOOGLE_CLIENT_IDS);
        if (!googleClients.isEmpty()) {
            issuers.add(new TrustedIssuer(IdentityProvider.GOOGLE, GOOGLE_ISSUERS, GOOGLE_JWKS,
                    Set.copyOf(googleClients)));
        }
        environment.optional(EnvironmentVariables.COGNITO_USER_POOL_ID).ifPresent(poolId ->
                issuers.add(cognito(poolId, required(environment, EnvironmentVariables.COGNITO_APP_CLIENT_IDS))));
        environment.optional(EnvironmentVariables.DEV_ISSUER_URL).ifPresent(url ->
                issuers.add(development(url, required(environment, EnvironmentVariables.DEV_ISSUER_AUDIENCES))));
        if (issuers.isEmpty()) {
            throw new IllegalStateException("no trusted issuer configured: set " + EnvironmentVariables.GOOGLE_CLIENT_IDS
                    + ", " + EnvironmentVariables.COGNITO_USER_POOL_ID + " or " + EnvironmentVariables.DEV_ISSUER_URL);
        }
        return List.copyOf(issuers);
    }

    /** {@code ALLOWED_JWT_ALGORITHMS}, RS256 by default; only RSA and ECDSA signatures can be allowed. */
    public static Set<JWSAlgorithm> allowedAlgorithms(Environment environment) {
        List<String> names = environment.list(EnvironmentVariables.ALLOWED_JWT_ALGORITHMS);
        if (names.isEmpty()) {
            return Set.of(JWSAlgorithm.RS256);
        }
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
        for (String name : names) {
            JWSAlgorithm algorithm = JWSAlgorithm.parse(name);
            if (!JWSAlgorithm.Family.RSA.contains(algorithm) && !JWSAlgorithm.Family.EC.contains(algorithm)) {
                throw new IllegalStateException(EnvironmentVariables.ALLOWED_JWT_ALGORITHMS
                        + " may only name RSA or ECDSA signature algorithms, not " + name);
            }
            algorithms.add(algorithm);
        }
        return Set.copyOf(algorithms);
    }

    static TrustedIssuer cognito(String poolId, List<String> clientIds) {
        var match = USER_POOL_ID.matcher(poolId);
        if (!match.matches()) {
            throw new IllegalStateException(EnvironmentVariables.COGNITO_USER_POOL_ID
                    + " is not a user pool id (region_id): " + poolId);
        }
        String issuer = "https://cognito-idp." + match.group(1) + ".amazonaws.com/" + poolId;
        return new TrustedIssuer(IdentityProvider.COGNITO, Set.of(issuer), URI.create(issuer + JWKS_PATH),
                Set.copyOf(clientIds));
    }

    static TrustedIssuer development(String issuerUrl, List<String> audiences) {
        URI issuer = URI.create(issuerUrl);
        if (issuer.getScheme() == null || issuer.getHost() == null) {
            throw new IllegalStateException(EnvironmentVariables.DEV_ISSUER_URL + " is not an absolute URL: " + issuerUrl);
        }
        String base = issuerUrl.endsWith("/") ? issuerUrl.substring(0, issuerUrl.length() - 1) : issuerUrl;
        return new TrustedIssuer(IdentityProvider.DEV, Set.of(issuerUrl), URI.create(base + JWKS_PATH),
                Set.copyOf(audiences));
    }

    private static List<String> required(Environment environment, String name) {
        List<String> values = environment.list(name);
        if (values.isEmpty()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return values;
    }
}

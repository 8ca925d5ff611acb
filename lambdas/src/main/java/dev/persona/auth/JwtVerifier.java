package dev.persona.auth;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.persona.auth.TokenRejectedException.Reason;
import dev.persona.contracts.StorageLayout;

/**
 * Decides whether a bearer token proves who the caller is, and who that is.
 *
 * <p>Only signed JWTs (JWS compact form) with an allowed asymmetric algorithm are considered: no
 * {@code alg: none}, no HMAC (whose "secret" an attacker could take from a public key), no key
 * material or key location in the header ({@code jwk}, {@code jku}, {@code x5u}, {@code x5c}) and no
 * {@code crit} extensions, since none are understood. The key comes from the issuer's published set,
 * by {@code kid}. Then {@code exp}, {@code nbf} and {@code iat} are checked with {@link #CLOCK_SKEW},
 * the audience by provider, {@code sub} is required, and an email is only passed on when verified.
 */
public final class JwtVerifier {

    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    /** Google and Cognito tokens are 1–2 KB; a much larger one is not theirs and costs time to parse. */
    static final int MAX_TOKEN_CHARS = 8 * 1024;

    private final Map<String, IssuerKeys> issuersByName;
    private final List<IssuerKeys> issuers;
    private final Set<JWSAlgorithm> allowedAlgorithms;
    private final Clock clock;

    public JwtVerifier(List<TrustedIssuer> trusted, Set<JWSAlgorithm> allowedAlgorithms, JwkSetFetcher fetcher,
            Clock clock) {
        Map<String, IssuerKeys> byName = new HashMap<>();
        List<IssuerKeys> all = new ArrayList<>();
        for (TrustedIssuer issuer : trusted) {
            IssuerKeys keys = new IssuerKeys(issuer, fetcher, clock);
            all.add(keys);
            issuer.issuerNames().forEach(name -> byName.put(name, keys));
        }
        this.issuersByName = Map.copyOf(byName);
        this.issuers = List.copyOf(all);
        this.allowedAlgorithms = Set.copyOf(allowedAlgorithms);
        this.clock = clock;
    }

    /**
     * Fetches every issuer's keys (in parallel: cold start time is the slowest fetch, not the sum) and
     * runs one verification through the whole path, so the first real request finds keys, verifiers
     * and classes ready.
     */
    public void warmUp() {
        List<Thread> fetches = issuers.stream()
                .map(keys -> Thread.ofPlatform().name("jwks-" + keys.issuer().provider().wireName())
                        .start(keys::refreshIfAllowed))
                .toList();
        for (Thread fetch : fetches) {
            try {
                fetch.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        issuers.forEach(this::exercise);
    }

    public AuthenticatedUser verify(String token) throws TokenRejectedException {
        if (token == null || token.isBlank()) {
            throw new TokenRejectedException(Reason.MISSING_TOKEN);
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new TokenRejectedException(Reason.OVERSIZED);
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            // Parsing as JWS refuses unsecured (alg none) and encrypted (JWE) tokens outright.
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new TokenRejectedException(Reason.MALFORMED);
        }
        JWSHeader header = jwt.getHeader();
        checkHeader(header);
        IssuerKeys issuer = issuersByName.get(claims.getIssuer());
        if (issuer == null) {
            throw new TokenRejectedException(Reason.UNTRUSTED_ISSUER);
        }
        IssuerKeys.VerificationKey key = issuer.find(header.getKeyID());
        if (key == null || !key.accepts(header.getAlgorithm())) {
            throw new TokenRejectedException(Reason.UNKNOWN_KEY);
        }
        try {
            if (!jwt.verify(key.verifier())) {
                throw new TokenRejectedException(Reason.BAD_SIGNATURE);
            }
        } catch (JOSEException e) {
            throw new TokenRejectedException(Reason.BAD_SIGNATURE);
        }
        return identify(claims, issuer.issuer());
    }

    private void checkHeader(JWSHeader header) throws TokenRejectedException {
        if (!allowedAlgorithms.contains(header.getAlgorithm())) {
            throw new TokenRejectedException(Reason.ALGORITHM_NOT_ALLOWED);
        }
        if (header.getJWK() != null || header.getJWKURL() != null || header.getX509CertURL() != null
                || header.getX509CertChain() != null) {
            throw new TokenRejectedException(Reason.KEY_IN_HEADER);
        }
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            throw new TokenRejectedException(Reason.CRITICAL_HEADER);
        }
        if (header.getKeyID() == null) {
            throw new TokenRejectedException(Reason.MISSING_KEY_ID);
        }
    }

    /** A claim that is a string; null when absent or of another type (these claims are informative only). */
    private static String stringClaim(JWTClaimsSet claims, String name) {
        return claims.getClaim(name) instanceof String value ? value : null;
    }

    /** The claim checks after the signature: validity period, audience, subject and email. */
    AuthenticatedUser identify(JWTClaimsSet claims, TrustedIssuer issuer) throws TokenRejectedException {
        try {
            checkValidityPeriod(claims);
            checkAudience(claims, issuer);
            String subject = claims.getSubject();
            if (subject == null || subject.isBlank()) {
                throw new TokenRejectedException(Reason.MISSING_SUBJECT);
            }
            String userId = issuer.provider().userId(subject);
            if (!StorageLayout.isValidId(userId)) {
                throw new TokenRejectedException(Reason.INVALID_SUBJECT);
            }
            return new AuthenticatedUser(userId, verifiedEmail(claims, issuer.provider()), issuer.provider(),
                    AuthenticatedUser.cleanName(stringClaim(claims, "name")),
                    AuthenticatedUser.cleanLocale(stringClaim(claims, "locale")));
        } catch (ParseException e) {
            throw new TokenRejectedException(Reason.MALFORMED);
        }
    }

    private void checkValidityPeriod(JWTClaimsSet claims) throws ParseException, TokenRejectedException {
        Instant now = clock.instant();
        Date expiry = claims.getDateClaim("exp");
        if (expiry == null) {
            throw new TokenRejectedException(Reason.MISSING_EXPIRY);
        }
        if (now.minus(CLOCK_SKEW).isAfter(expiry.toInstant())) {
            throw new TokenRejectedException(Reason.EXPIRED);
        }
        Date notBefore = claims.getDateClaim("nbf");
        if (notBefore != null && now.plus(CLOCK_SKEW).isBefore(notBefore.toInstant())) {
            throw new TokenRejectedException(Reason.NOT_YET_VALID);
        }
        Date issuedAt = claims.getDateClaim("iat");
        if (issuedAt != null && now.plus(CLOCK_SKEW).isBefore(issuedAt.toInstant())) {
            throw new TokenRejectedException(Reason.ISSUED_IN_FUTURE);
        }
    }

    /**
     * Google and the dev issuer: {@code aud} names one of our clients. Cognito ID tokens name the app
     * client in {@code aud}; Cognito access tokens have no {@code aud} and name it in {@code client_id}.
     */
    private static void checkAudience(JWTClaimsSet claims, TrustedIssuer issuer)
            throws ParseException, TokenRejectedException {
        if (issuer.provider() == IdentityProvider.COGNITO) {
            String tokenUse = claims.getStringClaim("token_use");
            if ("id".equals(tokenUse)) {
                requireAudience(claims.getAudience(), issuer);
            } else if ("access".equals(tokenUse)) {
                String clientId = claims.getStringClaim("client_id");
                if (clientId == null || !issuer.clientIds().contains(clientId)) {
                    throw new TokenRejectedException(Reason.WRONG_AUDIENCE);
                }
            } else {
                throw new TokenRejectedException(Reason.WRONG_TOKEN_USE);
            }
        } else {
            requireAudience(claims.getAudience(), issuer);
        }
    }

    private static void requireAudience(List<String> audience, TrustedIssuer issuer) throws TokenRejectedException {
        if (audience.stream().noneMatch(issuer.clientIds()::contains)) {
            throw new TokenRejectedException(Reason.WRONG_AUDIENCE);
        }
    }

    /**
     * The email, when the token proves it is verified. A Google or dev token that carries an email it
     * does not vouch for is refused outright; a Cognito one just does not pass the email on.
     */
    private static String verifiedEmail(JWTClaimsSet claims, IdentityProvider provider)
            throws ParseException, TokenRejectedException {
        String email = claims.getStringClaim("email");
        if (email == null) {
            return null;
        }
        Object verified = claims.getClaim("email_verified");
        // Google has sent this claim both as a boolean and as the string "true".
        boolean isVerified = Boolean.TRUE.equals(verified) || "true".equals(verified);
        if (isVerified) {
            return email;
        }
        if (provider == IdentityProvider.COGNITO) {
            return null;
        }
        throw new TokenRejectedException(Reason.EMAIL_NOT_VERIFIED);
    }

    /**
     * Verifies a token for a real key id whose signature cannot match (no private key is at hand), then
     * runs the claim checks on well-formed claims: this loads and links every class of the path.
     */
    private void exercise(IssuerKeys keys) {
        String keyId = keys.anyKeyId();
        IssuerKeys.VerificationKey key = keyId != null ? keys.find(keyId) : null;
        if (key == null) {
            return;
        }
        TrustedIssuer issuer = keys.issuer();
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer.issuerNames().iterator().next())
                .subject("warm-up")
                .audience(issuer.clientIds().iterator().next())
                .claim("token_use", "id")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(CLOCK_SKEW)))
                .build();
        allowedAlgorithms.stream().filter(key::accepts).findFirst().ifPresent(algorithm -> {
            byte[] signature = new byte[256];
            Arrays.fill(signature, (byte) 1);
            String token = new JWSHeader.Builder(algorithm).keyID(keyId).build().toBase64URL() + "."
                    + Base64URL.encode(claims.toString()) + "." + Base64URL.encode(signature);
            try {
                verify(token);
            } catch (TokenRejectedException expected) {
                // The signature is meant not to match.
            }
        });
        try {
            identify(claims, issuer);
        } catch (TokenRejectedException ignored) {
            // Only the work matters here, not the outcome.
        }
    }
}

package dev.persona.api.testing;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Signs test tokens shaped like Google's and Cognito's with keys generated for the test run. */
public final class TestTokens {

    public static final String GOOGLE_CLIENT = "client-123.apps.googleusercontent.com";
    public static final String COGNITO_POOL = "eu-west-1_TestPool1";
    public static final String COGNITO_ISSUER = "https://cognito-idp.eu-west-1.amazonaws.com/" + COGNITO_POOL;
    public static final String COGNITO_CLIENT = "cognitoclient1";

    private TestTokens() {
    }

    public static RSAKey rsaKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sign(RSAKey key, JWTClaimsSet claims) {
        return sign(key, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
    }

    public static String sign(RSAKey key, JWSHeader header, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims of a Google ID token issued now, valid for an hour. */
    public static JWTClaimsSet.Builder google(Instant now, String subject) {
        return idToken("https://accounts.google.com", GOOGLE_CLIENT, now, subject).claim("azp", GOOGLE_CLIENT);
    }

    /** The claims of a Cognito ID token. */
    public static JWTClaimsSet.Builder cognitoId(Instant now, String subject) {
        return idToken(COGNITO_ISSUER, COGNITO_CLIENT, now, subject)
                .claim("token_use", "id")
                .claim("auth_time", now.getEpochSecond());
    }

    /** An ID token with a verified email, issued now and valid for an hour. */
    private static JWTClaimsSet.Builder idToken(String issuer, String audience, Instant now, String subject) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(subject)
                .claim("email", "person@example.com")
                .claim("email_verified", true)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)));
    }

    /** The claims of a Cognito access token: no audience, the client in {@code client_id}. */
    public static JWTClaimsSet.Builder cognitoAccess(Instant now, String subject) {
        return new JWTClaimsSet.Builder()
                .issuer(COGNITO_ISSUER)
                .subject(subject)
                .claim("token_use", "access")
                .claim("client_id", COGNITO_CLIENT)
                .claim("scope", "openid email")
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)));
    }
}

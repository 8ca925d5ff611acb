package dev.persona.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.persona.snapstart.PrimingEvents;

/**
 * The authorizer's priming material: a key pair made in this process, a verifier over the function's own trusted
 * issuers whose only published key is that pair's public half, and a token the pair signed as the first issuer
 * would. Verifying it runs the whole path (parse, header checks, signature, claims) without calling an issuer; the
 * private key lives only as long as priming does.
 */
final class VerifierPriming {

    private static final String KEY_ID = "snapstart-priming";
    private static final Duration LIFETIME = Duration.ofMinutes(5);

    private VerifierPriming() {
    }

    record SignedToken(JwtVerifier verifier, String token) {
    }

    static SignedToken tokenForFirstIssuer(List<TrustedIssuer> trusted, Set<JWSAlgorithm> allowed)
            throws JOSEException {
        JWSAlgorithm algorithm = allowed.contains(JWSAlgorithm.RS256) ? JWSAlgorithm.RS256
                : allowed.stream().sorted((a, b) -> a.getName().compareTo(b.getName())).findFirst().orElseThrow();
        JWK key;
        JWSSigner signer;
        if (JWSAlgorithm.Family.RSA.contains(algorithm)) {
            var rsa = new RSAKeyGenerator(IssuerKeys.MIN_RSA_BITS).keyID(KEY_ID).keyUse(KeyUse.SIGNATURE).generate();
            key = rsa;
            signer = new RSASSASigner(rsa);
        } else {
            var ec = new ECKeyGenerator(Curve.forJWSAlgorithm(algorithm).iterator().next()).keyID(KEY_ID)
                    .keyUse(KeyUse.SIGNATURE).generate();
            key = ec;
            signer = new ECDSASigner(ec);
        }
        JWKSet published = new JWKSet(key.toPublicJWK());
        JwtVerifier verifier = new JwtVerifier(trusted, allowed, jwksUri -> published, Clock.systemUTC());
        TrustedIssuer issuer = trusted.getFirst();
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer.issuerNames().iterator().next())
                .audience(issuer.clientIds().iterator().next())
                .subject(PrimingEvents.USER_ID)
                .claim("token_use", "id")
                .claim("email", PrimingEvents.USER_ID + "@example.invalid")
                .claim("email_verified", true)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(KEY_ID).type(JOSEObjectType.JWT).build(),
                claims);
        jwt.sign(signer);
        return new SignedToken(verifier, jwt.serialize());
    }
}

package dev.persona.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.persona.api.testing.JwksServer;
import dev.persona.api.testing.MutableClock;
import dev.persona.api.testing.TestTokens;
import dev.persona.auth.GoogleJwtAuthorizerHandler.UnauthorizedException;
import dev.persona.auth.TokenRejectedException.Reason;
import dev.persona.contracts.AuthorizerContext;
import dev.persona.contracts.OperationalMetrics;
import dev.persona.metrics.EmfCapture;
import dev.persona.testing.TestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.persona.auth.AuthorizerTestSupport.METHOD_ARN;
import static dev.persona.auth.AuthorizerTestSupport.STAGE_RESOURCE;
import static dev.persona.auth.AuthorizerTestSupport.bearer;
import static dev.persona.auth.AuthorizerTestSupport.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class GoogleJwtAuthorizerHandlerTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final RSAKey GOOGLE_KEY = TestTokens.rsaKey("google-1");
    private static final RSAKey COGNITO_KEY = TestTokens.rsaKey("cognito-1");
    /** Not published anywhere; signs forgeries, once under a kid Google does use. */
    private static final RSAKey ROGUE_KEY = TestTokens.rsaKey("google-1");
    private static final JwksServer GOOGLE_JWKS = new JwksServer(List.of(GOOGLE_KEY.toPublicJWK()));
    private static final JwksServer COGNITO_JWKS = new JwksServer(List.of(COGNITO_KEY.toPublicJWK()));

    private MutableClock clock;
    private JwtVerifier verifier;
    private GoogleJwtAuthorizerHandler handler;

    @BeforeEach
    void createHandler() {
        clock = new MutableClock(NOW);
        verifier = AuthorizerTestSupport.verifier(clock,
                AuthorizerTestSupport.google(GOOGLE_JWKS.jwksUri()),
                AuthorizerTestSupport.cognito(COGNITO_JWKS.jwksUri()));
        handler = new GoogleJwtAuthorizerHandler(verifier);
    }

    @AfterAll
    static void stopServers() {
        GOOGLE_JWKS.close();
        COGNITO_JWKS.close();
    }

    /** One forged, broken or misdirected credential and the reason it must be refused for. */
    record Attack(String name, String authorization, Reason reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Attack> attacks() {
        String valid = TestTokens.sign(GOOGLE_KEY, TestTokens.google(NOW, "1234567890").build());
        String[] parts = valid.split("\\.");
        List<Attack> attacks = new ArrayList<>();
        attacks.add(new Attack("alg none", "Bearer " + Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}")
                + "." + parts[1] + ".", Reason.MALFORMED));
        attacks.add(new Attack("HS256 signed with the public key", "Bearer " + hmacWithPublicKey(), Reason.ALGORITHM_NOT_ALLOWED));
        attacks.add(bearerAttack("expired", google().issueTime(at(-7200)).expirationTime(at(-61)).build(), Reason.EXPIRED));
        attacks.add(bearerAttack("nbf in the future", google().notBeforeTime(at(120)).build(), Reason.NOT_YET_VALID));
        attacks.add(bearerAttack("iat in the future", google().issueTime(at(300)).build(), Reason.ISSUED_IN_FUTURE));
        attacks.add(bearerAttack("no exp", google().expirationTime(null).build(), Reason.MISSING_EXPIRY));
        attacks.add(bearerAttack("exp not a number", google().claim("exp", "tomorrow").build(), Reason.MALFORMED));
        attacks.add(bearerAttack("wrong issuer", google().issuer("https://accounts.google.com.evil.example").build(),
                Reason.UNTRUSTED_ISSUER));
        attacks.add(bearerAttack("wrong audience", google().audience("someone-elses-client").build(), Reason.WRONG_AUDIENCE));
        attacks.add(bearerAttack("no audience", google().audience((String) null).build(), Reason.WRONG_AUDIENCE));
        attacks.add(new Attack("unknown kid", "Bearer " + TestTokens.sign(ROGUE_KEY,
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rotated-away").build(), google().build()),
                Reason.UNKNOWN_KEY));
        attacks.add(new Attack("known kid, someone else's key", "Bearer " + TestTokens.sign(ROGUE_KEY, google().build()),
                Reason.BAD_SIGNATURE));
        attacks.add(new Attack("Cognito's key for a Google issuer", "Bearer " + TestTokens.sign(COGNITO_KEY, google().build()),
                Reason.UNKNOWN_KEY));
        attacks.add(new Attack("tampered payload", "Bearer " + parts[0] + "."
                + Base64URL.encode(google().subject("999").build().toString()) + "." + parts[2], Reason.BAD_SIGNATURE));
        attacks.add(new Attack("tampered signature", "Bearer " + parts[0] + "." + parts[1] + "."
                + flipMiddle(parts[2]), Reason.BAD_SIGNATURE));
        attacks.add(new Attack("signature stripped", "Bearer " + parts[0] + "." + parts[1] + ".", Reason.MALFORMED));
        attacks.add(bearerAttack("email_verified false", google().claim("email_verified", false).build(),
                Reason.EMAIL_NOT_VERIFIED));
        attacks.add(bearerAttack("email without email_verified", google().claim("email_verified", null).build(),
                Reason.EMAIL_NOT_VERIFIED));
        attacks.add(bearerAttack("oversized", google().claim("padding", "x".repeat(9000)).build(), Reason.OVERSIZED));
        attacks.add(bearerAttack("no sub", google().subject(null).build(), Reason.MISSING_SUBJECT));
        attacks.add(bearerAttack("sub that is not a key segment", google().subject("../../other").build(),
                Reason.INVALID_SUBJECT));
        attacks.add(new Attack("embedded jwk", "Bearer " + TestTokens.sign(ROGUE_KEY, new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID("google-1").jwk(ROGUE_KEY.toPublicJWK()).build(), google().build()), Reason.KEY_IN_HEADER));
        attacks.add(new Attack("jku header", "Bearer " + TestTokens.sign(ROGUE_KEY, new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID("google-1").jwkURL(URI.create("https://attacker.example/jwks.json")).build(), google().build()),
                Reason.KEY_IN_HEADER));
        attacks.add(new Attack("x5u header", "Bearer " + TestTokens.sign(ROGUE_KEY, new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID("google-1").x509CertURL(URI.create("https://attacker.example/cert.pem")).build(), google().build()),
                Reason.KEY_IN_HEADER));
        attacks.add(new Attack("unknown crit header", "Bearer " + TestTokens.sign(GOOGLE_KEY,
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("google-1").criticalParams(Set.of("urn:example:policy"))
                        .customParam("urn:example:policy", "strict").build(), google().build()), Reason.CRITICAL_HEADER));
        attacks.add(new Attack("no kid", "Bearer " + TestTokens.sign(GOOGLE_KEY,
                new JWSHeader.Builder(JWSAlgorithm.RS256).build(), google().build()), Reason.MISSING_KEY_ID));
        attacks.add(new Attack("RS512 (not allowed)", "Bearer " + TestTokens.sign(GOOGLE_KEY,
                new JWSHeader.Builder(JWSAlgorithm.RS512).keyID("google-1").build(), google().build()),
                Reason.ALGORITHM_NOT_ALLOWED));
        attacks.add(new Attack("ES256 (not allowed)", "Bearer " + ecdsaSigned(), Reason.ALGORITHM_NOT_ALLOWED));
        attacks.add(new Attack("JWE", "Bearer " + encrypted(), Reason.MALFORMED));
        attacks.add(new Attack("non-JWT garbage", "Bearer not-a-token", Reason.MALFORMED));
        attacks.add(new Attack("three garbage parts", "Bearer a.b.c", Reason.MALFORMED));
        attacks.add(new Attack("binary junk", "Bearer " + new String(new byte[] {(byte) 0xc3, 0x28, 0x00, 0x7f},
                StandardCharsets.ISO_8859_1), Reason.MALFORMED));
        attacks.add(new Attack("empty bearer", "Bearer ", Reason.MISSING_TOKEN));
        attacks.add(new Attack("no Authorization header", null, Reason.MISSING_TOKEN));
        attacks.add(new Attack("Basic credentials", "Basic dXNlcjpwYXNz", Reason.MISSING_TOKEN));
        attacks.add(new Attack("token without scheme", valid, Reason.MISSING_TOKEN));
        attacks.add(new Attack("Cognito token without token_use", "Bearer " + TestTokens.sign(COGNITO_KEY,
                TestTokens.cognitoId(NOW, UUID.randomUUID().toString()).claim("token_use", null).build()),
                Reason.WRONG_TOKEN_USE));
        attacks.add(new Attack("Cognito access token for another client", "Bearer " + TestTokens.sign(COGNITO_KEY,
                TestTokens.cognitoAccess(NOW, UUID.randomUUID().toString()).claim("client_id", "other").build()),
                Reason.WRONG_AUDIENCE));
        attacks.add(new Attack("Cognito ID token for another client", "Bearer " + TestTokens.sign(COGNITO_KEY,
                TestTokens.cognitoId(NOW, UUID.randomUUID().toString()).audience("other").build()),
                Reason.WRONG_AUDIENCE));
        return attacks;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void refusesEveryAttackWithUnauthorizedForTheRightReason(Attack attack) {
        Throwable thrown = catchThrowable(() -> handler.handleRequest(event(attack.authorization(), METHOD_ARN), null));

        assertThat(thrown).isExactlyInstanceOf(UnauthorizedException.class).hasMessage("Unauthorized");
        String token = GoogleJwtAuthorizerHandler.bearerToken(event(attack.authorization(), METHOD_ARN).getHeaders());
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(TokenRejectedException.class, e -> assertThat(e.reason()).isEqualTo(attack.reason()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void eachDenialIsCountedByItsReason(Attack attack) throws Exception {
        List<EmfCapture.Value> values = EmfCapture.during(() -> catchThrowable(() -> handler.handleRequest(
                event(attack.authorization(), METHOD_ARN), new TestContext())));

        assertThat(values).filteredOn(value -> value.name().equals(OperationalMetrics.AUTHORIZER_DENIALS))
                .singleElement().satisfies(value -> {
                    assertThat(value.dimensions()).containsExactly(
                            Map.entry(OperationalMetrics.REASON, attack.reason().name()));
                    assertThat(value.value()).isEqualTo(1);
                });
    }

    @Test
    void theWholeAttackTableEndsInUnauthorizedAndNothingElse() {
        List<Attack> attacks = attacks();
        int unauthorized = 0;
        List<String> otherOutcomes = new ArrayList<>();
        for (Attack attack : attacks) {
            try {
                handler.handleRequest(event(attack.authorization(), METHOD_ARN), null);
                otherOutcomes.add(attack.name() + ": accepted");
            } catch (UnauthorizedException e) {
                unauthorized += "Unauthorized".equals(e.getMessage()) ? 1 : 0;
            } catch (RuntimeException e) {
                otherOutcomes.add(attack.name() + ": " + e);
            }
        }
        assertThat(otherOutcomes).isEmpty();
        assertThat(unauthorized).isEqualTo(attacks.size()).isGreaterThanOrEqualTo(30);
    }

    @Test
    void acceptsAGoogleIdTokenAndAllowsTheWholeStage() {
        IamPolicyResponseV1 response = handler.handleRequest(
                bearer(TestTokens.sign(GOOGLE_KEY, TestTokens.google(NOW, "1234567890").build())), null);

        assertThat(response.getPrincipalId()).isEqualTo("google_1234567890");
        assertThat(response.getContext()).containsExactlyInAnyOrderEntriesOf(Map.of(
                AuthorizerContext.USER_ID, "google_1234567890",
                AuthorizerContext.EMAIL, "person@example.com",
                AuthorizerContext.PROVIDER, "google"));
        assertThat(response.getPolicyDocument()).containsEntry("Version", "2012-10-17");
        Map<String, Object> statement = statementOf(response);
        assertThat(statement).containsEntry("Effect", "Allow").containsEntry("Action", "execute-api:Invoke");
        assertThat((Object[]) statement.get("Resource")).containsExactly(STAGE_RESOURCE);
    }

    @Test
    void cachedPolicyFitsEveryRouteOfTheStage() {
        String token = TestTokens.sign(GOOGLE_KEY, TestTokens.google(NOW, "42").build());
        IamPolicyResponseV1 forJobs = handler.handleRequest(event("Bearer " + token, METHOD_ARN), null);
        IamPolicyResponseV1 forDelete = handler.handleRequest(event("bearer " + token,
                "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/DELETE/v1/me/data"), null);

        assertThat((Object[]) statementOf(forJobs).get("Resource")).containsExactly(STAGE_RESOURCE);
        assertThat((Object[]) statementOf(forDelete).get("Resource")).containsExactly(STAGE_RESOURCE);
    }

    @Test
    void acceptsTheShortGoogleIssuerSpellingAndTokensWithoutEmail() {
        JWTClaimsSet claims = TestTokens.google(NOW, "77").issuer("accounts.google.com")
                .claim("email", null).claim("email_verified", null).build();

        IamPolicyResponseV1 response = handler.handleRequest(bearer(TestTokens.sign(GOOGLE_KEY, claims)), null);

        assertThat(response.getContext()).containsEntry(AuthorizerContext.USER_ID, "google_77")
                .doesNotContainKey(AuthorizerContext.EMAIL);
    }

    @Test
    void toleratesSixtySecondsOfClockSkewAndNoMore() {
        String expiredWithinSkew = TestTokens.sign(GOOGLE_KEY, google().expirationTime(at(-59)).build());
        String notYetValidWithinSkew = TestTokens.sign(GOOGLE_KEY, google().notBeforeTime(at(59)).issueTime(at(59)).build());

        assertThat(handler.handleRequest(bearer(expiredWithinSkew), null).getPrincipalId()).isEqualTo("google_1234567890");
        assertThat(handler.handleRequest(bearer(notYetValidWithinSkew), null).getPrincipalId()).isEqualTo("google_1234567890");
        clock.advance(Duration.ofSeconds(2));
        assertThatThrownBy(() -> handler.handleRequest(bearer(expiredWithinSkew), null))
                .isExactlyInstanceOf(UnauthorizedException.class);
    }

    @Test
    void acceptsCognitoIdAndAccessTokensWithThePoolSubjectAsUserId() {
        String subject = UUID.randomUUID().toString();

        IamPolicyResponseV1 id = handler.handleRequest(
                bearer(TestTokens.sign(COGNITO_KEY, TestTokens.cognitoId(NOW, subject).build())), null);
        IamPolicyResponseV1 access = handler.handleRequest(
                bearer(TestTokens.sign(COGNITO_KEY, TestTokens.cognitoAccess(NOW, subject).build())), null);

        assertThat(id.getContext()).containsEntry(AuthorizerContext.USER_ID, subject)
                .containsEntry(AuthorizerContext.PROVIDER, "cognito")
                .containsEntry(AuthorizerContext.EMAIL, "person@example.com");
        assertThat(access.getContext()).containsEntry(AuthorizerContext.USER_ID, subject)
                .doesNotContainKey(AuthorizerContext.EMAIL);
    }

    @Test
    void cognitoTokenWithUnverifiedEmailIsAcceptedWithoutTheEmail() {
        JWTClaimsSet claims = TestTokens.cognitoId(NOW, UUID.randomUUID().toString())
                .claim("email_verified", false).build();

        IamPolicyResponseV1 response = handler.handleRequest(bearer(TestTokens.sign(COGNITO_KEY, claims)), null);

        assertThat(response.getContext()).doesNotContainKey(AuthorizerContext.EMAIL);
    }

    @Test
    void sameSubjectFromTwoProvidersIsTwoUsers() throws Exception {
        String subject = "1234567890";
        AuthenticatedUser viaGoogle = verifier.verify(TestTokens.sign(GOOGLE_KEY, TestTokens.google(NOW, subject).build()));
        AuthenticatedUser viaCognito = verifier.verify(TestTokens.sign(COGNITO_KEY, TestTokens.cognitoId(NOW, subject).build()));

        assertThat(viaGoogle.userId()).isNotEqualTo(viaCognito.userId());
    }

    @Test
    void aMalformedMethodArnIsUnauthorizedNotAnError() {
        String token = TestTokens.sign(GOOGLE_KEY, TestTokens.google(NOW, "1").build());

        assertThatThrownBy(() -> handler.handleRequest(event("Bearer " + token, "not-an-arn"), null))
                .isExactlyInstanceOf(UnauthorizedException.class).hasMessage("Unauthorized");
    }

    /** The policy as the Lambda runtime serializes it: {@code Statement} is an array of maps. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> statementOf(IamPolicyResponseV1 response) {
        Object[] statements = (Object[]) response.getPolicyDocument().get("Statement");
        assertThat(statements).hasSize(1);
        return (Map<String, Object>) statements[0];
    }

    private static JWTClaimsSet.Builder google() {
        return TestTokens.google(NOW, "1234567890");
    }

    private static Date at(long secondsFromNow) {
        return Date.from(NOW.plusSeconds(secondsFromNow));
    }

    private static Attack bearerAttack(String name, JWTClaimsSet claims, Reason reason) {
        return new Attack(name, "Bearer " + TestTokens.sign(GOOGLE_KEY, claims), reason);
    }

    private static String flipMiddle(String base64) {
        int middle = base64.length() / 2;
        char flipped = base64.charAt(middle) == 'A' ? 'B' : 'A';
        return base64.substring(0, middle) + flipped + base64.substring(middle + 1);
    }

    private static String hmacWithPublicKey() {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("google-1").build(),
                    google().build());
            jwt.sign(new MACSigner(GOOGLE_KEY.toRSAPublicKey().getEncoded()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String ecdsaSigned() {
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256).keyID("google-1").generate();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("google-1").build(),
                    google().build());
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encrypted() {
        try {
            EncryptedJWT jwt = new EncryptedJWT(new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM)
                    .keyID("google-1").build(), google().build());
            jwt.encrypt(new RSAEncrypter(GOOGLE_KEY.toRSAPublicKey()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}

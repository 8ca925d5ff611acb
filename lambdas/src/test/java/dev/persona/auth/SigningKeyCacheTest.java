package dev.persona.auth;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.RSAKey;
import dev.persona.auth.GoogleJwtAuthorizerHandler.UnauthorizedException;
import dev.persona.api.testing.JwksServer;
import dev.persona.api.testing.MutableClock;
import dev.persona.api.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.persona.auth.AuthorizerTestSupport.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The authorizer against a key server that counts fetches: caching, refresh limit, outages. */
class SigningKeyCacheTest {

    private static final Instant START = Instant.parse("2026-11-21T10:00:00Z");
    private static final RSAKey CURRENT = TestTokens.rsaKey("current");
    private static final RSAKey NEXT = TestTokens.rsaKey("next");

    private final MutableClock clock = new MutableClock(START);
    private JwksServer jwks;

    @BeforeEach
    void startKeyServer() {
        jwks = new JwksServer(List.of(CURRENT.toPublicJWK()));
    }

    @AfterEach
    void stopKeyServer() {
        jwks.close();
    }

    @Test
    void fetchesKeysDuringConstructionAndNeverOnTheRequestPathWhileTheyAreKnown() {
        GoogleJwtAuthorizerHandler handler = handler();
        assertThat(jwks.fetches()).isEqualTo(1);

        for (int i = 0; i < 200; i++) {
            handler.handleRequest(bearer(token(CURRENT, "user" + i)), null);
            clock.advance(Duration.ofSeconds(20));
        }

        assertThat(jwks.fetches()).isEqualTo(1);
    }

    @Test
    void unknownKeyIdsRefreshTheSetAtMostOncePerThirtySeconds() {
        GoogleJwtAuthorizerHandler handler = handler();

        for (int i = 0; i < 50; i++) {
            rejected(handler, token(forgedKid("made-up-" + i), "1"));
        }
        assertThat(jwks.fetches()).as("within 30 s of the init fetch").isEqualTo(1);

        clock.advance(Duration.ofSeconds(30));
        for (int i = 0; i < 50; i++) {
            rejected(handler, token(forgedKid("made-up-again-" + i), "1"));
            clock.advance(Duration.ofMillis(500));
        }
        assertThat(jwks.fetches()).as("one refresh for the whole burst").isEqualTo(2);

        clock.advance(Duration.ofSeconds(6));
        rejected(handler, token(forgedKid("later"), "1"));
        assertThat(jwks.fetches()).isEqualTo(3);
    }

    @Test
    void picksUpARotatedKeyOnceTheRefreshWindowAllows() {
        GoogleJwtAuthorizerHandler handler = handler();
        jwks.publish(NEXT.toPublicJWK());
        String signedWithNewKey = token(NEXT, "rotated");

        rejected(handler, signedWithNewKey);
        clock.advance(Duration.ofSeconds(31));

        assertThat(handler.handleRequest(bearer(signedWithNewKey), null).getPrincipalId()).isEqualTo("google_rotated");
        assertThat(jwks.fetches()).isEqualTo(2);
    }

    @Test
    void anOutageKeepsTheCachedKeysWorking() {
        GoogleJwtAuthorizerHandler handler = handler();
        jwks.setDown(true);

        clock.advance(IssuerKeys.MAX_AGE.plusMinutes(1));
        assertThat(handler.handleRequest(bearer(token(CURRENT, "a")), null).getPrincipalId()).isEqualTo("google_a");
        assertThat(jwks.fetches()).as("the stale set was refreshed, unsuccessfully").isEqualTo(2);

        clock.advance(Duration.ofSeconds(31));
        rejected(handler, token(forgedKid("unknown"), "1"));
        assertThat(handler.handleRequest(bearer(token(CURRENT, "b")), null).getPrincipalId()).isEqualTo("google_b");
        assertThat(jwks.fetches()).isEqualTo(3);
    }

    @Test
    void startsDuringAnOutageAndRecoversAfterTheRefreshWindow() {
        jwks.setDown(true);
        GoogleJwtAuthorizerHandler handler = handler();
        String token = token(CURRENT, "early");

        rejected(handler, token);
        jwks.setDown(false);
        clock.advance(Duration.ofSeconds(31));

        assertThat(handler.handleRequest(bearer(token), null).getPrincipalId()).isEqualTo("google_early");
    }

    @Test
    void aSlowKeyServerCostsAtMostTheFetchTimeouts() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            URI neverAnswers = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/jwks.json");
            long started = System.nanoTime();

            GoogleJwtAuthorizerHandler handler = new GoogleJwtAuthorizerHandler(
                    AuthorizerTestSupport.verifier(clock, AuthorizerTestSupport.google(neverAnswers)));

            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(took).isLessThan(HttpJwkSetFetcher.CONNECT_TIMEOUT.plus(HttpJwkSetFetcher.READ_TIMEOUT)
                    .plusSeconds(1));
            rejected(handler, token(CURRENT, "x"));
        }
    }

    @Test
    void aTokenSignedWithTheRightKeyButAnUnlistedAlgorithmNeverTriggersAFetch() {
        GoogleJwtAuthorizerHandler handler = handler();
        clock.advance(Duration.ofMinutes(5));
        String ps256 = TestTokens.sign(CURRENT, new JWSHeader.Builder(JWSAlgorithm.PS256).keyID("unknown").build(),
                TestTokens.google(clock.instant(), "1").build());

        rejected(handler, ps256);

        assertThat(jwks.fetches()).isEqualTo(1);
    }

    private GoogleJwtAuthorizerHandler handler() {
        return new GoogleJwtAuthorizerHandler(AuthorizerTestSupport.verifier(clock,
                AuthorizerTestSupport.google(jwks.jwksUri())));
    }

    private String token(RSAKey key, String subject) {
        return TestTokens.sign(key, TestTokens.google(clock.instant(), subject).build());
    }

    private static RSAKey forgedKid(String keyId) {
        return new RSAKey.Builder(CURRENT).keyID(keyId).build();
    }

    private void rejected(GoogleJwtAuthorizerHandler handler, String token) {
        assertThatThrownBy(() -> handler.handleRequest(bearer(token), null))
                .isExactlyInstanceOf(UnauthorizedException.class);
    }

}

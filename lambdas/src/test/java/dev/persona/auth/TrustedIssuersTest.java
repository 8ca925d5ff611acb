package dev.persona.auth;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import dev.persona.config.Environment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustedIssuersTest {

    @Test
    void trustsExactlyTheConfiguredIssuers() {
        List<TrustedIssuer> issuers = TrustedIssuers.fromEnvironment(Environment.of(Map.of(
                "GOOGLE_CLIENT_IDS", "a.apps.googleusercontent.com, b.apps.googleusercontent.com",
                "COGNITO_USER_POOL_ID", "eu-west-1_AbC123",
                "COGNITO_APP_CLIENT_IDS", "client1")));

        assertThat(issuers).extracting(TrustedIssuer::provider)
                .containsExactly(IdentityProvider.GOOGLE, IdentityProvider.COGNITO);
        assertThat(issuers.get(0).issuerNames()).containsExactlyInAnyOrder("https://accounts.google.com", "accounts.google.com");
        assertThat(issuers.get(0).clientIds()).containsExactlyInAnyOrder("a.apps.googleusercontent.com",
                "b.apps.googleusercontent.com");
        assertThat(issuers.get(1).issuerNames())
                .containsExactly("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123");
        assertThat(issuers.get(1).jwksUri()).isEqualTo(
                URI.create("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123/.well-known/jwks.json"));
    }

    @Test
    void theDevelopmentIssuerPublishesItsKeysAtTheWellKnownPath() {
        List<TrustedIssuer> issuers = TrustedIssuers.fromEnvironment(Environment.of(Map.of(
                "DEV_ISSUER_URL", "http://127.0.0.1:9000/",
                "DEV_ISSUER_AUDIENCES", "persona-local")));

        assertThat(issuers).singleElement().satisfies(issuer -> {
            assertThat(issuer.provider()).isEqualTo(IdentityProvider.DEV);
            assertThat(issuer.issuerNames()).containsExactly("http://127.0.0.1:9000/");
            assertThat(issuer.jwksUri()).isEqualTo(URI.create("http://127.0.0.1:9000/.well-known/jwks.json"));
            assertThat(issuer.clientIds()).containsExactly("persona-local");
        });
    }

    @Test
    void refusesToStartWithoutAnyIssuerOrWithHalfAConfiguration() {
        assertThatThrownBy(() -> TrustedIssuers.fromEnvironment(Environment.of(Map.of())))
                .hasMessageContaining("no trusted issuer");
        assertThatThrownBy(() -> TrustedIssuers.fromEnvironment(Environment.of(Map.of(
                "COGNITO_USER_POOL_ID", "eu-west-1_AbC123")))).hasMessageContaining("COGNITO_APP_CLIENT_IDS");
        assertThatThrownBy(() -> TrustedIssuers.fromEnvironment(Environment.of(Map.of(
                "COGNITO_USER_POOL_ID", "AbC123", "COGNITO_APP_CLIENT_IDS", "c")))).hasMessageContaining("user pool id");
        assertThatThrownBy(() -> TrustedIssuers.fromEnvironment(Environment.of(Map.of(
                "DEV_ISSUER_URL", "http://127.0.0.1:9000")))).hasMessageContaining("DEV_ISSUER_AUDIENCES");
    }

    @Test
    void acceptsRs256OnlyUnlessConfigured() {
        assertThat(TrustedIssuers.allowedAlgorithms(Environment.of(Map.of()))).containsExactly(JWSAlgorithm.RS256);
        assertThat(TrustedIssuers.allowedAlgorithms(Environment.of(Map.of("ALLOWED_JWT_ALGORITHMS", "RS256,ES256"))))
                .isEqualTo(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "RS256,HS512", "none", "EdDSA", "A128KW"})
    void neverAllowsSymmetricUnsignedOrUnsupportedAlgorithms(String configured) {
        assertThatThrownBy(() -> TrustedIssuers.allowedAlgorithms(Environment.of(Map.of(
                "ALLOWED_JWT_ALGORITHMS", configured)))).isInstanceOf(IllegalStateException.class);
    }
}

package dev.persona.http;

import java.util.List;
import java.util.Map;

import dev.persona.config.Environment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CorsTest {

    private final Cors cors = Cors.fromEnvironment(Environment.of(Map.of(
            "ALLOWED_ORIGINS", "https://app.example.com, http://localhost:5173")));

    @Test
    void allowsAConfiguredOriginAndExposesThePollingHeaders() {
        assertThat(cors.headersFor("http://localhost:5173")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Access-Control-Allow-Origin", "http://localhost:5173",
                "Access-Control-Expose-Headers", "ETag, Retry-After, Location",
                "Vary", "Origin"));
    }

    @Test
    void saysNothingToAnotherOriginButStillVariesOnIt() {
        for (String origin : new String[] {"https://evil.example", "https://app.example.com.evil.example",
                "https://APP.example.com", "null", null}) {
            assertThat(cors.headersFor(origin)).as(String.valueOf(origin)).containsExactlyEntriesOf(Map.of("Vary", "Origin"));
        }
    }

    @Test
    void aWildcardAllowsAnyOrigin() {
        assertThat(Cors.allowing(List.of("*")).headersFor("https://anything.example"))
                .containsEntry("Access-Control-Allow-Origin", "*").doesNotContainKey("Vary");
    }

    @ParameterizedTest
    @ValueSource(strings = {"app.example.com", "https://app.example.com/", "https://app.example.com/path",
            "https://user@app.example.com", "not a url"})
    void refusesConfigurationThatIsNotAnOrigin(String configured) {
        assertThatThrownBy(() -> Cors.fromEnvironment(Environment.of(Map.of("ALLOWED_ORIGINS", configured))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ALLOWED_ORIGINS");
    }
}

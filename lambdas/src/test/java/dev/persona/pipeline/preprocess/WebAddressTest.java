package dev.persona.pipeline.preprocess;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class WebAddressTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://www.youtube.com/watch?v=abc#t=1|https://www.youtube.com/watch|www.youtube.com|youtube.com",
        "HTTP://User:Pass@News.BBC.co.uk:80/sport|http://news.bbc.co.uk/sport|news.bbc.co.uk|bbc.co.uk",
        "https://example.com|https://example.com/|example.com|example.com",
        "https://example.com:8443/x|https://example.com:8443/x|example.com|example.com",
        "www.espn.com/nba|https://www.espn.com/nba|www.espn.com|espn.com",
        "https://someone.github.io/repo|https://someone.github.io/repo|someone.github.io|someone.github.io",
        "https://192.168.1.10/admin|https://192.168.1.10/admin|192.168.1.10|192.168.1.10",
        "https://shop.example.com.br/item|https://shop.example.com.br/item|shop.example.com.br|example.com.br",
        "https://localhost/x|https://localhost/x|localhost|localhost"
    })
    void keepsSchemeHostAndPathAndNamesTheRegistrableDomain(String raw, String url, String host, String domain) {
        WebAddress address = WebAddress.parse(raw);
        assertThat(address.url()).isEqualTo(url);
        assertThat(address.host()).isEqualTo(host);
        assertThat(address.domain()).isEqualTo(domain);
    }

    static Stream<Arguments> hostileAddresses() {
        return Stream.of(
                Arguments.of("https://evil.example/\"><svg onload=alert(1)>",
                        "https://evil.example/%22%3E%3Csvg%20onload=alert(1)%3E"),
                Arguments.of("https://evil.example/a'b<script>", "https://evil.example/a%27b%3Cscript%3E"),
                Arguments.of("https://example.com/caf\u00e9 menu", "https://example.com/caf%C3%A9%20menu"),
                Arguments.of("https://example.com/50%25/ok", "https://example.com/50%25/ok"),
                Arguments.of("https://example.com/100%", "https://example.com/100%25"),
                Arguments.of("https://b\u00fccher.example/x", "https://xn--bcher-kva.example/x"),
                Arguments.of("https://example.com/a\\b`c{d}|e^f", "https://example.com/a%5Cb%60c%7Bd%7D%7Ce%5Ef"));
    }

    /** Finding 8 of the security issue: markup in an address must never reach a persona's links. */
    @ParameterizedTest
    @MethodSource("hostileAddresses")
    void theAddressIsAlwaysACleanHttpUrl(String raw, String url) {
        assertThat(WebAddress.parse(raw).url()).isEqualTo(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "mailto:a@b.c", "javascript:alert(1)", "JAVASCRIPT://example.com/%0aalert(1)",
        "data:text/html,<script>alert(1)</script>", "https://exa\"mple.com/", "https://<script>/", "android-app://com.x", "ftp://example.com", "just text",
        "https://", "https:// spaced.com/x", "https://exa mple.com"})
    void refusesWhatIsNotAWebAddress(String raw) {
        assertThat(WebAddress.parse(raw)).isNull();
    }

    /** The table of recently seen hosts never answers for another host, whatever lands in the same slot. */
    @org.junit.jupiter.api.Test
    void recentlySeenHostsKeepTheirOwnDomains() {
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 5_000; i++) {
                String host = "h" + i + (i % 2 == 0 ? ".example.co.uk" : ".site" + i + ".com");
                WebAddress address = WebAddress.parse("https://" + host + "/p" + i);
                assertThat(address.host()).isEqualTo(host);
                assertThat(address.domain()).isEqualTo(i % 2 == 0 ? "example.co.uk" : "site" + i + ".com");
                assertThat(address.domain()).isEqualTo(WebAddress.registrableDomain(host));
            }
        }
    }
}

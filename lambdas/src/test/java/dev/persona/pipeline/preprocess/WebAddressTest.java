package dev.persona.pipeline.preprocess;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

    @ParameterizedTest
    @ValueSource(strings = {"", "mailto:a@b.c", "android-app://com.x", "ftp://example.com", "just text",
        "https://", "https:// spaced.com/x", "https://exa mple.com"})
    void refusesWhatIsNotAWebAddress(String raw) {
        assertThat(WebAddress.parse(raw)).isNull();
    }
}

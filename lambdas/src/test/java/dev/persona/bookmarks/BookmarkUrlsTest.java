package dev.persona.bookmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BookmarkUrlsTest {

    @Test
    void spellingsOfOneAddressNormalizeAlike() {
        String expected = "https://www.example.com/a/b?q=1&r=%2F";
        for (String spelling : new String[] {"https://www.example.com/a/b?q=1&r=%2f",
                "HTTPS://WWW.Example.COM:443/a/./c/../b?q=1&r=%2F#top", "https://www.example.com/%61/b?q=1&r=%2F",
                "  https://www.example.com./a/b?q=1&r=%2F  "}) {
            assertThat(BookmarkUrls.normalize(spelling).url()).as(spelling).isEqualTo(expected);
        }
        assertThat(BookmarkUrls.normalize("http://example.com").url()).isEqualTo("http://example.com/");
        assertThat(BookmarkUrls.normalize("http://example.com:8080/x").url()).isEqualTo("http://example.com:8080/x");
        assertThat(BookmarkUrls.normalize("https://bücher.example/ä b").url())
                .isEqualTo("https://xn--bcher-kva.example/%C3%A4%20b");
        assertThat(BookmarkUrls.normalize("http://[::1]:3000/").url()).isEqualTo("http://[::1]:3000/");
        assertThat(BookmarkUrls.normalize("http://10.0.0.1/").url()).isEqualTo("http://10.0.0.1/");
    }

    @Test
    void whatIsNotAnHttpAddressIsRefusedWithItsReason() {
        assertThat(BookmarkUrls.normalize("javascript:alert(1)").problem()).isEqualTo(BookmarkUrls.Problem.NOT_HTTP);
        assertThat(BookmarkUrls.normalize("/relative/path").problem()).isEqualTo(BookmarkUrls.Problem.NOT_HTTP);
        assertThat(BookmarkUrls.normalize("https://").problem()).isEqualTo(BookmarkUrls.Problem.NO_HOST);
        assertThat(BookmarkUrls.normalize("https://a:b@example.com/").problem())
                .isEqualTo(BookmarkUrls.Problem.CREDENTIALS);
        assertThat(BookmarkUrls.normalize("http://example.com:0/").problem()).isEqualTo(BookmarkUrls.Problem.BAD_PORT);
        assertThat(BookmarkUrls.normalize("http://exa mple.com/").problem()).isEqualTo(BookmarkUrls.Problem.BAD_HOST);
        assertThat(BookmarkUrls.normalize("http://-x-.com/").problem()).isEqualTo(BookmarkUrls.Problem.BAD_HOST);
        assertThat(BookmarkUrls.normalize("https://example.com/" + "a".repeat(2100)).problem())
                .isEqualTo(BookmarkUrls.Problem.TOO_LONG);
        assertThat(BookmarkUrls.normalize(" ").problem()).isEqualTo(BookmarkUrls.Problem.EMPTY);
    }

    @Test
    void idsDependOnTheOwnerAndTheAddress() {
        String a = BookmarkIds.of("google_1", "https://example.com/");
        assertThat(a).matches("[0-9A-HJKMNP-TV-Z]{26}").isEqualTo(BookmarkIds.of("google_1", "https://example.com/"));
        assertThat(BookmarkIds.of("google_2", "https://example.com/")).isNotEqualTo(a);
        assertThat(BookmarkIds.of("google_1", "https://example.com/x")).isNotEqualTo(a);
    }
}

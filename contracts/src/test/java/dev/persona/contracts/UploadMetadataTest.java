package dev.persona.contracts;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UploadMetadataTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Anna            | Anna",
            "Zoë             | Zo%C3%AB",
            "Ben & Co+1      | Ben%20%26%20Co%2B1",
            "100% Kids       | 100%25%20Kids",
            "山田            | %E5%B1%B1%E7%94%B0"})
    void freeTextTravelsAsAsciiAndReadsBackExactly(String text, String stored) {
        assertThat(UploadMetadata.encode(text)).isEqualTo(stored).matches("\\p{ASCII}*");
        assertThat(UploadMetadata.decode(stored)).isEqualTo(text);
    }

    @Test
    void whatJavaScriptsEncodeUriComponentWritesDecodesTheSame() {
        // encodeURIComponent leaves these unescaped; a plus sign it always escapes, so a bare one is a plus.
        assertThat(UploadMetadata.decode("It's(a)*test!~")).isEqualTo("It's(a)*test!~");
        assertThat(UploadMetadata.decode("a+b")).isEqualTo("a+b");
    }

    @Test
    void aMalformedEscapeIsRefused() {
        assertThatThrownBy(() -> UploadMetadata.decode("%zz")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UploadMetadata.decode("100%")).isInstanceOf(IllegalArgumentException.class);
    }
}

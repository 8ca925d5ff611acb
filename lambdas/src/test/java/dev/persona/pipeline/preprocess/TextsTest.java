package dev.persona.pipeline.preprocess;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextsTest {

    @Test
    void everyCharacterOfTheBasicPlaneIsASpaceAControlOrKept() {
        for (char c = 0x80; c < 0xFFFF; c++) {
            if (Character.isSurrogate(c)) {
                continue;
            }
            String expected = Character.isWhitespace(c) || Character.isSpaceChar(c) ? "a b"
                    : Character.isISOControl(c) ? "ab" : "a" + c + "b";
            assertThat(Texts.clean("a" + c + "b", 10)).as("U+%04X", (int) c).isEqualTo(expected);
        }
    }

    @Test
    void collapsesTrimsAndCutsWithAnEllipsis() {
        assertThat(Texts.clean("  two\u00A0\u2003 words\n", 100)).isEqualTo("two words");
        assertThat(Texts.clean("abcdef", 4)).isEqualTo("abc…");
        assertThat(Texts.clean(" \t ", 4)).isNull();
        assertThat(Texts.clean("clean text", 100)).isSameAs(Texts.clean("clean text", 100)).isEqualTo("clean text");
    }
}

package dev.persona.pipeline.categorize;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CharTableTest {

    @Test
    void aPairsHashIsTheHashOfTheTwoWordsJoinedByASpace() {
        char[] text = "premier league table".toCharArray();
        int premier = CharTable.hash(text, 0, 7);
        int league = CharTable.hash(text, 8, 14);
        int power = 1;
        for (int i = 0; i < 6; i++) {
            power *= 31;
        }
        assertThat(CharTable.pairHash(premier, league, power)).isEqualTo(CharTable.hash(text, 0, 14))
                .isEqualTo("premier league".hashCode());
    }

    @Test
    void findsWordsAndPairsByRangeAndMissesEverythingElse() {
        CharTable<String> table = new CharTable<>(4);
        for (int i = 0; i < 5_000; i++) {
            table.put("word" + i, "w" + i);
        }
        table.put("premier league", "pair");
        char[] text = "xx premier league word4999 word5000 premier leagues".toCharArray();
        assertThat(table.size()).isEqualTo(5_001);
        assertThat(table.get(text, 18, 26)).isEqualTo("w4999");
        assertThat(table.get(text, 27, 35)).isNull();
        assertThat(table.get(text, 3, 10)).isNull();
        int premier = CharTable.hash(text, 3, 10);
        assertThat(table.getPair(text, 3, 10, 11, 17, CharTable.pairHash(premier, CharTable.hash(text, 11, 17),
                31 * 31 * 31 * 31 * 31 * 31))).isEqualTo("pair");
        assertThat(table.getPair(text, 36, 43, 44, 51, CharTable.pairHash(premier, CharTable.hash(text, 44, 51),
                31 * 31 * 31 * 31 * 31 * 31 * 31))).isNull();
    }

    @Test
    void theEmptyKeyWhoseHashIsZeroIsStoredAndFound() {
        CharTable<String> table = new CharTable<>(16);
        table.put("", "empty");
        table.put("a", "a");
        assertThat(table.get(new char[0], 0, 0)).isEqualTo("empty");
        assertThat(table.get("a".toCharArray(), 0, 1)).isEqualTo("a");
    }
}

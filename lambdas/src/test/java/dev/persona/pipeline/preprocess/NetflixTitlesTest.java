package dev.persona.pipeline.preprocess;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class NetflixTitlesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "The Crown: Season 1: Wolferton Splash (Episode 1)|The Crown|Season 1|Wolferton Splash (Episode 1)",
        "Stranger Things: Stranger Things 4: Chapter One: The Hellfire Club|Stranger Things|Stranger Things 4"
                + "|Chapter One: The Hellfire Club",
        "Avatar: The Last Airbender: Book 1: Water: The Boy in the Iceberg (Episode 1)|Avatar: The Last Airbender"
                + "|Book 1|Water: The Boy in the Iceberg (Episode 1)",
        "Money Heist: Part 1: Episode 1|Money Heist|Part 1|Episode 1",
        "The Queen's Gambit: Limited Series: Openings (Episode 1)|The Queen's Gambit|Limited Series"
                + "|Openings (Episode 1)",
        "Black Mirror: Nosedive (Episode 1)|Black Mirror|-|Nosedive (Episode 1)",
        "The Irishman|-|-|The Irishman",
        "Glass Onion: A Knives Out Mystery|-|-|Glass Onion: A Knives Out Mystery"
    })
    void splitsShowSeasonAndEpisode(String title, String show, String season, String episode) {
        NetflixTitles.Title split = NetflixTitles.split(title);
        assertThat(split.show()).isEqualTo(show);
        assertThat(split.season()).isEqualTo(season);
        assertThat(split.episode()).isEqualTo(episode);
        assertThat(split.episodic()).isEqualTo(show != null);
    }
}

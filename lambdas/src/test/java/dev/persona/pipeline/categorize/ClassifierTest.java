package dev.persona.pipeline.categorize;

import dev.persona.domain.Activity;
import dev.persona.domain.Category;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ClassifierTest {

    private static Taxonomy taxonomy;

    @BeforeAll
    static void load() {
        taxonomy = Taxonomy.load();
    }

    @Test
    void theShippedTablesAreLargeAndCoverEveryCategory() {
        assertThat(taxonomy.siteCount()).isGreaterThan(500);
        assertThat(taxonomy.termCount()).isGreaterThan(1500);
        for (Category category : Category.values()) {
            if (category != Category.UNCATEGORIZED) {
                assertThat(category.displayName()).isNotBlank();
            }
        }
    }

    @Test
    void sitesMatchByTheLongestSuffixOfWholeLabels() {
        assertThat(taxonomy.site("www.espn.com").category()).isEqualTo(Category.SPORTS);
        assertThat(taxonomy.site("music.youtube.com").category()).isEqualTo(Category.MUSIC_AND_AUDIO);
        assertThat(taxonomy.site("www.youtube.com").category()).as("portal").isNull();
        assertThat(taxonomy.site("notespn.com")).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://www.espn.com/nba/scoreboard||Sports|domain",
        "https://music.youtube.com/watch|Bohemian Rhapsody|Music and Audio|domain",
        "https://www.youtube.com/watch|Minecraft speedrun world record gameplay|Video Gaming|keywords",
        "https://www.google.com/search|easy chicken curry recipe|Food & Drink|keywords",
        "|housing market and house prices in austin|Real Estate|keywords",
        "https://www.booking.com/hotel/pt/lisbon||Travel|domain",
        "|premier league table|Sports|keywords",
        "https://www.bbc.co.uk/sport/football/12345||Sports|domain",
        "https://www.bbc.co.uk/sportsday||News and Politics|domain",
        "https://www.google.com/maps/dir/Lisbon||Travel|domain"
    })
    void decidesFromTheSiteAndTheWords(String url, String text, String category, String signal) {
        Classification result = new Classifier(taxonomy).classify(url, text, null, null);
        assertThat(result.category().displayName()).isEqualTo(category);
        assertThat(result.signal()).isEqualTo(signal);
        assertThat(result.confidence()).isBetween(0.01, 1.0);
    }

    @Test
    void oneClassifierGivesWhatAFreshOneGivesWhateverItSawBefore() {
        String[][] cases = {
            {"https://www.bbc.co.uk/sport/football/12345", null},
            {"https://www.bbc.co.uk/sportsday", null},
            {"https://music.youtube.com/watch", "Bohemian Rhapsody"},
            {"https://www.youtube.com/watch", "Minecraft speedrun world record gameplay"},
            {"https://www.espn.com/nba/scoreboard", null},
            {"https://notespn.com/nba", "premier league table"},
            {"https://www.google.com/search", "easy chicken curry recipe"}};
        Classifier reused = new Classifier(taxonomy);
        for (int round = 0; round < 3; round++) {
            for (String[] c : cases) {
                assertThat(reused.classify(c[0], c[1], null, null))
                        .as(c[0]).isEqualTo(new Classifier(taxonomy).classify(c[0], c[1], null, null));
            }
        }
    }

    @Test
    void aUsersOwnCategoryLabelDecidesWhenItIsKnown() {
        Classifier classifier = new Classifier(taxonomy);
        assertThat(classifier.classify(null, "whatever", null, " Fitness ")).isEqualTo(
                new Classification(Category.HEALTHY_LIVING, 1.0, Classification.USER_CATEGORY));
        assertThat(classifier.classify(null, "lasagna recipe", null, "misc stuff").category())
                .isEqualTo(Category.FOOD_AND_DRINK);
    }

    @Test
    void nothingRecognisableIsUncategorized() {
        Classifier classifier = new Classifier(taxonomy);
        assertThat(classifier.classify("https://www.google.com/search", "qwzx vbnm", null, null))
                .isEqualTo(Classification.UNCATEGORIZED);
        assertThat(classifier.classify(null, null, null, null)).isEqualTo(Classification.UNCATEGORIZED);
    }

    @Test
    void moreAgreeingEvidenceGivesMoreConfidence() {
        Classifier classifier = new Classifier(taxonomy);
        double weak = classifier.classify(null, "football", null, null).confidence();
        double strong = classifier.classify("https://www.espn.com/nfl", "football touchdown playoffs", null, null)
                .confidence();
        assertThat(strong).isGreaterThan(weak);
    }

    @Test
    void whatWasPlayedDecidesWhereTheExportSaysIt() {
        Classifier classifier = new Classifier(taxonomy);
        assertThat(classifier.classify(null, "Cruel Summer", "Taylor Swift", null, Activity.MUSIC))
                .isEqualTo(new Classification(Category.MUSIC_AND_AUDIO, 1.0, Classification.MEDIUM));
        assertThat(classifier.classify(null, "Chapter One: The Hellfire Club", "Stranger Things", null,
                Activity.EPISODE).category()).isEqualTo(Category.TELEVISION);
        assertThat(classifier.classify(null, "The Irishman", null, null, Activity.MOVIE).category())
                .isEqualTo(Category.MOVIES);
        assertThat(classifier.classify(null, "Project Hail Mary", null, null, Activity.AUDIOBOOK).category())
                .isEqualTo(Category.BOOKS_AND_LITERATURE);
        assertThat(classifier.classify(null, "Sleep and fitness workout science", "Huberman Lab", null,
                Activity.PODCAST).category()).as("a podcast by its topic").isNotEqualTo(Category.MUSIC_AND_AUDIO)
                .isNotEqualTo(Category.UNCATEGORIZED);
        assertThat(classifier.classify(null, "qwzx vbnm", "Zzyzx", null, Activity.PODCAST))
                .isEqualTo(new Classification(Category.MUSIC_AND_AUDIO, 0.5, Classification.MEDIUM));
        assertThat(classifier.classify(null, "Cruel Summer", null, "Sports", Activity.MUSIC).category())
                .as("the user's own label still wins").isEqualTo(Category.SPORTS);
    }
}

package dev.persona.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EntityTagsTest {

    @Test
    void aStrongTagChangesWithEveryByteOfTheBody() {
        String tag = EntityTags.of("{\"status\":\"RUNNING\"}");

        assertThat(tag).matches("\"[A-Za-z0-9_-]{27}\"");
        assertThat(EntityTags.of("{\"status\":\"RUNNING\"}")).isEqualTo(tag);
        assertThat(EntityTags.of("{\"status\":\"RUNNING\" }")).isNotEqualTo(tag);
    }

    @Test
    void ifNoneMatchComparesWeaklyAgainstEveryListedTag() {
        String tag = EntityTags.of("body");

        assertThat(EntityTags.matches(tag, tag)).isTrue();
        assertThat(EntityTags.matches("W/" + tag, tag)).isTrue();
        assertThat(EntityTags.matches("\"other\", " + tag, tag)).isTrue();
        assertThat(EntityTags.matches("*", tag)).isTrue();
        assertThat(EntityTags.matches("\"other\"", tag)).isFalse();
        assertThat(EntityTags.matches(tag.replace("\"", ""), tag)).isFalse();
        assertThat(EntityTags.matches("", tag)).isFalse();
    }
}

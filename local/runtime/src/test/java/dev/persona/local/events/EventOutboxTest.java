package dev.persona.local.events;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class EventOutboxTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void anObjectVersionIsRecordedOnce() {
        EventOutbox outbox = EventOutbox.inMemory();

        assertThat(outbox.record("b\nk\nv1", "e1", "{\"n\":1}", NOW, 1)).isTrue();
        assertThat(outbox.record("b\nk\nv1", "e2", "{\"n\":2}", NOW, 2)).isFalse();
        assertThat(outbox.record("b\nk\nv2", "e3", "{\"n\":3}", NOW, 3)).isTrue();

        assertThat(outbox.pending()).extracting(EventOutbox.Pending::id).containsExactly("e1", "e3");
    }

    @Test
    void replaysWhatWasNotSettledAndRemembersWhatWas(@TempDir Path dir) {
        EventOutbox first = EventOutbox.open(dir);
        first.record("b\nk\nv1", "delivered", "{\"n\":1}", NOW, 10);
        first.record("b\nk\nv2", "pending", "{\"n\":2}", NOW, 11);
        first.record("b\nk\nv3", "dead", "{\"n\":3}", NOW, 12);
        first.delivered("delivered", 1, NOW);
        first.deadLettered(new DeadLetter("dead", "{\"n\":3}", "gave up", 9, NOW));

        EventOutbox reopened = EventOutbox.open(dir);

        assertThat(reopened.pending()).singleElement().satisfies(event -> {
            assertThat(event.id()).isEqualTo("pending");
            assertThat(event.eventJson()).isEqualTo("{\"n\":2}");
            assertThat(event.createdAt()).isEqualTo(NOW);
        });
        assertThat(reopened.deadLetters()).containsExactly(new DeadLetter("dead", "{\"n\":3}", "gave up", 9, NOW));
        assertThat(reopened.record("b\nk\nv1", "again", "{\"n\":1}", NOW, 13)).as("already recorded").isFalse();
        assertThat(reopened.nextSequencer(Instant.EPOCH)).isEqualTo(13);
        assertThat(dir.resolve(EventOutbox.DEAD_LETTERS)).content(StandardCharsets.UTF_8)
                .contains("\"id\":\"dead\"").contains("\"reason\":\"gave up\"").contains("\"event\":{\"n\":3}");
    }

    @Test
    void aLineCutShortByACrashDidNotCountAndIsRemoved(@TempDir Path dir) throws Exception {
        EventOutbox first = EventOutbox.open(dir);
        first.record("b\nk\nv1", "e1", "{\"n\":1}", NOW, 1);
        Files.writeString(dir.resolve(EventOutbox.JOURNAL), "{\"delivered\":\"e1\",\"att", StandardOpenOption.APPEND);

        EventOutbox reopened = EventOutbox.open(dir);
        assertThat(reopened.pending()).extracting(EventOutbox.Pending::id).containsExactly("e1");
        reopened.delivered("e1", 1, NOW);

        assertThat(EventOutbox.open(dir).pending()).isEmpty();
    }

    @Test
    void sequencersIncreaseEvenWhenTheClockDoesNot() {
        EventOutbox outbox = EventOutbox.inMemory();
        long first = outbox.nextSequencer(NOW);
        long second = outbox.nextSequencer(NOW);
        long earlier = outbox.nextSequencer(NOW.minus(Duration.ofHours(1)));

        assertThat(second).isGreaterThan(first);
        assertThat(earlier).isGreaterThan(second);
    }

    @Test
    void awaitingAnEmptyOutboxEndsWhenTheLastEventSettles() throws Exception {
        EventOutbox outbox = EventOutbox.inMemory();
        outbox.record("b\nk\nv1", "e1", "{}", NOW, 1);

        assertThat(outbox.awaitEmpty(Duration.ofMillis(20))).isFalse();
        Thread.ofVirtual().start(() -> outbox.delivered("e1", 1, NOW));
        assertThat(outbox.awaitEmpty(Duration.ofSeconds(5))).isTrue();
    }
}

package dev.persona.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;

import dev.persona.contracts.StorageLayout;
import dev.persona.api.testing.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UploadIdsTest {

    @Test
    void idsAreUrlSafeValidKeySegmentsThatSortByTime() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
        UploadIds ids = new UploadIds(clock, new Random(1));
        List<String> generated = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            generated.add(ids.next());
            clock.advance(Duration.ofMillis(1));
        }

        assertThat(generated).allSatisfy(id -> {
            assertThat(id).hasSize(UploadIds.LENGTH).matches("[0-9A-HJKMNP-TV-Z]+");
            assertThat(StorageLayout.isValidId(id)).isTrue();
        });
        assertThat(generated).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void theTimePartEncodesMillisecondsSinceTheEpoch() {
        UploadIds ids = new UploadIds(new MutableClock(Instant.ofEpochMilli(0)), new Random(1));
        UploadIds later = new UploadIds(new MutableClock(Instant.ofEpochMilli(32)), new Random(1));

        assertThat(ids.next()).startsWith("0000000000");
        assertThat(later.next()).startsWith("0000000010");
    }

    @Test
    void idsOfTheSameMillisecondAreStillDistinct() {
        UploadIds ids = new UploadIds(new MutableClock(Instant.parse("2026-11-21T10:00:00Z")));
        HashSet<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(ids.next());
        }
        assertThat(seen).hasSize(10_000);
    }
}

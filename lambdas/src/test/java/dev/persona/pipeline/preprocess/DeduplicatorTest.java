package dev.persona.pipeline.preprocess;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DeduplicatorTest {

    @TempDir
    Path spill;

    @Test
    void keepsTheFirstOfIdenticalRecordsInArrivalOrderAcrossBatchesAndGivesTheSameSetWhenSpilling() {
        Random random = new Random(7);
        String[] lines = new String[2 * Deduplicator.BATCH_RECORDS + 5_000];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = "{\"n\":" + random.nextInt(12_000) + "}\n";
        }
        Map<String, Integer> firstOccurrences = new LinkedHashMap<>();
        for (int i = 0; i < lines.length; i++) {
            firstOccurrences.putIfAbsent(lines[i], i);
        }
        ByteArrayOutputStream inMemory = new ByteArrayOutputStream();
        List<Integer> keptTags = new ArrayList<>();
        try (Deduplicator dedupe = new Deduplicator((record, offset, length, tag, spilled) -> {
            assertThat(spilled).isFalse();
            inMemory.write(record, offset, length);
            keptTags.add(tag);
        }, 1_000_000, spill)) {
            for (int i = 0; i < lines.length; i++) {
                byte[] bytes = lines[i].getBytes(StandardCharsets.UTF_8);
                dedupe.offer(bytes, 0, bytes.length, i);
            }
            dedupe.finish((record, offset, length) -> {
                throw new AssertionError("nothing was spilled");
            });
            assertThat(dedupe.spilled()).isZero();
            assertThat(dedupe.written()).isEqualTo(firstOccurrences.size());
            assertThat(dedupe.duplicates()).isEqualTo(lines.length - firstOccurrences.size());
        }
        assertThat(inMemory.toString(StandardCharsets.UTF_8)).isEqualTo(String.join("", firstOccurrences.keySet()));
        assertThat(keptTags).isEqualTo(List.copyOf(firstOccurrences.values()));

        ByteArrayOutputStream fromDisk = new ByteArrayOutputStream();
        int[] keptThenSpilled = new int[2];
        try (Deduplicator dedupe = new Deduplicator((record, offset, length, tag, spilled) -> {
            keptThenSpilled[spilled ? 1 : 0]++;
            if (!spilled) {
                fromDisk.write(record, offset, length);
            }
        }, 100, spill)) {
            for (int i = 0; i < lines.length; i++) {
                byte[] bytes = lines[i].getBytes(StandardCharsets.UTF_8);
                dedupe.offer(bytes, 0, bytes.length, i);
            }
            dedupe.finish(fromDisk::write);
            assertThat(keptThenSpilled[0]).isEqualTo(100);
            assertThat(keptThenSpilled[1]).isEqualTo(dedupe.spilled()).isPositive();
            assertThat(dedupe.written()).isEqualTo(firstOccurrences.size());
            assertThat(dedupe.written() + dedupe.duplicates()).isEqualTo(lines.length);
        }
        String[] sortedFromDisk = fromDisk.toString(StandardCharsets.UTF_8).split("\n");
        String[] sortedFromMemory = inMemory.toString(StandardCharsets.UTF_8).split("\n");
        Arrays.sort(sortedFromDisk);
        Arrays.sort(sortedFromMemory);
        assertThat(sortedFromDisk).isEqualTo(sortedFromMemory);
        assertThat(spill.toFile().list()).isEmpty();
    }

    @Test
    void aBatchIsDecidedWhenItsBytesAreFullAndARecordLargerThanABatchPasses() {
        List<Integer> kept = new ArrayList<>();
        try (Deduplicator dedupe = new Deduplicator((record, offset, length, tag, spilled) -> kept.add(tag),
                1_000_000, spill)) {
            byte[] large = new byte[Deduplicator.BATCH_BYTES + 10];
            for (int i = 0; i < 3; i++) {
                large[0] = (byte) i;
                dedupe.offer(large, 0, large.length, i);
                assertThat(kept).as("decided once the next one does not fit").hasSize(i);
            }
            large[0] = 0;
            dedupe.offer(large, 0, large.length, 3);
            dedupe.finish((record, offset, length) -> {
            });
            assertThat(kept).containsExactly(0, 1, 2);
            assertThat(dedupe.duplicates()).isOne();
        }
    }

    @Test
    void theFingerprintsOfOneSpillFileSpreadOverTheWholeSetTheyAreReadInto() {
        Random random = new Random(11);
        Set<Integer> regions = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            long fingerprint = random.nextLong();
            if (Deduplicator.partition(fingerprint) == 0) {
                regions.add(FingerprintSet.region(fingerprint));
            }
        }
        assertThat(regions).as("regions of one partition's home slots").hasSizeGreaterThan(1 << 10);
    }

    @Test
    void fingerprintSetHandlesZeroAndGrowth() {
        FingerprintSet set = new FingerprintSet(2);
        assertThat(set.add(0)).isTrue();
        assertThat(set.add(0)).isFalse();
        for (long i = 1; i <= 10_000; i++) {
            assertThat(set.add(i * 0x9E3779B97F4A7C15L)).isTrue();
        }
        assertThat(set.size()).isEqualTo(10_001);
        assertThat(set.contains(5 * 0x9E3779B97F4A7C15L)).isTrue();
        assertThat(set.contains(12345)).isFalse();
    }
}

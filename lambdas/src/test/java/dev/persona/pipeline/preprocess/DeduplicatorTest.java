package dev.persona.pipeline.preprocess;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DeduplicatorTest {

    @TempDir
    Path spill;

    @Test
    void keepsArrivalOrderInMemoryAndGivesTheSameSetWhenSpilling() {
        Random random = new Random(7);
        String[] lines = new String[20_000];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = "{\"n\":" + random.nextInt(5_000) + "}\n";
        }
        ByteArrayOutputStream inMemory = new ByteArrayOutputStream();
        long memoryDuplicates;
        try (Deduplicator dedupe = new Deduplicator(1_000_000, spill)) {
            for (String line : lines) {
                byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                if (dedupe.offer(bytes, 0, bytes.length) == Deduplicator.Offer.WRITE) {
                    inMemory.write(bytes, 0, bytes.length);
                }
            }
            dedupe.finish(inMemory::write);
            memoryDuplicates = dedupe.duplicates();
            assertThat(dedupe.spilled()).isZero();
        }
        ByteArrayOutputStream spilled = new ByteArrayOutputStream();
        try (Deduplicator dedupe = new Deduplicator(100, spill)) {
            EnumMap<Deduplicator.Offer, Integer> offers = new EnumMap<>(Deduplicator.Offer.class);
            for (String line : lines) {
                byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                Deduplicator.Offer offer = dedupe.offer(bytes, 0, bytes.length);
                offers.merge(offer, 1, Integer::sum);
                if (offer == Deduplicator.Offer.WRITE) {
                    spilled.write(bytes, 0, bytes.length);
                }
            }
            assertThat(offers.get(Deduplicator.Offer.WRITE)).isEqualTo(100);
            assertThat(offers.get(Deduplicator.Offer.SPILLED)).isEqualTo(dedupe.spilled());
            dedupe.finish(spilled::write);
            assertThat(dedupe.spilled()).isPositive();
            assertThat(dedupe.duplicates()).isEqualTo(memoryDuplicates);
            assertThat(dedupe.written() + dedupe.duplicates()).isEqualTo(lines.length);
        }
        String[] fromMemory = inMemory.toString(StandardCharsets.UTF_8).split("\n");
        String[] fromDisk = spilled.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(fromMemory).doesNotHaveDuplicates();
        assertThat(fromMemory[0]).isEqualTo(lines[0].strip());
        Arrays.sort(fromMemory);
        Arrays.sort(fromDisk);
        assertThat(fromDisk).isEqualTo(fromMemory);
        assertThat(spill.toFile().list()).isEmpty();
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

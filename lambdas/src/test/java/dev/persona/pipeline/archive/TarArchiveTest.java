package dev.persona.pipeline.archive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.persona.pipeline.errors.ArchiveEntryNameTooLong;
import dev.persona.pipeline.errors.MalformedUpload;
import dev.persona.pipeline.errors.TooManyArchiveEntries;
import dev.persona.pipeline.io.DecompressionLimits;
import dev.persona.testing.exports.TarBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TarArchiveTest {

    private static final ArchiveLimits LIMITS = ArchiveLimits.defaults(1L << 30);

    @Test
    void filesComeWithTheirNamesLongOrPaxWhileFoldersAndLinksAreOnlyCounted() {
        String longName = "Takeout/" + "YouTube and YouTube Music/".repeat(5) + "watch-history.json";
        byte[] tar = new TarBuilder().folder("Takeout/").file("Takeout/a.json", "first")
                .symlink("Takeout/link", "/etc/passwd").longNameFile(longName, "second".getBytes(StandardCharsets.UTF_8))
                .paxFile("Takeout/Meine Aktivitäten/Suche.json", "third".getBytes(StandardCharsets.UTF_8)).tar();
        Map<String, String> read = new LinkedHashMap<>();

        int entries = TarArchive.read(new ByteArrayInputStream(tar), LIMITS, entry -> {
            try {
                read.put(entry.name(), new String(entry.content().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        assertThat(read).containsExactly(Map.entry("Takeout/a.json", "first"), Map.entry(longName, "second"),
                Map.entry("Takeout/Meine Aktivitäten/Suche.json", "third"));
        assertThat(entries).isEqualTo(5);
        assertThat(TarArchive.isTarHeader(tar, tar.length)).isTrue();
    }

    @Test
    void entriesAreSkippedWhereverTheHandlerStopsReading() {
        byte[] tar = new TarBuilder().file("a.bin", new byte[10_000]).file("b.json", "after").tar();
        Map<String, Integer> firstBytes = new LinkedHashMap<>();
        TarArchive.read(new ByteArrayInputStream(tar), LIMITS, entry -> {
            try {
                firstBytes.put(entry.name(), entry.content().read());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertThat(firstBytes).containsExactly(Map.entry("a.bin", 0), Map.entry("b.json", (int) 'a'));
    }

    @Test
    void aDamagedHeaderATruncatedEntryOrTooManyEntriesAreRefused() {
        byte[] tar = new TarBuilder().file("a.json", "x".repeat(2000)).tar();
        byte[] badChecksum = tar.clone();
        badChecksum[0] = 'b';
        assertThatThrownBy(() -> TarArchive.read(new ByteArrayInputStream(badChecksum), LIMITS, entry -> { }))
                .isInstanceOf(MalformedUpload.class).hasMessageContaining("checksum");
        assertThatThrownBy(() -> TarArchive.read(new ByteArrayInputStream(Arrays.copyOf(tar, 1000)), LIMITS,
                entry -> { })).isInstanceOf(MalformedUpload.class).hasMessageContaining("truncated");
        TarBuilder many = new TarBuilder();
        for (int i = 0; i < 11; i++) {
            many.file("f" + i, "x");
        }
        ArchiveLimits ten = new ArchiveLimits(10, 1024, 1L << 30, DecompressionLimits.DEFAULT);
        assertThatThrownBy(() -> TarArchive.read(new ByteArrayInputStream(many.tar()), ten, entry -> { }))
                .isInstanceOf(TooManyArchiveEntries.class);
        byte[] longName = new TarBuilder().longNameFile("x".repeat(3000), new byte[1]).tar();
        assertThatThrownBy(() -> TarArchive.read(new ByteArrayInputStream(longName), LIMITS, entry -> { }))
                .isInstanceOf(ArchiveEntryNameTooLong.class);
    }
}

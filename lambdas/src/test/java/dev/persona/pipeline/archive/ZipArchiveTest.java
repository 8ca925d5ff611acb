package dev.persona.pipeline.archive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import dev.persona.pipeline.errors.CompressionRatioTooHigh;
import dev.persona.pipeline.errors.MalformedUpload;
import dev.persona.pipeline.errors.TooManyArchiveEntries;
import dev.persona.pipeline.errors.UploadTooLarge;
import dev.persona.pipeline.io.DecompressionLimits;
import dev.persona.storage.ObjectVersion;
import dev.persona.testing.InMemoryObjectStore;
import dev.persona.testing.exports.ZipBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ZipArchiveTest {

    private static final ArchiveLimits LIMITS = ArchiveLimits.defaults(1L << 30);

    @Test
    void entriesComeInTheirStoredOrderWithTheirContentWhateverTheirHeadersDefer() {
        ZipBuilder zip = new ZipBuilder();
        zip.folder("Takeout/");
        zip.add("Takeout/a.json", "first");
        zip.add("Takeout/b.json", "second, stored").stored();
        zip.add("Takeout/c.json", "third, sizes in a data descriptor").withDataDescriptor();
        zip.add("Takeout/d.json", "").stored();

        Map<String, String> read = read(zip.build(), LIMITS);

        assertThat(read).containsExactly(Map.entry("Takeout/a.json", "first"),
                Map.entry("Takeout/b.json", "second, stored"),
                Map.entry("Takeout/c.json", "third, sizes in a data descriptor"), Map.entry("Takeout/d.json", ""));
    }

    @Test
    void aZip64ArchiveFromTheJdkIsRead() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (int i = 0; i < 70_000; i++) {
                out.putNextEntry(new ZipEntry("n/" + i));
                out.write('x');
                out.closeEntry();
            }
        }
        ArchiveLimits many = new ArchiveLimits(100_000, 1024, 1L << 30, DecompressionLimits.DEFAULT);
        int[] files = new int[1];

        int entries = ZipArchive.read(source(bytes.toByteArray()), bytes.size(), many, entry -> files[0]++);

        assertThat(entries).isEqualTo(70_000);
        assertThat(files[0]).isEqualTo(70_000);
        assertThatThrownBy(() -> read(bytes.toByteArray(), LIMITS)).isInstanceOf(TooManyArchiveEntries.class)
                .hasMessageContaining("70,000");
    }

    @Test
    void aLargeEntryNobodyReadsIsJumpedOverWithANewRangeInsteadOfDownloaded() {
        ZipBuilder zip = new ZipBuilder();
        zip.add("photo.jpg", new byte[10 << 20]).stored();
        zip.add("MyActivity.json", "[]");
        byte[] archive = zip.build();
        InMemoryObjectStore store = new InMemoryObjectStore();
        store.putObject("b", "k", archive, Map.of());
        List<String> names = new ArrayList<>();

        ZipArchive.read((offset, length) -> store.openRange("b", "k", ObjectVersion.LATEST, offset, length),
                archive.length, LIMITS, entry -> {
                    names.add(entry.name());
                    readSome(entry.content(), 512);
                });

        assertThat(names).containsExactly("photo.jpg", "MyActivity.json");
        assertThat(store.bytesServed()).as("bytes downloaded of a %d-byte archive", archive.length)
                .isLessThan(1 << 20);
        assertThat(store.rangedReads()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void declaredSizesAreCheckedBeforeAnythingIsInflated() {
        ZipBuilder bomb = new ZipBuilder();
        bomb.add("a.json", new byte[0]).compressedData(new byte[] {3, 0}).declaring(100L << 20);
        assertThatThrownBy(() -> read(bomb.build(), LIMITS)).isInstanceOf(CompressionRatioTooHigh.class);
        byte[] noise = new byte[3 << 20];
        new java.util.SplittableRandom(7).nextBytes(noise);
        ZipBuilder large = new ZipBuilder();
        large.add("a.bin", noise);
        large.add("b.bin", noise);
        assertThatThrownBy(() -> read(large.build(), new ArchiveLimits(10, 100, 4L << 20,
                DecompressionLimits.DEFAULT))).isInstanceOf(UploadTooLarge.class);
    }

    @Test
    void anEntryThatDoesNotMatchItsDirectoryRecordIsDamaged() {
        ZipBuilder wrongSize = new ZipBuilder();
        wrongSize.add("a.json", "more bytes than declared").declaring(4);
        assertThatThrownBy(() -> read(wrongSize.build(), LIMITS)).isInstanceOf(MalformedUpload.class)
                .hasMessageContaining("size or checksum");
        ZipBuilder wrongCrc = new ZipBuilder();
        wrongCrc.add("a.json", "text").crc(12345);
        assertThatThrownBy(() -> read(wrongCrc.build(), LIMITS)).isInstanceOf(MalformedUpload.class);
        ZipBuilder garbage = new ZipBuilder();
        garbage.add("a.json", "x").compressedData(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        assertThatThrownBy(() -> read(garbage.build(), LIMITS)).isInstanceOf(MalformedUpload.class);
    }

    @Test
    void aCommentAfterTheEndRecordIsAllowed() {
        ZipBuilder zip = new ZipBuilder();
        zip.add("a.json", "content");
        zip.comment("PK\u0005\u0006 is not an end record inside a comment");
        assertThat(read(zip.build(), LIMITS)).containsExactly(Map.entry("a.json", "content"));
    }

    private static Map<String, String> read(byte[] archive, ArchiveLimits limits) {
        Map<String, String> read = new LinkedHashMap<>();
        ZipArchive.read(source(archive), archive.length, limits, entry -> {
            try {
                read.put(entry.name(), new String(entry.content().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return read;
    }

    private static ZipArchive.RangeSource source(byte[] archive) {
        return (offset, length) -> new ByteArrayInputStream(archive, (int) offset, (int) length);
    }

    private static void readSome(InputStream in, int count) {
        try {
            in.readNBytes(count);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

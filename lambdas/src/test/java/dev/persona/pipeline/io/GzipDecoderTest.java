package dev.persona.pipeline.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.persona.pipeline.errors.CompressionRatioTooHigh;
import dev.persona.pipeline.errors.MalformedUpload;
import dev.persona.testing.exports.ExportCorpus;
import dev.persona.testing.exports.TarBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GzipDecoderTest {

    @Test
    void concatenatedMembersDecodeAsGzipDoes() throws IOException {
        byte[] data = concat(TarBuilder.gzip(utf8("first,")), TarBuilder.gzip(utf8("second")));
        assertThat(new String(decode(data), StandardCharsets.UTF_8)).isEqualTo("first,second");
    }

    @Test
    void headerFieldsAreSkippedAndTrailingZerosIgnored() throws IOException {
        byte[] plain = TarBuilder.gzip(utf8("named member"));
        ByteArrayOutputStream named = new ByteArrayOutputStream();
        named.write(new byte[] {0x1f, (byte) 0x8b, 8, 4 | 8 | 16 | 2, 0, 0, 0, 0, 0, 3});
        named.write(new byte[] {3, 0, 'x', 'y', 'z'});
        named.write(utf8("MyActivity.json\0"));
        named.write(utf8("a comment\0"));
        named.write(new byte[] {0x12, 0x34});
        named.write(plain, 10, plain.length - 10);
        named.write(new byte[512]);
        assertThat(new String(decode(named.toByteArray()), StandardCharsets.UTF_8)).isEqualTo("named member");
    }

    @Test
    void aWrongChecksumOrATruncatedStreamIsMalformed() {
        byte[] data = TarBuilder.gzip(utf8("some text that will be damaged"));
        byte[] badCrc = data.clone();
        badCrc[badCrc.length - 6] ^= 1;
        assertThatThrownBy(() -> decode(badCrc)).isInstanceOf(MalformedUpload.class);
        assertThatThrownBy(() -> decode(Arrays.copyOf(data, data.length - 5))).isInstanceOf(MalformedUpload.class);
        assertThatThrownBy(() -> decode(new byte[] {0x1f, (byte) 0x8b, 9, 0})).isInstanceOf(MalformedUpload.class);
    }

    /** Finding 12 of the security issue: 1 GiB from 1 MB of gzip used to be inflated whole before failing. */
    @Test
    void aCompressionBombStopsAfterTheFirstMegabytes() {
        byte[] bomb = ExportCorpus.gzipBomb();
        CountingStream source = new CountingStream(new ByteArrayInputStream(bomb));
        GzipDecoder decoder = new GzipDecoder(source, DecompressionLimits.DEFAULT);
        long[] produced = new long[1];

        assertThatThrownBy(() -> {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = decoder.read(buffer, 0, buffer.length)) >= 0; ) {
                produced[0] += n;
            }
        }).isInstanceOf(CompressionRatioTooHigh.class).hasMessageContaining("expands more than 200 times");

        assertThat(bomb.length).isGreaterThan(1_000_000);
        assertThat(source.count).as("compressed bytes read").isLessThanOrEqualTo(64 * 1024);
        assertThat(produced[0]).as("bytes inflated").isLessThanOrEqualTo(2 << 20);
    }

    @Test
    void ordinaryTextWithinTheRatioIsRead() throws IOException {
        StringBuilder csv = new StringBuilder("timestamp,title\n");
        for (int i = 0; i < 100_000; i++) {
            csv.append(java.time.Instant.ofEpochSecond(1_700_000_000L + 37L * i)).append(",the same title again\n");
        }
        byte[] text = utf8(csv.toString());
        assertThat(decode(TarBuilder.gzip(text))).isEqualTo(text);
    }

    private static byte[] decode(byte[] data) throws IOException {
        try (GzipDecoder decoder = new GzipDecoder(new ByteArrayInputStream(data), DecompressionLimits.DEFAULT)) {
            return decoder.readAllBytes();
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(n, 0);
            return n;
        }
    }
}

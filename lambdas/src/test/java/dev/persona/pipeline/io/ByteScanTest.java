package dev.persona.pipeline.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The eight-bytes-at-a-time scans find exactly what a byte-by-byte loop finds, at every offset and length. */
class ByteScanTest {

    @Test
    void newlineScanAgreesWithAPlainLoopEverywhere() {
        Random random = new Random(7);
        for (int trial = 0; trial < 2_000; trial++) {
            byte[] bytes = randomBytes(random, 1 + random.nextInt(40));
            int from = random.nextInt(bytes.length);
            int to = from + random.nextInt(bytes.length - from + 1);
            assertThat(ByteScan.indexOfNewline(bytes, from, to)).isEqualTo(plainNewline(bytes, from, to));
        }
    }

    @Test
    void stringScanStopsAtQuotesBackslashesControlsAndNonAsciiBytes() {
        Random random = new Random(11);
        for (int trial = 0; trial < 2_000; trial++) {
            byte[] bytes = randomBytes(random, 1 + random.nextInt(40));
            int from = random.nextInt(bytes.length);
            int to = from + random.nextInt(bytes.length - from + 1);
            assertThat(ByteScan.indexOfStringSpecial(bytes, from, to)).isEqualTo(plainSpecial(bytes, from, to));
        }
    }

    @Test
    void everyByteValueIsClassifiedAsAPlainLoopWouldInEveryLane() {
        for (int value = 0; value < 256; value++) {
            for (int lane = 0; lane < 8; lane++) {
                byte[] bytes = "abcdefghijklmnop".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                bytes[lane] = (byte) value;
                assertThat(ByteScan.indexOfStringSpecial(bytes, 0, bytes.length))
                        .as("byte %d in lane %d", value, lane).isEqualTo(plainSpecial(bytes, 0, bytes.length));
                assertThat(ByteScan.indexOfNewline(bytes, 0, bytes.length))
                        .as("byte %d in lane %d", value, lane).isEqualTo(plainNewline(bytes, 0, bytes.length));
            }
        }
    }

    /** Mostly printable ASCII, with the bytes the scans look for mixed in. */
    private static byte[] randomBytes(Random random, int length) {
        byte[] special = {'\n', '"', '\\', 0x01, 0x1f, 0x20, 0x7f, (byte) 0x80, (byte) 0xc3, (byte) 0xff};
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = random.nextInt(6) == 0 ? special[random.nextInt(special.length)]
                    : (byte) ('a' + random.nextInt(26));
        }
        return bytes;
    }

    private static int plainNewline(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int plainSpecial(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            int b = bytes[i] & 0xff;
            if (b == '"' || b == '\\' || b < 0x20 || b >= 0x80) {
                return i;
            }
        }
        return to;
    }
}

package dev.persona.pipeline.io;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte searches eight bytes at a time (SWAR: a {@code long} holds eight bytes and bit tricks test them all at
 * once), for the scans that touch every byte of an upload: line ends and the ends of JSON strings.
 */
public final class ByteScan {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long NEWLINES = ONES * '\n';
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';

    private ByteScan() {
    }

    /** The first {@code '\n'} in {@code bytes[from, to)}, or -1. */
    public static int indexOfNewline(byte[] bytes, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long found = zeroBytes((long) LONGS.get(bytes, i) ^ NEWLINES);
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * The first byte in {@code bytes[from, to)} that ends or complicates a JSON string: a quote, a backslash, a
     * control character or any byte of a multi-byte UTF-8 sequence; {@code to} when there is none.
     */
    public static int indexOfStringSpecial(byte[] bytes, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long word = (long) LONGS.get(bytes, i);
            long found = zeroBytes(word ^ QUOTES) | zeroBytes(word ^ BACKSLASHES) | (word & HIGHS)
                    | below0x20(word);
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            byte b = bytes[i];
            if (b == '"' || b == '\\' || b < 0x20) {
                return i;
            }
        }
        return to;
    }

    /** The high bit of each byte of {@code word} that is zero (exact: no false positives). */
    private static long zeroBytes(long word) {
        long low7 = (word & ~HIGHS) + ~HIGHS;
        return ~(low7 | word | ~HIGHS);
    }

    /** The high bit of each byte below 0x20 that has its own high bit clear (exact). */
    private static long below0x20(long word) {
        long low7 = word & ~HIGHS;
        return ~((low7 + (ONES * (0x80 - 0x20))) | word) & HIGHS;
    }
}

package dev.persona.pipeline.preprocess;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A 64-bit hash of a byte range, used to recognise identical records. Multiply-rotate mixing over
 * 8-byte words with a final avalanche; at 64 bits, ten million distinct records collide with a
 * probability of about 3 in a million.
 */
final class Fingerprint {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;

    private Fingerprint() {
    }

    static long of(byte[] bytes, int offset, int length) {
        long h = P3 ^ (length * P1);
        int i = offset;
        int end = offset + length;
        for (; i + 8 <= end; i += 8) {
            long k = (long) LONGS.get(bytes, i) * P2;
            h ^= Long.rotateLeft(k, 31) * P1;
            h = Long.rotateLeft(h, 27) * P1 + P3;
        }
        long tail = 0;
        for (int shift = 0; i < end; i++, shift += 8) {
            tail |= (bytes[i] & 0xFFL) << shift;
        }
        h ^= Long.rotateLeft(tail * P2, 31) * P1;
        h ^= h >>> 33;
        h *= P2;
        h ^= h >>> 29;
        h *= P3;
        h ^= h >>> 32;
        return h;
    }
}

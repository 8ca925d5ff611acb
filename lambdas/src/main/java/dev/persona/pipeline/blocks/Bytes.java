package dev.persona.pipeline.blocks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian fixed-width numbers and LEB128 varints in byte arrays: the file format's primitives. */
final class Bytes {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private Bytes() {
    }

    static void putLong(byte[] buffer, int offset, long value) {
        LONGS.set(buffer, offset, value);
    }

    static long getLong(byte[] buffer, int offset) {
        return (long) LONGS.get(buffer, offset);
    }

    static void putInt(byte[] buffer, int offset, int value) {
        INTS.set(buffer, offset, value);
    }

    static int getInt(byte[] buffer, int offset) {
        return (int) INTS.get(buffer, offset);
    }

    static int varintSize(int value) {
        int size = 1;
        while ((value & ~0x7F) != 0) {
            value >>>= 7;
            size++;
        }
        return size;
    }

    /** Writes a non-negative varint; returns the offset after it. */
    static int putVarint(byte[] buffer, int offset, int value) {
        while ((value & ~0x7F) != 0) {
            buffer[offset++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buffer[offset++] = (byte) value;
        return offset;
    }
}

package io.llmload.client;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte searches eight bytes at a time ("SIMD within a register"): one little-endian {@code long}
 * read of a {@code byte[]} and a few arithmetic operations tell whether any of the eight bytes is
 * of interest, so the parsers touch long runs of ordinary bytes once per word instead of once per
 * byte. Each mask has the high bit of a byte set for a byte of interest; flags can be false only
 * above a true one (a borrow runs upwards), so the lowest flag, found with
 * {@link Long#numberOfTrailingZeros}, always marks a real match.
 *
 * <p>Stateless and thread-safe.
 */
final class Swar {
    /** Reads eight bytes of a {@code byte[]} at any offset as a little-endian {@code long}. */
    static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long SPACES = 0x2020202020202020L;
    private static final long LFS = 0x0A0A0A0A0A0A0A0AL;
    private static final long CRS = 0x0D0D0D0D0D0D0D0DL;

    private Swar() {
    }

    /** Flags bytes equal to zero. */
    static long zeros(long v) {
        return (v - ONES) & ~v & HIGHS;
    }

    /** Flags the bytes that end or interrupt a JSON string's plain run: {@code "}, {@code \} and controls below 0x20. */
    static long special(long v) {
        return zeros(v ^ QUOTES) | zeros(v ^ BACKSLASHES) | ((v - SPACES) & ~v & HIGHS);
    }

    /** Flags line ends: LF and CR. */
    static long lineEnds(long v) {
        return zeros(v ^ LFS) | zeros(v ^ CRS);
    }
}

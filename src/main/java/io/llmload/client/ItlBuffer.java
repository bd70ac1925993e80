package io.llmload.client;

import java.util.Arrays;

/**
 * Inter-token gaps of one response, in microseconds, kept until the response is known to have
 * succeeded (failed requests stay out of the histograms). Reused across requests: it grows to
 * the longest response seen and never shrinks, so steady state allocates nothing per token.
 */
public final class ItlBuffer {
    // Small: every virtual user keeps one; it doubles as far as the longest answer needs.
    private int[] gapsMicros = new int[64];
    private int size;

    public void clear() {
        size = 0;
    }

    public void add(long gapNanos) {
        if (size == gapsMicros.length) {
            gapsMicros = Arrays.copyOf(gapsMicros, size * 2);
        }
        gapsMicros[size++] = (int) Math.min(Integer.MAX_VALUE, gapNanos / 1000);
    }

    public int size() {
        return size;
    }

    public int micros(int i) {
        return gapsMicros[i];
    }
}

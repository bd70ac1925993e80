package io.llmload.workload;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array that JSON text is written into piece by piece (a conversation's history,
 * a prompt's text), so a body can be assembled by copying bytes instead of building Strings and
 * escaping them again. A buffer grown by one huge conversation is given back on {@link #reset}.
 *
 * <p>Thread contract: not thread-safe; owned by one user (one event loop) at a time.
 */
final class JsonBytes {
    private static final int INITIAL_BYTES = 1024;
    private static final int KEEP_BYTES = 1 << 20;

    private byte[] bytes;
    private int length;

    JsonBytes() {
        this(INITIAL_BYTES);
    }

    JsonBytes(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    void reset() {
        if (bytes.length > KEEP_BYTES) {
            bytes = new byte[INITIAL_BYTES];
        }
        length = 0;
    }

    JsonBytes append(byte[] src) {
        return append(src, 0, src.length);
    }

    JsonBytes append(byte[] src, int from, int to) {
        int n = to - from;
        if (length + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(length + n, bytes.length * 2));
        }
        System.arraycopy(src, from, bytes, length, n);
        length += n;
        return this;
    }

    int length() {
        return length;
    }

    /** The bytes written so far are {@code bytes()[0..length())}; valid until the next write. */
    byte[] bytes() {
        return bytes;
    }

    byte[] toBytes() {
        return Arrays.copyOf(bytes, length);
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}

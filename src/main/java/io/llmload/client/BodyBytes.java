package io.llmload.client;

import io.vertx.core.buffer.Buffer;
import java.util.Arrays;

/**
 * A whole (non-streamed) answer's bytes, gathered read by read into one array that the exchange
 * keeps for its next request, so reading a JSON answer allocates nothing once the array has grown
 * to the answers' size. Empty until first used (a streaming exchange never pays for it); an array
 * grown past {@link #KEEP_BYTES} by one large answer is given back at the next {@link #reset}.
 * The response size limit is the caller's to enforce.
 *
 * <p>Thread contract: owned by one {@link Exchange}, used on its event loop only.
 */
final class BodyBytes {
    private static final byte[] EMPTY = new byte[0];
    private static final int INITIAL_BYTES = 2048;
    static final int KEEP_BYTES = 256 * 1024;

    private byte[] bytes = EMPTY;
    private int length;

    void reset() {
        if (bytes.length > KEEP_BYTES) {
            bytes = EMPTY;
        }
        length = 0;
    }

    void append(Buffer buffer) {
        int n = buffer.length();
        if (length + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(length + n, Math.max(INITIAL_BYTES, bytes.length * 2)));
        }
        buffer.getBytes(0, n, bytes, length);
        length += n;
    }

    /** The bytes so far: {@code array()[0..length())}, valid until the next append or reset. */
    byte[] array() {
        return bytes;
    }

    int length() {
        return length;
    }

    int capacity() {
        return bytes.length;
    }
}

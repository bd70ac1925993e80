package io.llmload.client;

import com.knuddels.jtokkit.api.Encoding;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The answer text of one response, kept as the raw (still JSON-escaped) bytes of each chunk's
 * {@code content} string, so that output tokens can be counted with a tokenizer when the server
 * sends no {@code usage} (and, later, so a conversation can send the reply back). Appending copies
 * bytes into a reused array that grows to the longest answer seen (no allocation per token in
 * steady state); escapes are decoded only in {@link #text()}, once per request, when needed.
 * Beyond {@link #MAX_BYTES} it stops keeping text and says so.
 *
 * <p>Thread contract: written on the event loop of the exchange that owns it; once its request has
 * ended it may be read (counted) on a worker thread until the exchange starts its next request.
 */
public final class ContentBuffer {
    /** About a million tokens; a longer answer is counted from its chunks instead. */
    static final int MAX_BYTES = 4 << 20;
    /** Small: every virtual user keeps one (10,000 users: 5 MiB); it grows to the longest answer seen. */
    private static final int INITIAL_BYTES = 512;
    /** A buffer grown beyond this by one huge answer is given back when the next request starts. */
    private static final int KEEP_BYTES = 256 * 1024;

    private byte[] bytes = new byte[INITIAL_BYTES];
    private int length;
    private boolean overflowed;
    private boolean otherTokens;

    /** Forgets the previous answer. */
    public void reset() {
        if (bytes.length > KEEP_BYTES) {
            bytes = new byte[INITIAL_BYTES];
        }
        length = 0;
        overflowed = false;
        otherTokens = false;
    }

    /** Notes that the answer carried tokens that are not kept here (some of its text was lost): it is then not countable. */
    void markOtherTokens() {
        otherTokens = true;
    }

    /** Appends the raw bytes {@code data[start..end)} of a JSON string's contents. */
    public void append(byte[] data, int start, int end) {
        int n = end - start;
        if (overflowed || n <= 0) {
            return;
        }
        if (length + n > MAX_BYTES) {
            overflowed = true;
            return;
        }
        if (length + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(MAX_BYTES, Math.max(length + n, bytes.length * 2)));
        }
        System.arraycopy(data, start, bytes, length, n);
        length += n;
    }

    /** Raw bytes kept so far (JSON-escaped); valid until the next {@link #reset}. */
    public int length() {
        return length;
    }

    public byte[] rawBytes() {
        return bytes;
    }

    public boolean overflowed() {
        return overflowed;
    }

    /** True when the answer also carried tokens that were not kept here. */
    public boolean hadOtherTokens() {
        return otherTokens;
    }

    /** True when the text kept here is the whole text (it did not overflow, nothing was left out). */
    public boolean countable() {
        return !overflowed && !otherTokens;
    }

    /** The answer's token count under {@code encoding}, or -1 when it is not {@link #countable()}. */
    public int countTokens(Encoding encoding) {
        if (!countable()) {
            return -1;
        }
        return length == 0 ? 0 : encoding.countTokensOrdinary(text());
    }

    /** The answer with JSON escapes decoded. Invalid escapes and lone surrogates become U+FFFD. */
    public String text() {
        byte[] out = new byte[length];
        int o = 0;
        int i = 0;
        while (i < length) {
            byte b = bytes[i];
            if (b != '\\' || i + 1 >= length) {
                out[o++] = b;
                i++;
                continue;
            }
            byte e = bytes[i + 1];
            i += 2;
            switch (e) {
                case 'n' -> out[o++] = '\n';
                case 't' -> out[o++] = '\t';
                case 'r' -> out[o++] = '\r';
                case 'b' -> out[o++] = '\b';
                case 'f' -> out[o++] = '\f';
                case 'u' -> {
                    int c = hex4(i);
                    i += c < 0 ? 0 : 4;
                    if (Character.isHighSurrogate((char) c) && i + 6 <= length && bytes[i] == '\\' && bytes[i + 1] == 'u') {
                        int low = hex4(i + 2);
                        if (Character.isLowSurrogate((char) low)) {
                            i += 6;
                            o = utf8(Character.toCodePoint((char) c, (char) low), out, o);
                            continue;
                        }
                    }
                    o = utf8(c < 0 || Character.isSurrogate((char) c) ? 0xFFFD : c, out, o);
                }
                default -> out[o++] = e; // \" \\ \/ and anything the scanner let through
            }
        }
        return new String(out, 0, o, StandardCharsets.UTF_8);
    }

    private int hex4(int at) {
        if (at + 4 > length) {
            return -1;
        }
        int v = 0;
        for (int k = at; k < at + 4; k++) {
            int d = Character.digit(bytes[k], 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }

    /** Writes a code point as UTF-8; an escape is 6 bytes and its UTF-8 at most 4, so {@code out} never overflows. */
    private static int utf8(int cp, byte[] out, int o) {
        if (cp < 0x80) {
            out[o++] = (byte) cp;
        } else if (cp < 0x800) {
            out[o++] = (byte) (0xC0 | (cp >> 6));
            out[o++] = (byte) (0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out[o++] = (byte) (0xE0 | (cp >> 12));
            out[o++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            out[o++] = (byte) (0x80 | (cp & 0x3F));
        } else {
            out[o++] = (byte) (0xF0 | (cp >> 18));
            out[o++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
            out[o++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            out[o++] = (byte) (0x80 | (cp & 0x3F));
        }
        return o;
    }
}

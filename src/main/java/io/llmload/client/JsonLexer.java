package io.llmload.client;

/**
 * The JSON lexing under {@link ChunkScanner}: a cursor over a byte range that steps over strings,
 * numbers, literals and whitespace, validating as it goes, without allocating. Invalid input
 * throws the one preallocated {@link Malformed}. What the values mean is the subclass's business.
 *
 * <p>Thread contract: not thread-safe, as its subclass.
 */
abstract class JsonLexer {
    byte[] buf;
    int pos;
    int end;

    /** Points the cursor at {@code data[offset..offset + length)}. */
    final void reset(byte[] data, int offset, int length) {
        buf = data;
        pos = offset;
        end = offset + length;
    }

    final boolean emptyArray(int start) {
        int k = start + 1;
        while (k < end && isWs(buf[k])) {
            k++;
        }
        return k < end && buf[k] == ']';
    }

    final void string() {
        pos++;
        while (true) {
            // Most of a chunk is string bytes (ids, model names, padding, the token itself): skip
            // eight at a time while none of them is a quote, a backslash or a control character.
            while (pos + 8 <= end) {
                long special = Swar.special((long) Swar.LONGS.get(buf, pos));
                if (special != 0) {
                    pos += Long.numberOfTrailingZeros(special) >>> 3; // the lowest flag is always a real one
                    break;
                }
                pos += 8;
            }
            if (pos >= end) {
                throw Malformed.INSTANCE;
            }
            byte c = buf[pos++];
            if (c == '"') {
                return;
            }
            if (c == '\\') {
                if (pos >= end) {
                    throw Malformed.INSTANCE;
                }
                byte e = buf[pos++];
                if (e == 'u') {
                    for (int k = 0; k < 4; k++) {
                        if (pos >= end || Character.digit(buf[pos++], 16) < 0) {
                            throw Malformed.INSTANCE;
                        }
                    }
                } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                    throw Malformed.INSTANCE;
                }
            } else if (c >= 0 && c < 0x20) {
                throw Malformed.INSTANCE;
            }
        }
    }

    final long integerOrSkip() {
        skipWs();
        int start = pos;
        number();
        long v = 0;
        for (int k = start; k < pos; k++) {
            byte c = buf[k];
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return pos > start ? v : -1;
    }

    final void number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        int digits = 0;
        while (pos < end && buf[pos] >= '0' && buf[pos] <= '9') {
            pos++;
            digits++;
        }
        if (digits == 0) {
            throw Malformed.INSTANCE;
        }
        if (pos < end && buf[pos] == '.') {
            pos++;
            int frac = 0;
            while (pos < end && buf[pos] >= '0' && buf[pos] <= '9') {
                pos++;
                frac++;
            }
            if (frac == 0) {
                throw Malformed.INSTANCE;
            }
        }
        if (pos < end && (buf[pos] == 'e' || buf[pos] == 'E')) {
            pos++;
            if (pos < end && (buf[pos] == '+' || buf[pos] == '-')) {
                pos++;
            }
            int exp = 0;
            while (pos < end && buf[pos] >= '0' && buf[pos] <= '9') {
                pos++;
                exp++;
            }
            if (exp == 0) {
                throw Malformed.INSTANCE;
            }
        }
        if (pos == start) {
            throw Malformed.INSTANCE;
        }
    }

    final void literal(String word) {
        for (int k = 0; k < word.length(); k++) {
            if (pos >= end || buf[pos++] != word.charAt(k)) {
                throw Malformed.INSTANCE;
            }
        }
    }

    final byte peek() {
        if (pos >= end) {
            throw Malformed.INSTANCE;
        }
        return buf[pos];
    }

    final void skipWs() {
        // Servers send compact JSON: almost every call finds a byte above the space and returns at once.
        while (pos < end && buf[pos] <= ' ' && isWs(buf[pos])) {
            pos++;
        }
    }

    static boolean isWs(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    final boolean key(int start, int stop, byte[] word) {
        if (stop - start != word.length) {
            return false;
        }
        for (int k = 0; k < word.length; k++) {
            if (buf[start + k] != word[k]) {
                return false;
            }
        }
        return true;
    }

    static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Control flow for invalid input; preallocated and stackless, so malformed chunks cost nothing extra. */
    static final class Malformed extends RuntimeException {
        static final Malformed INSTANCE = new Malformed();

        private Malformed() {
            super("malformed JSON", null, false, false);
        }
    }
}

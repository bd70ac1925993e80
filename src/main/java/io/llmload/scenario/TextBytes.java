package io.llmload.scenario;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Bytes read as UTF-8 text, strictly: a byte that is not UTF-8, or a NUL (a binary file), is
 * reported with its offset instead of becoming U+FFFD or a decoder's "Input length = 1". Used for
 * scenario, dataset and trace files alike. Thread contract: stateless; any thread.
 */
public final class TextBytes {
    private TextBytes() {
    }

    /** What is wrong with some bytes, and at which of them (0-based, from the start of what was decoded). */
    public static final class NotText extends Exception {
        private final int index;

        NotText(int index, String message) {
            super(message, null, false, false);
            this.index = index;
        }

        /** The offending byte's index in what was decoded. */
        public int index() {
            return index;
        }

        /** The problem, with the byte's offset in the file ({@code start}: the file offset of what was decoded). */
        public String describe(long start) {
            return String.format(Locale.ROOT, getMessage(), start + index);
        }
    }

    /** A NUL byte at {@code index}: the mark of a binary file (or of UTF-16 text). */
    public static NotText nul(int index) {
        return new NotText(index, "not text: a NUL byte at byte offset %d (a binary file, or UTF-16 text: save it as UTF-8)");
    }

    /** {@code bytes[offset, offset + length)} as text. */
    public static String decode(byte[] bytes, int offset, int length) throws NotText {
        if (length >= 2 && ((bytes[offset] == (byte) 0xFE && bytes[offset + 1] == (byte) 0xFF)
                || (bytes[offset] == (byte) 0xFF && bytes[offset + 1] == (byte) 0xFE))) {
            throw new NotText(0, "not UTF-8 text at byte offset %d: UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8");
        }
        int nul = -1;
        for (int i = offset; i < offset + length && nul < 0; i++) {
            if (bytes[i] == 0) {
                nul = i - offset;
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        CharBuffer out = CharBuffer.allocate(length + 1);
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        int bad = r.isError() ? in.position() - offset : -1;
        // whichever comes first: what a reader meets first is what is wrong
        if (nul >= 0 && (bad < 0 || nul < bad)) {
            throw nul(nul);
        }
        if (bad >= 0) {
            throw new NotText(bad, "not UTF-8 text at byte offset %d " + String.format(Locale.ROOT, "(0x%02X)", bytes[offset + bad] & 0xFF)
                    + ": save the file as UTF-8");
        }
        return out.flip().toString();
    }

    /** The 1-based line and column of byte {@code index} of {@code bytes}, for a location. */
    public static int[] lineAndColumn(byte[] bytes, int offset, int index) {
        int line = 1;
        int lineStart = offset;
        for (int i = offset; i < offset + index; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        String before = new String(bytes, lineStart, offset + index - lineStart, StandardCharsets.UTF_8);
        return new int[] {line, before.codePointCount(0, before.length()) + 1};
    }
}

package io.llmload.workload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Passes bytes through while checking that they are UTF-8 text, for a file a parser reads as a
 * stream (a dataset that is one JSON array): the first byte that is not (or a NUL: a binary file)
 * fails the read with its line, column and offset in the file, where Jackson would say "Invalid
 * UTF-8 middle byte" at the byte after it. The same rules as Java's UTF-8 decoder: no overlong
 * forms, no surrogates, nothing past U+10FFFF.
 *
 * <p>Thread contract: one reader's, on one thread.
 */
final class Utf8CheckedStream extends FilterInputStream {
    /** Bytes that are not UTF-8 text, and where. */
    static final class NotText extends IOException {
        private final long line;
        private final long column;

        NotText(long line, long column, String message) {
            super(message);
            this.line = line;
            this.column = column;
        }

        long line() {
            return line;
        }

        long column() {
            return column;
        }
    }

    private long offset;
    private long line;
    private long column;
    /** Continuation bytes the current character still needs, and the range its next one must be in. */
    private int pending;
    private int low = 0x80;
    private int high = 0xBF;
    private long leadOffset;
    private int lead;

    /** The other arguments: what of the file was read before {@code in}'s position (bytes, lines, bytes of the line). */
    Utf8CheckedStream(InputStream in, long bytesBefore, long linesBefore, long columnsBefore) {
        super(in);
        this.offset = bytesBefore;
        this.line = 1 + linesBefore;
        this.column = 1 + columnsBefore;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            end();
        } else {
            check(b);
        }
        return b;
    }

    @Override
    public int read(byte[] bytes, int from, int length) throws IOException {
        int n = in.read(bytes, from, length);
        if (n < 0) {
            end();
        }
        for (int i = 0; i < n; i++) {
            check(bytes[from + i] & 0xFF);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes would go unchecked; read them instead.
        byte[] sink = new byte[(int) Math.min(8192, Math.max(0, n))];
        long done = 0;
        while (done < n) {
            int r = read(sink, 0, (int) Math.min(sink.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void check(int b) throws NotText {
        if (pending > 0) {
            if (b < low || b > high) {
                throw bad(leadOffset, lead);
            }
            pending--;
            low = 0x80;
            high = 0xBF;
        } else if (b == 0) {
            throw new NotText(line, column, String.format(Locale.ROOT,
                    "not text: a NUL byte at byte offset %d (a binary file, or UTF-16 text: save it as UTF-8)", offset));
        } else if (b >= 0x80) {
            leadOffset = offset;
            lead = b;
            if (b >= 0xC2 && b <= 0xDF) {
                pending = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                pending = 2;
                low = b == 0xE0 ? 0xA0 : 0x80;
                high = b == 0xED ? 0x9F : 0xBF;
            } else if (b >= 0xF0 && b <= 0xF4) {
                pending = 3;
                low = b == 0xF0 ? 0x90 : 0x80;
                high = b == 0xF4 ? 0x8F : 0xBF;
            } else {
                throw bad(offset, b);
            }
        }
        if (pending == 0) {
            if (b == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        offset++;
    }

    private void end() throws NotText {
        if (pending > 0) {
            throw bad(leadOffset, lead);
        }
    }

    private NotText bad(long at, int b) {
        return new NotText(line, column, String.format(Locale.ROOT, "not UTF-8 text at byte offset %d (0x%02X): save the file as UTF-8", at, b));
    }
}

package io.llmload.client;

import java.util.Arrays;

/**
 * Incremental Server-Sent Events parser (WHATWG "event stream" rules) over bytes as they arrive.
 * Accepts LF, CRLF and bare CR line ends, events split across reads at any byte, several events
 * per read, {@code :} comments, multi-line {@code data:} (joined with LF), and the
 * {@code event:}/{@code id:}/{@code retry:} fields. An event is dispatched at a blank line when
 * its data is non-empty; an unterminated last line at end of stream is dropped, as the spec says.
 *
 * <p>Thread contract: one parser per in-flight response, used from that response's event loop
 * only. It keeps two growable arrays across calls and allocates nothing per event once they are
 * large enough, so it can be {@link #reset() reset} and reused for the next request.
 */
public final class SseParser {

    /** Receives each dispatched event; {@code data} is only valid during the call. */
    public interface Listener {
        void onEvent(byte[] data, int length, boolean errorEvent);
    }

    /** Thrown (and the stream abandoned) when a line or event grows past the size limit. */
    public static final class TooLargeException extends RuntimeException {
        TooLargeException(int limit) {
            super("an SSE event exceeded " + limit + " bytes", null, false, false);
        }
    }

    private static final int RETAINED_BYTES = 64 * 1024;
    /** Small: every virtual user keeps a parser; a chat chunk is a few hundred bytes, and both grow as needed. */
    private static final int INITIAL_BYTES = 512;
    private static final byte[] NEWLINE = {'\n'};
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] DATA = {'d', 'a', 't', 'a'};
    private static final byte[] EVENT = {'e', 'v', 'e', 'n', 't'};
    private static final byte[] ERROR = {'e', 'r', 'r', 'o', 'r'};

    private final Listener listener;
    private final int maxEventBytes;
    private byte[] line = new byte[INITIAL_BYTES];
    private int lineLength;
    private byte[] data = new byte[INITIAL_BYTES];
    private int dataLength;
    private boolean hasData;
    private boolean errorEvent;
    private boolean lastWasCr;
    private boolean atStart = true;
    private int bomMatched;

    public SseParser(Listener listener, int maxEventBytes) {
        this.listener = listener;
        this.maxEventBytes = maxEventBytes;
    }

    /**
     * Forgets any partial state, ready for a new stream. Buffers that one huge event grew are
     * given back, so a hostile answer does not pin megabytes per virtual user for the rest of the run.
     */
    public void reset() {
        if (line.length > RETAINED_BYTES) {
            line = new byte[INITIAL_BYTES];
        }
        if (data.length > RETAINED_BYTES) {
            data = new byte[INITIAL_BYTES];
        }
        lineLength = 0;
        dataLength = 0;
        hasData = false;
        errorEvent = false;
        lastWasCr = false;
        atStart = true;
        bomMatched = 0;
    }

    /** Feeds {@code length} bytes from {@code bytes[offset]}. */
    public void feed(byte[] bytes, int offset, int length) {
        int end = offset + length;
        int i = offset;
        if (atStart) {
            i = skipBom(bytes, i, end);
        }
        while (i < end) {
            if (lastWasCr) {
                lastWasCr = false;
                if (bytes[i] == '\n') {
                    i++;
                    continue;
                }
            }
            int lineEnd = lineEnd(bytes, i, end);
            if (lineEnd == end) {
                appendLine(bytes, i, end - i);
                return;
            }
            lastWasCr = bytes[lineEnd] == '\r';
            if (lineLength == 0) {
                processLine(bytes, i, lineEnd - i);
            } else {
                appendLine(bytes, i, lineEnd - i);
                processLine(line, 0, lineLength);
                lineLength = 0;
            }
            i = lineEnd + 1;
        }
    }

    /** The index of the first CR or LF in {@code bytes[from..end)}, or {@code end}; eight bytes at a time. */
    private static int lineEnd(byte[] bytes, int from, int end) {
        int i = from;
        while (i + 8 <= end) {
            long ends = Swar.lineEnds((long) Swar.LONGS.get(bytes, i));
            if (ends != 0) {
                return i + (Long.numberOfTrailingZeros(ends) >>> 3);
            }
            i += 8;
        }
        while (i < end && bytes[i] != '\n' && bytes[i] != '\r') {
            i++;
        }
        return i;
    }

    /** Skips a UTF-8 BOM opening the stream, even when it is split across reads. */
    private int skipBom(byte[] bytes, int i, int end) {
        while (i < end && bomMatched < BOM.length) {
            if (bytes[i] != BOM[bomMatched]) {
                // Not a BOM after all: the bytes taken so far belong to the first line.
                appendLine(BOM, 0, bomMatched);
                atStart = false;
                return i;
            }
            bomMatched++;
            i++;
        }
        if (bomMatched == BOM.length) {
            atStart = false;
        }
        return i;
    }

    private void processLine(byte[] buf, int start, int length) {
        if (length == 0) {
            dispatch();
            return;
        }
        if (buf[start] == ':') {
            return;
        }
        int colon = -1;
        for (int k = start; k < start + length; k++) {
            if (buf[k] == ':') {
                colon = k;
                break;
            }
        }
        int nameLength = colon < 0 ? length : colon - start;
        int valueStart = colon < 0 ? start + length : colon + 1;
        if (valueStart < start + length && buf[valueStart] == ' ') {
            valueStart++;
        }
        int valueLength = start + length - valueStart;
        if (matches(buf, start, nameLength, DATA)) {
            if (hasData) {
                appendData(NEWLINE, 0, 1);
            }
            appendData(buf, valueStart, valueLength);
            hasData = true;
        } else if (matches(buf, start, nameLength, EVENT)) {
            errorEvent = matches(buf, valueStart, valueLength, ERROR);
        }
        // id: and retry: only matter for reconnection, which a benchmark never does; unknown fields are ignored.
    }

    private void dispatch() {
        if (hasData) {
            listener.onEvent(data, dataLength, errorEvent);
        }
        dataLength = 0;
        hasData = false;
        errorEvent = false;
    }

    private void appendLine(byte[] src, int start, int length) {
        line = ensure(line, lineLength + length);
        System.arraycopy(src, start, line, lineLength, length);
        lineLength += length;
    }

    private void appendData(byte[] src, int start, int length) {
        data = ensure(data, dataLength + length);
        System.arraycopy(src, start, data, dataLength, length);
        dataLength += length;
    }

    private byte[] ensure(byte[] array, int needed) {
        if (needed > maxEventBytes) {
            throw new TooLargeException(maxEventBytes);
        }
        if (needed <= array.length) {
            return array;
        }
        return Arrays.copyOf(array, Math.min(maxEventBytes, Math.max(needed, array.length * 2)));
    }

    private static boolean matches(byte[] buf, int start, int length, byte[] word) {
        if (length != word.length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (buf[start + k] != word[k]) {
                return false;
            }
        }
        return true;
    }
}

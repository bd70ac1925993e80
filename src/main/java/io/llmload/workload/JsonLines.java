package io.llmload.workload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.InputStream;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.scenario.ParserMessages;
import io.llmload.scenario.TextBytes;
import java.util.Arrays;
import java.util.Locale;

/**
 * The lines of a JSON Lines file (a dataset, a trace), each bounded in length while it is read: a
 * line past {@link #MAX_LINE_BYTES} is refused before any of it is parsed, and never held whole (a
 * 50 MB line, or a file with no line break at all, costs 16 MiB at most). Lines must be UTF-8 text
 * ({@link TextBytes}: a binary file is said to be one, with the offset of its first bad byte). A
 * {@code \r} before the {@code \n}, and a UTF-8 byte-order mark at the start, are dropped.
 *
 * <p>Thread contract: one reader, one thread that may block (never an event loop).
 */
public final class JsonLines {
    /** The longest line (one dataset entry or trace record), in bytes: four times a million-token prompt. */
    public static final int MAX_LINE_BYTES = 16 << 20;
    private static final int READ_BYTES = 1 << 16;
    private static final int KEEP_BYTES = 1 << 20;

    /** A line that cannot be read as text: where, and what is wrong. Reading cannot go on past it. */
    static final class BadLine extends Exception {
        private final long line;
        private final int column;

        BadLine(long line, int column, String message) {
            super(message, null, false, false);
            this.line = line;
            this.column = column;
        }

        long line() {
            return line;
        }

        int column() {
            return column;
        }
    }

    /** A line that is not valid JSON: the column, and what is wrong in the user's words. */
    static final class BadJson extends Exception {
        private final int column;

        BadJson(int column, String message) {
            super(message, null, false, false);
            this.column = column;
        }

        int column() {
            return column;
        }
    }

    /**
     * One line as a JSON tree. Parsed through a parser of its own, so that an error Jackson gives
     * no location (a nesting-depth limit) is placed where the parser stood, where the nesting is.
     */
    static JsonNode tree(ObjectMapper mapper, String text) throws IOException, BadJson {
        try (JsonParser parser = mapper.getFactory().createParser(text)) {
            try {
                return mapper.readTree(parser);
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation() != null && e.getLocation().getColumnNr() > 0 ? e.getLocation() : parser.currentLocation();
                throw new BadJson(Math.max(1, at.getColumnNr()), "not valid JSON: " + ParserMessages.of(e, "JSON"));
            }
        }
    }

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[READ_BYTES];
    private int position;
    private int limit;
    private boolean eof;
    private byte[] line = new byte[1024];
    private int length;
    private long number;
    /** The file offset of the next line's first byte. */
    private long offset;

    JsonLines(InputStream in) {
        this(in, MAX_LINE_BYTES, 0, 0);
    }

    /**
     * @param linesBefore lines of the file already read from {@code in}, so that line numbers count them
     * @param bytesBefore bytes already read, so that byte offsets count them
     */
    JsonLines(InputStream in, int maxLineBytes, long linesBefore, long bytesBefore) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.number = linesBefore;
        this.offset = bytesBefore;
    }

    /**
     * A JSON parser factory whose strings are bounded like lines: a JSON array file (a ShareGPT
     * dataset) is one document, so its entries cannot be bounded line by line; Jackson's
     * {@link StreamReadConstraints} bound each string value instead, as it is read.
     */
    static JsonFactory jsonFactory() {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_LINE_BYTES).build())
                .build();
    }

    /** The number of the line {@link #next} returned last (1-based). */
    long lineNumber() {
        return number;
    }

    /** What to do with one non-blank line; false stops the reading. */
    @FunctionalInterface
    interface LineHandler {
        boolean line(String text, long line) throws IOException;
    }

    /**
     * Hands each non-blank line to {@code handler} until the end of the file, until it returns false,
     * or until a line cannot be read as text (that line's problem is added to {@code problems}).
     */
    void forEachLine(DatasetProblems problems, LineHandler handler) throws IOException {
        while (true) {
            String text;
            try {
                text = next();
            } catch (BadLine bad) {
                problems.add(bad.line(), bad.column(), bad.getMessage());
                return;
            }
            if (text == null) {
                return;
            }
            if (!text.isBlank() && !handler.line(text, lineNumber())) {
                return;
            }
        }
    }

    /** The next line without its line break, or null at the end of the file. */
    String next() throws IOException, BadLine {
        length = 0;
        if (line.length > KEEP_BYTES) {
            line = new byte[1024]; // one long line is no reason to hold its buffer for the rest of the file
        }
        boolean any = false;
        while (true) {
            if (position == limit) {
                if (eof || !fill()) {
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            any = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            append(start, position - start);
            if (position < limit) {
                position++; // the line break
                break;
            }
        }
        number++;
        long lineOffset = offset;
        offset += length + 1;
        int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        int from = lineOffset == 0 && end >= 3 && line[0] == (byte) 0xEF && line[1] == (byte) 0xBB && line[2] == (byte) 0xBF ? 3 : 0;
        try {
            return TextBytes.decode(line, from, end - from);
        } catch (TextBytes.NotText e) {
            throw new BadLine(number, TextBytes.lineAndColumn(line, from, e.index())[1], e.describe(lineOffset + from));
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            eof = true;
            position = limit = 0;
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    private void append(int from, int n) throws BadLine {
        if ((long) length + n > maxLineBytes) {
            throw new BadLine(number + 1, 1, String.format(Locale.ROOT,
                    "this line is longer than %s, the limit for one line; reading stopped here", size(maxLineBytes)));
        }
        if (length + n > line.length) {
            line = Arrays.copyOf(line, (int) Math.min(maxLineBytes, Math.max((long) length + n, 2L * line.length)));
        }
        System.arraycopy(buffer, from, line, length, n);
        length += n;
    }

    private static String size(int bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }
}

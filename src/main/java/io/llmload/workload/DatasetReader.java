package io.llmload.workload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.scenario.DatasetSpec;
import io.llmload.scenario.ParserMessages;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Streams a dataset file entry by entry, never holding more than one entry: JSONL (one JSON object
 * per line) or one JSON array of objects, told apart by the first character. Each object is read
 * as {@code openai} ({@code {messages: [...], max_tokens?}}) or {@code sharegpt}
 * ({@code {conversations: [{from, value}]}}) by {@link DatasetFormats}. Malformed entries are
 * recorded at {@code file:line:col} and reading goes on (up to {@link DatasetProblems#LIMIT});
 * entries with nothing to send are counted as skipped.
 *
 * <p>Thread contract: one reader per file read, on a thread that may block (never an event loop).
 */
final class DatasetReader {
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonLines.jsonFactory());
    private static final JsonFactory JSON = MAPPER.getFactory();

    /** What a read found, besides the entries. */
    static final class Counts {
        long entries;
        long skippedEmpty;
    }

    private final Path file;
    private final String format;
    private final DatasetProblems problems;
    private final Counts counts = new Counts();
    private final boolean turns;
    /** Blank lines before the first entry, skipped before reading lines: JSON Lines numbers count them. */
    private long leadingLines;
    /** Bytes skipped with them (a byte-order mark, whitespace), so that byte offsets count them. */
    private long leadingBytes;
    /** Of those, the ones on the first entry's line. */
    private long leadingColumns;

    DatasetReader(Path file, String format, DatasetProblems problems) {
        this(file, format, problems, false);
    }

    /** @param turns keep each entry's later user turns too (for conversations) */
    DatasetReader(Path file, String format, DatasetProblems problems, boolean turns) {
        this.file = file;
        this.format = format;
        this.problems = problems;
        this.turns = turns;
    }

    Counts counts() {
        return counts;
    }

    /** Reads the whole file, handing each usable entry to {@code sink}. */
    void read(Consumer<DatasetEntry> sink) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            if (firstSignificantByte(in) == '[') {
                readArray(in, sink);
            } else {
                readLines(in, sink);
            }
        }
    }

    private void readLines(InputStream in, Consumer<DatasetEntry> sink) throws IOException {
        new JsonLines(in, JsonLines.MAX_LINE_BYTES, leadingLines, leadingBytes).forEachLine(problems, (text, line) -> {
            JsonNode node;
            try {
                node = JsonLines.tree(MAPPER, text);
            } catch (JsonLines.BadJson e) {
                return problems.add(line, e.column(), e.getMessage());
            }
            return take(node, line, 1, sink);
        });
    }

    private void readArray(InputStream in, Consumer<DatasetEntry> sink) throws IOException {
        try (JsonParser parser = JSON.createParser(new Utf8CheckedStream(in, leadingBytes, leadingLines, leadingColumns))) {
            parser.nextToken(); // the opening bracket, already seen
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    problems.add(parser.currentLocation().getLineNr(), parser.currentLocation().getColumnNr(),
                            "the JSON array is not closed (the file ends early)");
                    return;
                }
                JsonLocation at = parser.currentTokenLocation();
                JsonNode node = MAPPER.readTree(parser);
                if (!take(node, at.getLineNr(), at.getColumnNr(), sink)) {
                    return;
                }
            }
        } catch (Utf8CheckedStream.NotText e) {
            problems.add(e.line(), e.column(), e.getMessage() + " (reading stopped here)");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            problems.add(at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                    "not valid JSON: " + ParserMessages.of(e, "JSON") + " (reading stopped here)");
        }
    }

    /** Converts and hands on one entry; false when reading should stop. */
    private boolean take(JsonNode node, long line, long column, Consumer<DatasetEntry> sink) {
        DatasetFormats.Result r = DatasetSpec.SHAREGPT.equals(format)
                ? DatasetFormats.sharegpt(node, line, turns) : DatasetFormats.openai(node, line, turns);
        if (r.error() != null) {
            return problems.add(line, column, r.error());
        }
        if (r.entry() == null) {
            counts.skippedEmpty++;
            return true;
        }
        counts.entries++;
        sink.accept(r.entry());
        return true;
    }

    /**
     * Skips a byte-order mark and whitespace, counting the lines passed in {@link #leadingLines};
     * returns the first other byte without consuming it (-1 at the end).
     */
    private int firstSignificantByte(InputStream in) throws IOException {
        while (true) {
            in.mark(4);
            int b = in.read();
            if (b == 0xEF) {
                in.read();
                in.read(); // UTF-8 byte-order mark
                leadingBytes += 3;
                continue;
            }
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                in.reset();
                return b;
            }
            leadingBytes++;
            leadingColumns++;
            if (b == '\n') {
                leadingLines++;
                leadingColumns = 0;
            }
        }
    }
}

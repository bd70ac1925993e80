package io.llmload.workload;

import io.llmload.scenario.ScenarioException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The check of a trace file before a run: streams it line by line (never whole), parses every
 * record, and reports bad ones at {@code file:line:col} (up to {@link DatasetProblems#LIMIT});
 * records must be in time order, since they are replayed in file order. Blocking: call it while
 * planning, never on an event loop.
 */
final class TraceScan {
    static final String PATH = "load.trace";

    private TraceScan() {
    }

    /** What a trace holds: how many records, their first and last times, and what kinds. */
    record Info(long records, double firstMs, double lastMs, long withLengths, long withMessages, long withHashIds) {
        long fromWorkload() {
            return records - withLengths - withMessages;
        }
    }

    static Info scan(Path file) throws ScenarioException {
        return scan(file, io.llmload.scenario.TraceSpec.MOONCAKE_BLOCK_TOKENS);
    }

    /** {@code blockSize}: tokens per hash id of a Mooncake record. */
    static Info scan(Path file, int blockSize) throws ScenarioException {
        String name = file.toString();
        DatasetProblems problems = new DatasetProblems(name, PATH);
        long records = 0;
        long lengths = 0;
        long messages = 0;
        long hashed = 0;
        double first = 0;
        double last = -1;
        try (InputStream in = Files.newInputStream(file)) {
            JsonLines lines = new JsonLines(in);
            while (true) {
                String text;
                try {
                    text = lines.next();
                } catch (JsonLines.BadLine bad) {
                    problems.add(bad.line(), bad.column(), bad.getMessage());
                    break;
                }
                if (text == null) {
                    break;
                }
                long line = lines.lineNumber();
                if (text.isBlank()) {
                    continue;
                }
                TraceLines.Result r = TraceLines.parse(text, line, records, blockSize);
                if (r.error() != null) {
                    if (!problems.add(line, r.column(), r.error())) {
                        break;
                    }
                    continue;
                }
                TraceRecord rec = r.record();
                if (records > 0 && rec.timestampMs() < last) {
                    if (!problems.add(line, 1, "its time " + num(rec.timestampMs()) + " ms is earlier than the record before ("
                            + num(last) + " ms); records are replayed in file order, so sort the trace by time")) {
                        break;
                    }
                }
                if (records == 0) {
                    first = rec.timestampMs();
                }
                last = Math.max(last, rec.timestampMs());
                records++;
                lengths += rec.hasLengths() ? 1 : 0;
                messages += rec.hasMessages() ? 1 : 0;
                hashed += rec.hasHashIds() ? 1 : 0;
            }
        } catch (IOException e) {
            throw DatasetProblems.fatal(name, PATH, "cannot read the trace: " + e.getMessage());
        }
        problems.throwIfAny();
        if (records == 0) {
            throw DatasetProblems.fatal(name, PATH, "the trace has no records");
        }
        return new Info(records, first, last, lengths, messages, hashed);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}

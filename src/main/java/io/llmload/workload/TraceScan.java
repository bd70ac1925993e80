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
        Tally tally = new Tally(problems, blockSize);
        try (InputStream in = Files.newInputStream(file)) {
            new JsonLines(in).forEachLine(problems, tally::line);
        } catch (IOException e) {
            throw DatasetProblems.fatal(name, PATH, "cannot read the trace: " + e.getMessage());
        }
        problems.throwIfAny();
        if (tally.records == 0) {
            throw DatasetProblems.fatal(name, PATH, "the trace has no records");
        }
        return new Info(tally.records, tally.first, tally.last, tally.lengths, tally.messages, tally.hashed);
    }

    /** The records read so far; a bad one goes to the problems, and false stops at their limit. */
    private static final class Tally {
        private final DatasetProblems problems;
        private final int blockSize;
        long records;
        long lengths;
        long messages;
        long hashed;
        double first;
        double last = -1;

        Tally(DatasetProblems problems, int blockSize) {
            this.problems = problems;
            this.blockSize = blockSize;
        }

        boolean line(String text, long line) {
            TraceLines.Result r = TraceLines.parse(text, line, records, blockSize);
            if (r.error() != null) {
                return problems.add(line, r.column(), r.error());
            }
            TraceRecord rec = r.record();
            if (records > 0 && rec.timestampMs() < last
                    && !problems.add(line, 1, "its time " + num(rec.timestampMs()) + " ms is earlier than the record before ("
                            + num(last) + " ms); records are replayed in file order, so sort the trace by time")) {
                return false;
            }
            if (records == 0) {
                first = rec.timestampMs();
            }
            last = Math.max(last, rec.timestampMs());
            records++;
            lengths += rec.hasLengths() ? 1 : 0;
            messages += rec.hasMessages() ? 1 : 0;
            hashed += rec.hasHashIds() ? 1 : 0;
            return true;
        }
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}

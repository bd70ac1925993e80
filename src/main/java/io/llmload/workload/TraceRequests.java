package io.llmload.workload;

import io.llmload.scenario.TraceSpec;
import io.llmload.scenario.ScenarioException;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What a trace replay sends ({@code load.trace}): each record's own request — a synthetic prompt of
 * its recorded lengths, or its recorded messages — or, for records with neither, the scenario's
 * workload. The file is checked whole when the run is planned ({@link TraceScan}); during the run
 * the drivers stream it again and turn each record into a body with {@link #body(TraceRecord)}, so
 * a large trace is never held in memory. A record's index is its request's sequence number.
 *
 * <p>Thread contract: immutable; any thread.
 */
public final class TraceRequests implements RequestSource {
    private final TraceSpec spec;
    private final TraceScan.Info info;
    private final RequestSource workload;
    private final SyntheticPrompts lengths;
    private final BodyTemplate template;

    private TraceRequests(TraceSpec spec, TraceScan.Info info, RequestSource workload, SyntheticPrompts lengths, BodyTemplate template) {
        this.spec = spec;
        this.info = info;
        this.workload = workload;
        this.lengths = lengths;
        this.template = template;
    }

    /**
     * Checks the trace file (blocking). {@code lengths} makes prompts of recorded lengths; the
     * workload serves records that give none.
     */
    static TraceRequests load(TraceSpec spec, RequestSource workload, Supplier<SyntheticPrompts> lengths, BodyTemplate template)
            throws ScenarioException {
        TraceScan.Info info = TraceScan.scan(spec.path());
        return new TraceRequests(spec, info, workload, info.withLengths() > 0 ? lengths.get() : null, template);
    }

    public Path path() {
        return spec.path();
    }

    /** Records in the trace. */
    public long records() {
        return info.records();
    }

    public double timeScale() {
        return spec.timeScale();
    }

    /** From the first record's time to the last's, scaled, in nanoseconds. */
    public long spanNanos() {
        return offsetNanos(info.lastMs());
    }

    /** When a record is due, in nanoseconds from the replay's start (the first record's time), scaled. */
    public long offsetNanos(TraceRecord record) {
        return offsetNanos(record.timestampMs());
    }

    private long offsetNanos(double timestampMs) {
        return Math.max(0, Math.round((timestampMs - info.firstMs()) * spec.timeScale() * 1e6));
    }

    /** Reads one line of the file during the run; null when it is not a record (blank, or changed since the check). */
    public TraceRecord parse(String text, long line, long index) {
        if (text.isBlank()) {
            return null;
        }
        return TraceLines.parse(text, line, index).record();
    }

    /** The body of a record's request. */
    public Buffer body(TraceRecord record) {
        if (record.hasMessages()) {
            return template.encode(record.messages(), record.outputTokens());
        }
        if (record.hasLengths()) {
            return lengths.body(record.index(), record.inputTokens(), record.outputTokens());
        }
        return workload.body(record.index());
    }

    /** The workload's body for a sequence number (records without their own request). */
    @Override
    public Buffer body(long sequence) {
        return workload.body(sequence);
    }

    /** The prompt count when every record is counted the same way: all of recorded lengths, or all from the workload. */
    @Override
    public InputTokenTally inputTokens() {
        if (info.withLengths() == info.records()) {
            return lengths.inputTokens();
        }
        return info.fromWorkload() == info.records() ? workload.inputTokens() : null;
    }

    @Override
    public String description() {
        StringBuilder kinds = new StringBuilder();
        append(kinds, info.withLengths(), "of recorded lengths (synthetic prompts)");
        append(kinds, info.withMessages(), "with recorded messages");
        append(kinds, info.fromWorkload(), "from the workload: " + workload.description());
        return String.format(Locale.ROOT, "trace %s: %d records over %.1f s%s, %s", spec.path().getFileName(), info.records(),
                spanNanos() / 1e9, spec.timeScale() == 1 ? "" : String.format(Locale.ROOT, " (time scale %s)", spec.timeScale()), kinds);
    }

    private static void append(StringBuilder out, long n, String what) {
        if (n > 0) {
            out.append(out.length() == 0 ? "" : ", ").append(n).append(' ').append(what);
        }
    }
}

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
 * workload; a Mooncake record's {@code hash_ids} make its prompt of shared blocks. The file is checked whole when the run is planned ({@link TraceScan}); during the run
 * the drivers stream it again and turn each record into a body with {@link #body(TraceRecord)}, so
 * a large trace is never held in memory. A record's index is its request's sequence number.
 * In a distributed run each agent replays a {@link #share} of the records, at their recorded times.
 *
 * <p>Thread contract: immutable; any thread.
 */
public final class TraceRequests implements RequestSource {
    private final TraceSpec spec;
    private final TraceScan.Info info;
    private final RequestSource workload;
    private final SyntheticPrompts lengths;
    private final BodyTemplate template;
    /** This replay's part of the records: those whose index is {@code shareIndex} modulo {@code shareCount}. */
    private final int shareIndex;
    private final int shareCount;

    private TraceRequests(TraceSpec spec, TraceScan.Info info, RequestSource workload, SyntheticPrompts lengths, BodyTemplate template,
                          int shareIndex, int shareCount) {
        this.spec = spec;
        this.info = info;
        this.workload = workload;
        this.lengths = lengths;
        this.template = template;
        this.shareIndex = shareIndex;
        this.shareCount = shareCount;
    }

    /**
     * Checks the trace file (blocking). {@code lengths} makes prompts of recorded lengths; the
     * workload serves records that give none.
     */
    static TraceRequests load(TraceSpec spec, RequestSource workload, Supplier<SyntheticPrompts> lengths, BodyTemplate template)
            throws ScenarioException {
        TraceScan.Info info = TraceScan.scan(spec.path(), spec.blockSize());
        return new TraceRequests(spec, info, workload, info.withLengths() > 0 ? lengths.get() : null, template, 0, 1);
    }

    /**
     * Part {@code index} of {@code count} (a distributed run's agent): the records whose index is
     * {@code index} modulo {@code count}, at their recorded times, so the agents together replay
     * the trace once, as recorded.
     */
    public TraceRequests share(int index, int count) {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("share " + index + " of " + count);
        }
        return new TraceRequests(spec, info, workload, lengths, template, index, count);
    }

    /** Whether the record with this index is this replay's to send, given {@code drivers} drivers and this driver's index. */
    public boolean takes(long recordIndex, int driver, int drivers) {
        long stride = (long) shareCount * drivers;
        return recordIndex % stride == shareIndex + (long) shareCount * driver;
    }

    public Path path() {
        return spec.path();
    }

    /** Records this replay sends: the whole trace's, or its share's. */
    public long records() {
        long all = info.records();
        return all / shareCount + (shareIndex < all % shareCount ? 1 : 0);
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
        return TraceLines.parse(text, line, index, spec.blockSize()).record();
    }

    /** The body of a record's request. */
    public Buffer body(TraceRecord record) {
        if (record.hasMessages()) {
            return template.encodeSent(record.messages(), record.outputTokens());
        }
        if (record.hasHashIds()) {
            return lengths.body(record.index(), record.hashIds(), spec.blockSize(), record.inputTokens(), record.outputTokens());
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
    public SentInputs sentInputs() {
        return template.sent();
    }

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
        append(kinds, info.withLengths() - info.withHashIds(), "of recorded lengths (synthetic prompts)");
        append(kinds, info.withHashIds(), "of recorded lengths and hash_ids (prompts of " + spec.blockSize()
                + "-token blocks, shared where the ids are)");
        append(kinds, info.withMessages(), "with recorded messages");
        append(kinds, info.fromWorkload(), "from the workload: " + workload.description());
        return String.format(Locale.ROOT, "trace %s: %d records over %.1f s%s%s, %s", spec.path().getFileName(), info.records(),
                spanNanos() / 1e9, spec.timeScale() == 1 ? "" : String.format(Locale.ROOT, " (time scale %s)", spec.timeScale()),
                shareCount == 1 ? "" : String.format(Locale.ROOT, "; this share: every %s record from the %s (%d)", ordinal(shareCount),
                        ordinal(shareIndex + 1), records()), kinds);
    }

    private static String ordinal(int n) {
        int tens = n % 100;
        String suffix = tens >= 11 && tens <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }

    private static void append(StringBuilder out, long n, String what) {
        if (n > 0) {
            out.append(out.length() == 0 ? "" : ", ").append(n).append(' ').append(what);
        }
    }
}

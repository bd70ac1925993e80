package io.llmload.load;

import io.llmload.client.ItlBuffer;
import io.llmload.client.RequestOutcome;
import io.llmload.record.RequestRecord;
import io.llmload.record.RequestSink;
import io.llmload.record.RunTags;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one lane's ended requests into {@link RequestRecord}s for the run's {@link RequestSink}
 * ({@code requests.jsonl}). Thread contract: called on the drivers' event loops; stateless but
 * for the sink, which never blocks.
 */
final class RequestRecorder {
    static final RequestRecorder NONE = new RequestRecorder(RequestSink.NONE, null, null, null);
    private final RequestSink sink;
    private final LanePlan lane;
    private final RunClock clock;
    private final String variant;
    private final boolean stages;
    private final boolean turns;

    RequestRecorder(RequestSink sink, LanePlan lane, RunClock clock, String variant) {
        this.sink = sink;
        this.lane = lane;
        this.clock = clock;
        this.variant = variant;
        this.stages = lane != null && lane.profile().segments().stream().anyMatch(s -> s.stage() >= 1);
        this.turns = lane != null && lane.requests().maxTurns() > 0;
    }

    /** A recorder for lane {@code laneName} of a run tagged {@code tags} (interleaved variants name the lane's variant). */
    static RequestRecorder of(RequestSink sink, LanePlan lane, RunClock clock) {
        if (!sink.active()) {
            return NONE;
        }
        RunTags tags = sink.tags();
        return new RequestRecorder(sink, lane, clock, tags.lanesAreVariants() ? lane.name() : tags.variant());
    }

    /** Records request {@code seq} (turn {@code turn}) that ended with {@code outcome}; {@code itl} holds its token gaps. */
    void ended(RequestOutcome o, ItlBuffer itl, long seq, int turn, boolean measured) {
        if (sink == RequestSink.NONE) {
            return;
        }
        long start = o.intendedStartNanos();
        long offset = start - clock.runStartNanos();
        RequestOutcome.Phases p = o.phases();
        boolean answered = o.endNanos() != 0;
        List<Double> itlMs = null;
        if (sink.recordTokens() && o.succeeded()) {
            itlMs = new ArrayList<>(itl.size());
            for (int i = 0; i < itl.size(); i++) {
                itlMs.add(itl.micros(i) / 1000.0);
            }
        }
        boolean tokens = o.succeeded();
        RunTags tags = sink.tags();
        sink.accept(new RequestRecord(sink.nextId(), tags.run(), seq, !measured, o.succeeded() ? "ok" : o.errorKind(),
                o.httpStatus() > 0 ? o.httpStatus() : null, variant, tags.sweepPoint(),
                stages ? Math.max(0, lane.profile().stageAt(clock.profileOffset(offset))) : null, turns ? turn : null, null,
                ms(offset), o.sendNanos() != 0 ? ms(o.scheduleLagNanos()) : null,
                p.connectionNanos() >= 0 && !p.newConnection() ? ms(p.connectionNanos()) : null,
                p.connectionNanos() >= 0 && p.newConnection() ? ms(p.connectionNanos()) : null,
                p.headersNanos() >= 0 ? ms(p.headersNanos()) : null,
                o.firstTokenNanos() != 0 ? ms(o.ttftNanos()) : null,
                answered ? ms(o.e2eNanos()) : null,
                tokens && o.inputTokens() >= 0 ? o.inputTokens() : null, tokens && o.inputTokens() >= 0 ? "usage" : null,
                tokens ? o.outputTokens() : null, tokens && o.outputSource() != null ? o.outputSource().label() : null,
                o.retries().size(), o.retries().isEmpty() ? null : List.copyOf(o.retries()), o.finishReason(),
                o.succeeded() ? null : o.errorMessage(), itlMs));
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 1000.0) / 1000.0;
    }
}

package io.llmload.engine;

import io.llmload.check.AbortRule;
import io.llmload.check.Threshold;
import io.llmload.client.ConnectionsOpened;
import io.llmload.load.RunListener;
import io.llmload.metrics.IntervalSnapshot;
import io.llmload.report.CheckFormat;
import io.llmload.result.AbortInfo;
import io.llmload.result.CheckResult;
import io.llmload.result.Summary;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Stops a run as soon as one of its abort_on_fail thresholds can no longer pass ({@link AbortRule}),
 * checked once a second on the measured results so far of the lane it applies to; forwards
 * everything else to the live view it wraps. Thread contract: the listener methods run on the
 * engine's event loop; {@link #aborted} may be read from any thread once the run is over.
 */
public final class AbortWatch implements RunListener {
    /** A threshold to watch on lane {@code lane} of the plan; {@code scope} names the variant or sweep point, or null. */
    public record Watched(int lane, String scope, Threshold threshold) {
    }

    /** The threshold that stopped the run, on which lane, and what it measured then. */
    public record Aborted(Threshold threshold, int lane, AbortInfo info) {
        /** "'error_rate < 10%' [fp8] can no longer pass: measured 48.0% after 24 requests at 3.0 s". */
        public String describe() {
            return "'" + info.expr() + "'" + (info.scope() == null ? "" : " [" + info.scope() + "]") + " can no longer pass: "
                    + evidence();
        }

        /** "measured 48.0% after 24 requests at 3.0 s". */
        public String evidence() {
            return "measured " + CheckFormat.value(new CheckResult(info.expr(), info.value(), false, null)) + " after "
                    + info.requests() + " requests at " + String.format(Locale.ROOT, "%.1f s", info.atS());
        }
    }

    private final RunListener inner;
    private final List<Watched> watched;
    private double elapsedS;
    private volatile Aborted aborted;

    public AbortWatch(RunListener inner, List<Watched> watched) {
        this.inner = inner;
        this.watched = List.copyOf(watched);
    }

    public Aborted aborted() {
        return aborted;
    }

    @Override
    public void started(String targetDescription) {
        inner.started(targetDescription);
    }

    @Override
    public void connectionsOpened(ConnectionsOpened opened) {
        inner.connectionsOpened(opened);
    }

    @Override
    public void tick(IntervalSnapshot interval, double plannedS) {
        elapsedS = interval.elapsedS();
        inner.tick(interval, plannedS);
    }

    @Override
    public boolean stopNow(IntFunction<Summary> soFar) {
        if (aborted != null) {
            return true;
        }
        Map<Integer, Summary> byLane = new HashMap<>();
        for (Watched w : watched) {
            Summary s = byLane.computeIfAbsent(w.lane(), soFar::apply);
            Double value = AbortRule.failing(w.threshold(), s);
            if (value != null) {
                long ended = s.requests().succeeded() + s.requests().failed();
                aborted = new Aborted(w.threshold(), w.lane(), new AbortInfo(w.threshold().expr(), w.scope(), value, ended,
                        Math.round(elapsedS * 10) / 10.0));
                return true;
            }
        }
        return inner.stopNow(soFar);
    }

    @Override
    public void draining(String reason, int inFlight) {
        inner.draining(reason, inFlight);
    }
}

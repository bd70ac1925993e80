package io.llmload.engine;

import io.llmload.engine.AbortWatch;
import io.llmload.engine.LiveListener;
import io.llmload.load.CompositeRunListener;
import io.llmload.load.LanePlan;
import io.llmload.load.RunListener;
import io.llmload.load.RunPlan;
import io.llmload.report.LiveProgress;
import java.util.List;

/**
 * What watches each trial of a campaign, on one machine or a cluster alike: its label and live
 * progress line on the console, the observer (metrics endpoint, server scraper), and the
 * abort_on_fail thresholds; it remembers which threshold stopped a trial early.
 *
 * <p>Thread contract: {@link #begin} and {@link #end} from the thread that runs the trials; the
 * listener they hand out is called on an event loop.
 */
final class TrialWatch {
    private final RunConsole console;
    private final boolean quiet;
    private final RunListener observer;
    private LiveProgress live;
    private AbortWatch watch;
    private AbortWatch.Aborted aborted;
    private AbortWatch.Aborted lastAborted;

    TrialWatch(RunConsole console, boolean quiet, RunListener observer) {
        this.console = console;
        this.quiet = quiet;
        this.observer = observer;
    }

    /** Announces a trial and returns the listener to run it with. */
    RunListener begin(RunPlan plan, String label, List<AbortWatch.Watched> watched) {
        if (label != null && !quiet) {
            console.err().println("── " + label);
        }
        long budget = plan.lanes().stream().allMatch(l -> l.requestsLimit() != null)
                ? plan.lanes().stream().mapToLong(LanePlan::requestsLimit).sum() : 0;
        boolean tokens = plan.lanes().stream().anyMatch(l -> l.client().endpoint().api().streamsTokens());
        live = quiet ? null : console.views().open(budget, plan.warmupMax().toNanos() / 1e9, tokens);
        RunListener listener = CompositeRunListener.of(live == null ? RunListener.NONE : new LiveListener(live), observer);
        watch = watched.isEmpty() ? null : new AbortWatch(listener, watched);
        lastAborted = null;
        return watch == null ? listener : watch;
    }

    /** The trial is over (or failed): ends its progress line and says whether a threshold stopped it. */
    void end() {
        if (live != null) {
            live.finish();
        }
        if (watch != null && watch.aborted() != null) {
            lastAborted = watch.aborted();
            aborted = lastAborted;
            if (!quiet) {
                console.err().println("stopped early (abort_on_fail): " + lastAborted.describe());
            }
        }
        live = null;
        watch = null;
    }

    /** The threshold that stopped the last trial, or null. */
    AbortWatch.Aborted lastAborted() {
        return lastAborted;
    }

    /** The threshold that stopped any trial so far, or null. */
    AbortWatch.Aborted aborted() {
        return aborted;
    }
}

package io.llmload.report;

import io.llmload.metrics.IntervalSnapshot;
import io.llmload.text.Format;
import java.io.PrintStream;

/**
 * The live view while a run goes, on stderr so stdout stays clean for the summary. On a
 * terminal: one status line rewritten every second ({@link StatusLine#terminal}). Otherwise (CI
 * logs, pipes): a plain line at the first interval and then every ten seconds, and the last one
 * when issuing stops. While in-flight requests drain, the line says so; {@link #finish} ends it.
 *
 * <p>It knows nothing of the load driver: the runner adapts its run events into these calls.
 * Thread contract: called from the engine's event loop, one call at a time; it only formats
 * and prints one line per call.
 */
public final class LiveProgress {
    /** How often a log (non-terminal) line is written. */
    static final double LOG_EVERY_S = 10;

    /**
     * @param columns         the terminal's width; the line never wraps
     * @param plannedRequests the measured request budget, 0 when there is none
     * @param warmupS         the warmup, to tell a planned end from a warmup-only plan
     */
    public record Options(boolean terminal, Ansi ansi, int columns, long plannedRequests, double warmupS, boolean tokens) {
        /** The options of a run whose API streams tokens. */
        public Options(boolean terminal, Ansi ansi, int columns, long plannedRequests, double warmupS) {
            this(terminal, ansi, columns, plannedRequests, warmupS, true);
        }
    }

    private final PrintStream out;
    private final Options options;
    private long done;
    private long errors;
    private double previousElapsedS;
    private double lastLoggedS = Double.NEGATIVE_INFINITY;
    private String lastPlain;
    private boolean lastPlainPrinted = true;
    private boolean lineOpen;
    private boolean draining;

    public LiveProgress(PrintStream out, boolean terminal) {
        this(out, new Options(terminal, Ansi.OFF, 100, 0, 0));
    }

    public LiveProgress(PrintStream out, Options options) {
        this.out = out;
        this.options = options;
    }

    /** The run has begun sending; {@code targetDescription} says where. */
    public void started(String targetDescription) {
        out.println("running against " + targetDescription);
    }

    /** The first connections are open and the clock starts: what opening them took, kept out of the first requests. */
    public void connectionsOpened(int count, double medianMs, double maxMs) {
        if (count > 0) {
            out.println("opened " + count + (count == 1 ? " connection" : " connections") + " before the clock started (connect median "
                    + Format.ms(medianMs) + " ms, max " + Format.ms(maxMs) + " ms)");
        }
    }

    /** About a second has passed (or the run's last, shorter interval ended). */
    public void tick(ProgressSnapshot snapshot) {
        IntervalSnapshot interval = snapshot.interval();
        double plannedS = snapshot.plannedS();
        done += interval.succeeded() + interval.failed();
        errors += interval.point().errors();
        LiveStatus status = LiveStatus.of(interval, previousElapsedS, done, errors, plannedS, options.plannedRequests(), options.warmupS(),
                options.tokens());
        if (draining) {
            status = status.asDraining();
        }
        previousElapsedS = interval.elapsedS();
        if (options.terminal()) {
            out.print("\r\033[2K" + StatusLine.terminal(status, options.columns(), options.ansi()));
            out.flush();
            lineOpen = true;
            return;
        }
        lastPlain = StatusLine.plain(status);
        lastPlainPrinted = false;
        if (interval.elapsedS() - lastLoggedS >= LOG_EVERY_S) {
            lastLoggedS = interval.elapsedS();
            out.println(lastPlain);
            lastPlainPrinted = true;
        }
    }

    /** Issuing has stopped for {@code reason}; {@code inFlight} requests are draining. */
    public void draining(String reason, int inFlight) {
        draining = true;
        finish();
        if (!lastPlainPrinted && lastPlain != null) {
            out.println(lastPlain);
            lastPlainPrinted = true;
        }
        if (inFlight > 0) {
            out.println("stopped issuing (" + reason + "); waiting for " + inFlight + " in-flight request(s)");
        }
    }

    /** Ends the status line, if one is open; call when the run is over, before printing anything else. */
    public void finish() {
        if (lineOpen) {
            out.println();
            lineOpen = false;
        }
    }
}

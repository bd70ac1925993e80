package io.llmload.report;

import io.llmload.load.RunListener;
import io.llmload.metrics.IntervalSnapshot;
import io.llmload.result.TimePoint;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The live view while a run goes: on a terminal, one line rewritten every second; otherwise
 * (CI logs) a line every ten seconds. Writes to stderr so stdout stays clean for the summary.
 */
public final class LiveProgress implements RunListener {
    private final PrintStream out;
    private final boolean terminal;
    private long requests;
    private long errors;
    private long lastPrinted = -10;

    public LiveProgress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void started(String targetDescription) {
        out.println("running against " + targetDescription);
    }

    @Override
    public void tick(IntervalSnapshot interval, double plannedS) {
        TimePoint p = interval.point();
        double elapsedS = interval.elapsedS();
        requests += p.requests();
        errors += p.errors();
        String line = String.format(Locale.ROOT, "[%5.0fs%s] %s%,d req · %d/s · %,d tok/s · ttft p50 %s ms · itl p50 %s ms · in-flight %d · errors %,d",
                elapsedS, plannedS > 0 ? String.format(Locale.ROOT, "/%.0fs", plannedS) : "", p.warmup() ? "warmup · " : "",
                requests, p.requests(), p.outputTokens(), Format.ms(p.ttftP50Ms()), Format.ms(p.itlP50Ms()), p.inFlight(), errors);
        if (terminal) {
            out.print("\r\033[2K" + line);
            out.flush();
        } else if (elapsedS - lastPrinted >= 10) {
            lastPrinted = (long) elapsedS;
            out.println(line);
        }
    }

    @Override
    public void draining(String reason, int inFlight) {
        if (terminal) {
            out.println();
        }
        if (inFlight > 0) {
            out.println("stopped issuing (" + reason + "); waiting for " + inFlight + " in-flight request(s)");
        }
    }
}

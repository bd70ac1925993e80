package io.llmload.engine;

import io.llmload.report.LiveProgress;
import java.io.PrintStream;
import java.util.function.Function;

/**
 * What the engine may use of the console that started it: a stream for its notes and warnings
 * (trial labels, "stopped early", cluster lines), the environment it reads API keys from, and a
 * maker of live progress lines. The command line wires these to its terminal; the engine knows
 * nothing of terminals, colours or signals.
 *
 * @param err   where notes and warnings go
 * @param env   the environment (API keys are read from it only)
 * @param views makes the live view of a trial; used only when the run is not quiet
 */
public record RunConsole(PrintStream err, Function<String, String> env, LiveViews views) {

    /** Makes the live progress line of one trial. */
    public interface LiveViews {
        /**
         * @param plannedRequests the measured request budget, 0 when the run has none
         * @param warmupS         the (longest) warmup in seconds
         * @param tokens          the API streams tokens (false for embeddings and rerank)
         */
        LiveProgress open(long plannedRequests, double warmupS, boolean tokens);
    }

    /** This console reading {@code env} instead. */
    public RunConsole withEnv(Function<String, String> other) {
        return new RunConsole(err, other, views);
    }
}

package io.llmload.cli;

import io.llmload.report.LiveProgress;

/** Makes the live view for a console: colours and width from the terminal, the run's budget for the progress bar. */
final class LiveConsole {
    private LiveConsole() {
    }

    /**
     * @param plannedRequests the measured request budget, 0 when the run has none
     * @param warmupS         the (longest) warmup in seconds
     * @param tokens          the API streams tokens
     */
    static LiveProgress progress(Console console, long plannedRequests, double warmupS, boolean tokens) {
        return new LiveProgress(console.err(), new LiveProgress.Options(console.terminal(), TerminalInfo.ansi(console),
                TerminalInfo.columns(console), plannedRequests, warmupS, tokens));
    }
}

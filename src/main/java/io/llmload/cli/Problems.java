package io.llmload.cli;

import io.llmload.scenario.Problem;
import io.llmload.scenario.ScenarioException;
import java.io.IOException;
import java.io.PrintStream;

/** Prints what stopped a command (scenario problems one line each, usage errors) and gives its exit code. */
final class Problems {
    private Problems() {
    }

    static int print(ScenarioException e, PrintStream err) {
        for (Problem p : e.problems()) {
            err.println("error: " + p);
        }
        int n = e.problems().size();
        err.println(n == 1 ? "1 problem; nothing was run." : n + " problems; nothing was run.");
        return ExitCodes.USAGE;
    }

    static int usage(UsageException e, PrintStream err) {
        err.println("error: " + e.getMessage());
        return ExitCodes.USAGE;
    }

    /**
     * The exit code of what can end a run without a result: a bad scenario or usage (2), reports
     * that cannot be written (3), an interrupt while waiting (130, the thread's flag restored).
     */
    static int ofRun(Exception e, PrintStream err) {
        if (e instanceof ScenarioException se) {
            return print(se, err);
        }
        if (e instanceof UsageException ue) {
            return usage(ue, err);
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return ExitCodes.SIGINT;
        }
        if (e instanceof IOException) {
            err.println("error: cannot write the reports: " + e.getMessage());
            return ExitCodes.RUN_FAILED;
        }
        throw new IllegalArgumentException("not a run failure", e);
    }
}

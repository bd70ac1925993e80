package io.llmload.cli;

import io.llmload.scenario.Problem;
import io.llmload.scenario.ScenarioException;
import java.io.PrintStream;

/** Prints scenario problems, one line each, and says how many there were. */
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
}

package io.llmload.engine;

import io.llmload.scenario.Problem;
import io.llmload.scenario.ScenarioException;
import java.io.PrintStream;

/** Prints a refused scenario's problems, one line each (file:line:col, with a did-you-mean), and how many there were. */
public final class ProblemLines {
    private ProblemLines() {
    }

    public static void print(ScenarioException e, PrintStream err) {
        for (Problem p : e.problems()) {
            err.println("error: " + p);
        }
        int n = e.problems().size();
        err.println(n == 1 ? "1 problem; nothing was run." : n + " problems; nothing was run.");
    }
}

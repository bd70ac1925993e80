package io.llmload.scenario;

import java.util.List;

/** The problems a scenario text is refused with, for tests that expect it to be refused. */
final class ScenarioProblems {
    /** Loads one scenario text the way a test sets up its loader. */
    @FunctionalInterface
    interface Load {
        Scenario load(String yaml) throws ScenarioException;
    }

    private ScenarioProblems() {
    }

    /** Each problem as printed ({@code file:line:col: message}); fails the test when the text loads. */
    static List<String> of(Load load, String yaml) {
        try {
            load.load(yaml);
        } catch (ScenarioException e) {
            return e.problems().stream().map(Problem::toString).toList();
        }
        throw new AssertionError("expected problems for:\n" + yaml);
    }
}

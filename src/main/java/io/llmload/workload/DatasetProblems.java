package io.llmload.workload;

import io.llmload.scenario.Location;
import io.llmload.scenario.Problem;
import io.llmload.scenario.ScenarioException;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects what is wrong with a dataset file, each at {@code file:line:col}, up to a limit: past it
 * the reader stops, because a file that is wrong that often is the wrong file.
 */
final class DatasetProblems {
    static final int LIMIT = 20;
    private static final String PATH = "workload.dataset";

    private final String file;
    private final String path;
    private final List<Problem> problems = new ArrayList<>();

    DatasetProblems(String file) {
        this(file, PATH);
    }

    /** @param path the scenario key the file belongs to, named in every problem */
    DatasetProblems(String file, String path) {
        this.file = file;
        this.path = path;
    }

    /** Records a problem; returns false once the limit is reached. */
    boolean add(long line, long column, String message) {
        if (problems.size() < LIMIT) {
            problems.add(new Problem(new Location(file, (int) Math.max(1, line), (int) Math.max(1, column)), path, message));
        }
        return problems.size() < LIMIT;
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Fails with every problem found (and a note when the reader stopped early). */
    void throwIfAny() throws ScenarioException {
        if (problems.isEmpty()) {
            return;
        }
        List<Problem> all = new ArrayList<>(problems);
        if (problems.size() >= LIMIT) {
            all.add(new Problem(new Location(file, 0, 0), path, "stopped reading after " + LIMIT + " bad entries"));
        }
        throw new ScenarioException(all);
    }

    static ScenarioException fatal(String file, String message) {
        return fatal(file, PATH, message);
    }

    static ScenarioException fatal(String file, String path, String message) {
        return new ScenarioException(new Problem(new Location(file, 0, 0), path, message));
    }
}

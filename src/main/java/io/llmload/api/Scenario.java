package io.llmload.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A scenario to run: a YAML file plus the overrides and extra thresholds the caller adds, exactly
 * what {@code llmload run FILE --set PATH=VALUE --threshold EXPR} would run. Immutable: each
 * {@code with…} returns a new scenario. The file is read (and validated) when it runs, so a bad
 * value fails the run with its file:line:col, as on the command line.
 */
public final class Scenario {
    private final Path file;
    private final List<String> overrides;
    private final List<String> thresholds;

    Scenario(Path file, List<String> overrides, List<String> thresholds) {
        this.file = Objects.requireNonNull(file, "file");
        this.overrides = List.copyOf(overrides);
        this.thresholds = List.copyOf(thresholds);
    }

    /** The scenario in {@code file} (YAML, as {@code llmload run} reads it). */
    public static Scenario load(Path file) {
        return new Scenario(file, List.of(), List.of());
    }

    /** The scenario in the file at {@code path}. */
    public static Scenario load(String path) {
        return load(Path.of(path));
    }

    /** A builder for a scenario written from code (target, load, workload, thresholds). */
    public static ScenarioBuilder builder(String name) {
        return new ScenarioBuilder(name);
    }

    /** This scenario with {@code path} set to {@code value}, like {@code --set path=value} (e.g. {@code load.duration}, {@code 3s}). */
    public Scenario with(String path, String value) {
        if (path == null || path.isBlank() || path.contains("=")) {
            throw new IllegalArgumentException("an override path like load.duration, not '" + path + "'");
        }
        List<String> more = new ArrayList<>(overrides);
        more.add(path + "=" + value);
        return new Scenario(file, more, thresholds);
    }

    /** This scenario with one more check, like {@code --threshold 'ttft.p99 < 800ms'}. */
    public Scenario withThreshold(String expr) {
        List<String> more = new ArrayList<>(thresholds);
        more.add(Objects.requireNonNull(expr, "expr"));
        return new Scenario(file, overrides, more);
    }

    /** The YAML file. */
    public Path file() {
        return file;
    }

    /** The overrides, each {@code path=value}, in the order given. */
    public List<String> overrides() {
        return overrides;
    }

    /** The checks added to the file's own {@code thresholds}. */
    public List<String> thresholds() {
        return thresholds;
    }

    @Override
    public String toString() {
        return "Scenario[" + file + (overrides.isEmpty() ? "" : " " + overrides) + (thresholds.isEmpty() ? "" : " " + thresholds) + "]";
    }
}

package io.llmload.engine;

import io.llmload.check.Threshold;
import io.llmload.scenario.Scenario;
import io.llmload.scenario.ScenarioException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * A scenario run end to end, on this machine ({@link BenchmarkRun}) or on a cluster's agents
 * ({@link ClusterBenchmark}): what both shells (the command line, the Java API) drive the same way —
 * start the observability, run, let the metrics endpoint linger, close.
 *
 * <p>Thread contract: {@link #interrupt()} may be called from any thread (a signal handler), at
 * any time; the other methods from one thread, in the order start, execute, linger, close.
 */
public abstract sealed class EngineRun implements AutoCloseable permits BenchmarkRun, ClusterBenchmark {
    /** The run failed; its cause was already reported on the console's err. {@link #kind()} says how. */
    public static final class Failed extends Exception {
        /** A refused setting, the run itself (or its cluster) failing, or an interrupt before anything was measured. */
        public enum Kind { USAGE, RUN_FAILED, INTERRUPTED }

        private final Kind kind;

        Failed(Kind kind, Throwable cause) {
            super(cause);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    final ScenarioSource source;
    final Scenario scenario;
    final List<Threshold> thresholds;
    final BaselineRules baseline;
    final Path dir;
    final RunConsole console;
    final boolean quiet;
    final ToIntFunction<String> exitCodes;
    final Observability observability;
    private volatile boolean interrupted;

    /**
     * A run of {@code s} (loaded from {@code source}) with its checks, an optional baseline, the
     * report directory and {@code exitCodes}, which numbers the verdict's statuses.
     */
    EngineRun(ScenarioSource source, Scenario s, List<Threshold> thresholds, BaselineRules baseline, Path dir, RunConsole console,
            boolean quiet, ToIntFunction<String> exitCodes) {
        this.source = source;
        this.scenario = s;
        this.thresholds = thresholds;
        this.baseline = baseline;
        this.dir = dir;
        this.console = console;
        this.quiet = quiet;
        this.exitCodes = exitCodes;
        this.observability = new Observability(s);
    }

    /** Starts the metrics endpoint and the server scraping; a port in use is a UsageException. */
    public void start() {
        observability.start(console.err(), scenario.load().concurrency() == null ? 0 : scenario.load().concurrency());
    }

    /** Stops issuing requests; the run ends with what was measured and its reports say it was interrupted. */
    public void interrupt() {
        interrupted = true;
        stopTrials();
        observability.stopLingering();
    }

    /** Interrupts the trials made so far; those made later see {@link #interrupted()}. */
    abstract void stopTrials();

    /** Whether {@link #interrupt()} was called. */
    public boolean interrupted() {
        return interrupted;
    }

    /** Runs the campaign and writes the reports. */
    public abstract RunOutcome execute() throws Failed, ScenarioException, IOException, InterruptedException;

    /** Keeps the metrics endpoint up for {@code metrics.linger} after the run (until interrupted). */
    public void linger() throws InterruptedException {
        observability.linger(console.err());
    }

    @Override
    public void close() {
        observability.close();
    }

    /** A failure's message, or its type when it has none. */
    public static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }
}

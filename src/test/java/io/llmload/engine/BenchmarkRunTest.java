package io.llmload.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.scenario.Overrides;
import io.llmload.scenario.Scenario;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's entry point without the CLI: the quick start against the embedded mock on 127.0.0.1. */
class BenchmarkRunTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final RunConsole console = new RunConsole(new PrintStream(err, true, StandardCharsets.UTF_8), k -> null, null);

    private BenchmarkRun run(String duration) throws Exception {
        ScenarioSource source = new ScenarioSource(Path.of("scenarios/quickstart.yaml"), List.of(
                new Overrides.Override("load.duration", duration, "test"), new Overrides.Override("load.warmup", "0s", "test")),
                k -> null);
        Scenario s = source.load();
        // the caller numbers the statuses: a made-up numbering shows the engine uses it
        return new BenchmarkRun(source, s, ThresholdInputs.parse(s, List.of()), null, dir.resolve("out"), console, true,
                status -> status.length());
    }

    @Test
    void runsAScenarioEndToEndAndWritesItsReports() throws Exception {
        RunOutcome outcome;
        try (BenchmarkRun run = run("1s")) {
            run.start();
            outcome = run.execute();
        }
        assertThat(outcome.verdict().status()).isEqualTo("PASS");
        assertThat(outcome.verdict().exitCode()).isEqualTo("PASS".length());
        assertThat(outcome.report().summary().checks()).hasSize(2);
        assertThat(outcome.campaign().summary().requests().succeeded()).isPositive();
        assertThat(outcome.files()).contains(dir.resolve("out/report.json"), dir.resolve("out/requests.jsonl"));
        assertThat(outcome.files()).allMatch(Files::isRegularFile);
        assertThat(outcome.report().run().requestRecords()).isNotNull();
    }

    @Test
    void interruptEndsTheRunEarlyWithPartialResults() throws Exception {
        RunOutcome outcome;
        long t0 = System.nanoTime();
        try (BenchmarkRun run = run("60s")) {
            run.start();
            CompletableFuture.delayedExecutor(1500, TimeUnit.MILLISECONDS).execute(run::interrupt);
            outcome = run.execute();
            assertThat(run.interrupted()).isTrue();
        }
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)).isLessThan(30);
        assertThat(outcome.verdict().status()).isEqualTo("INTERRUPTED");
        assertThat(outcome.verdict().line()).startsWith("INTERRUPTED: partial results written (").endsWith(" requests measured)");
        assertThat(outcome.files()).contains(dir.resolve("out/report.json"));
    }
}

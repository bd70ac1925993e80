package io.llmload.api;

import io.llmload.report.ReportJson;
import io.llmload.result.Report;
import io.llmload.scenario.KnownSecrets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs scenarios from Java, as {@code llmload run} does: the same loader, plan, drivers, checks
 * and report writers (the engine's {@code BenchmarkRun}), in this process, with nothing printed to the caller's console (the output
 * is kept in the {@link RunResult}). Not a shared service: each run starts and stops its own
 * Vert.x; runs may go on side by side. The API key is read from the environment only.
 *
 * <pre>{@code
 * RunResult r = LlmLoad.create().reportsTo(Path.of("target/llmload-reports/ci"))
 *         .runBlocking(Scenario.load("scenarios/ci-check.yaml").with("load.duration", "3s"));
 * assert r.passed() : r.failureMessage();
 * }</pre>
 */
public final class LlmLoad {
    private static final Pattern VERDICT = Pattern.compile("^(PASS|FAIL|DONE|ERROR|INTERRUPTED):.*$", Pattern.MULTILINE);

    private final Path reportDir;
    private final List<String> formats;
    private final Path baseline;
    private final String maxRegression;
    private final Function<String, String> env;

    private LlmLoad(Path reportDir, List<String> formats, Path baseline, String maxRegression, Function<String, String> env) {
        this.reportDir = reportDir;
        this.formats = List.copyOf(formats);
        this.baseline = baseline;
        this.maxRegression = maxRegression;
        this.env = env;
    }

    /** A runner writing JSON and HTML reports to a new directory under {@code target/llmload-reports}. */
    public static LlmLoad create() {
        return new LlmLoad(null, List.of("json", "html"), null, null, System::getenv);
    }

    /** This runner writing its reports into {@code dir} (created when missing). */
    public LlmLoad reportsTo(Path dir) {
        return new LlmLoad(Objects.requireNonNull(dir), formats, baseline, maxRegression, env);
    }

    /** This runner writing these report formats (json, html, csv, junit, md); json is always written. */
    public LlmLoad formats(String... formats) {
        List<String> f = new ArrayList<>(List.of(formats));
        if (!f.contains("json")) {
            f.add(0, "json");
        }
        return new LlmLoad(reportDir, f, baseline, maxRegression, env);
    }

    /** This runner comparing each run with an earlier report.json: a regression beyond noise fails the run. */
    public LlmLoad baseline(Path reportJson, String maxRegression) {
        return new LlmLoad(reportDir, formats, reportJson, maxRegression, env);
    }

    /** This runner reading the environment (API keys) through {@code env} instead of {@link System#getenv}. */
    public LlmLoad environment(Function<String, String> env) {
        return new LlmLoad(reportDir, formats, baseline, maxRegression, Objects.requireNonNull(env));
    }

    /** Runs {@code scenario} on a thread of its own; the stage completes with the result (a failed check is a result, not an error). */
    public CompletionStage<RunResult> run(Scenario scenario) {
        CompletableFuture<RunResult> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                done.complete(runBlocking(scenario));
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
            }
        }, "llmload-run");
        t.setDaemon(true);
        t.start();
        return done;
    }

    /** Runs {@code scenario} and waits for it to end. */
    public RunResult runBlocking(Scenario scenario) {
        Path dir = reportDir != null ? reportDir
                : Path.of("target", "llmload-reports", scenario.file().getFileName().toString().replaceFirst("\\.ya?ml$", "")
                        + "-" + System.currentTimeMillis());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        InProcessRun.Ended ended;
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            ended = InProcessRun.run(scenario, dir, formats, baseline, maxRegression, env, out);
        }
        String text = KnownSecrets.scrub(printed.toString(StandardCharsets.UTF_8));
        Matcher v = VERDICT.matcher(text);
        String verdict = v.find() ? v.group() : null;
        return new RunResult(ended.exitCode(), verdict, readReport(dir.resolve("report.json")), dir, text);
    }

    private static Report readReport(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return ReportJson.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }
}

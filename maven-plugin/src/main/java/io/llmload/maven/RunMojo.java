package io.llmload.maven;

import io.llmload.api.Check;
import io.llmload.api.LlmLoad;
import io.llmload.api.RunResult;
import io.llmload.api.Scenario;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code llmload:run}: runs a scenario as {@code llmload run} does, writes its reports under
 * {@code target/llmload-reports/}, and fails the build when a threshold fails (or, with
 * {@code failOnRegression}, when the comparison with a baseline report finds a regression).
 * Bad input or a run that could not happen is a build error with llmload's own message.
 */
@Mojo(name = "run", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class RunMojo extends AbstractMojo {

    /** The scenario file (YAML). */
    @Parameter(property = "llmload.scenario", required = true)
    private File scenario;

    /** Overrides, as the command line's {@code --set}: element name the path, text the value ({@code <load.duration>3s</load.duration>}). */
    @Parameter
    private Map<String, String> overrides;

    /** Checks added to the scenario's thresholds, e.g. {@code ttft.p99 < 500ms}. */
    @Parameter
    private List<String> thresholds;

    /** An earlier report.json to compare with; a file that does not exist yet (a first run) is skipped with a warning. */
    @Parameter(property = "llmload.baseline")
    private File baseline;

    /** Allowances against the baseline, as {@code --max-regression} (default: llmload's). */
    @Parameter(property = "llmload.maxRegression")
    private String maxRegression;

    /** Whether a regression against the baseline fails the build (else it is logged). */
    @Parameter(property = "llmload.failOnRegression", defaultValue = "true")
    private boolean failOnRegression;

    /** Where the reports go. */
    @Parameter(property = "llmload.reportDir", defaultValue = "${project.build.directory}/llmload-reports/${project.artifactId}")
    private File reportDir;

    /** Report formats besides json (always written): html, csv, junit, md. */
    @Parameter
    private List<String> formats;

    /** Skips the run ({@code -Dllmload.skip}). */
    @Parameter(property = "llmload.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("llmload: skipped");
            return;
        }
        Scenario s = Scenario.load(scenario.toPath());
        if (overrides != null) {
            for (Map.Entry<String, String> o : overrides.entrySet()) {
                s = s.with(o.getKey(), o.getValue());
            }
        }
        if (thresholds != null) {
            for (String t : thresholds) {
                s = s.withThreshold(t);
            }
        }
        List<String> f = new ArrayList<>(List.of("json"));
        f.addAll(formats == null ? List.of("html") : formats);
        LlmLoad llmload = LlmLoad.create().reportsTo(reportDir.toPath()).formats(f.toArray(String[]::new));
        if (baseline != null && baseline.isFile()) {
            llmload = llmload.baseline(baseline.toPath(), maxRegression);
        } else if (baseline != null) {
            getLog().warn("llmload: no baseline " + baseline + " yet; running without a comparison");
        }
        getLog().info("llmload: running " + scenario);
        RunResult r = runWithOwnLoader(llmload, s);
        getLog().info("llmload: " + r.verdict());
        getLog().info("llmload: reports in " + r.reportDir());
        judge(r);
    }

    /** Vert.x, Jackson and Netty look up services through the context class loader: make it this plugin's. */
    private RunResult runWithOwnLoader(LlmLoad llmload, Scenario s) {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(RunMojo.class.getClassLoader());
        try {
            return llmload.runBlocking(s);
        } finally {
            t.setContextClassLoader(before);
        }
    }

    private void judge(RunResult r) throws MojoExecutionException, MojoFailureException {
        if (r.exitCode() != 0 && r.exitCode() != 1) {
            throw new MojoExecutionException("llmload run did not complete (exit " + r.exitCode() + "):\n" + r.output().strip());
        }
        List<String> failed = new ArrayList<>();
        for (Check c : r.thresholdChecks()) {
            if (!c.passed()) {
                failed.add(c.describe());
            }
        }
        for (Check c : r.regressionChecks()) {
            if (!c.passed()) {
                if (failOnRegression) {
                    failed.add("regression " + c.describe());
                } else {
                    getLog().warn("llmload: regression " + c.describe());
                }
            }
        }
        if (!failed.isEmpty()) {
            throw new MojoFailureException("llmload: " + failed.size() + " check(s) failed:\n  " + String.join("\n  ", failed)
                    + "\n  reports: " + r.reportDir());
        }
        if (r.exitCode() == 1 && failed.isEmpty() && r.regressionChecks().stream().allMatch(Check::passed)) {
            // exit 1 with every check held: stopped early by an abort rule, which the verdict names
            if (r.checks().stream().allMatch(Check::passed) && r.verdict() != null && r.verdict().startsWith("FAIL")) {
                throw new MojoFailureException("llmload: " + r.verdict());
            }
        }
    }
}

package io.llmload.api;

import io.llmload.report.CheckFormat;
import io.llmload.result.LatencyStats;
import io.llmload.result.Report;
import io.llmload.result.Summary;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a run ended with: the exit code and verdict line the command line would print, the
 * report (the model of report.json: summary, percentiles, checks) and where the reports went.
 *
 * @param exitCode  the command line's exit code: 0 passed, 1 a check failed, 2 bad input, 3 the run failed, 130/143 interrupted
 * @param verdict   the last line, e.g. {@code PASS: all 2 check(s) passed}
 * @param report    the report, or null when the run wrote none (bad input, a failed start)
 * @param reportDir the directory the reports were written to
 * @param output    what the run printed (standard output then standard error), for a failure message
 */
public record RunResult(int exitCode, String verdict, Report report, Path reportDir, String output) {

    /** Whether the run finished and every check held (exit code 0). */
    public boolean passed() {
        return exitCode == 0;
    }

    /**
     * The totals and latencies; null without a report. For an API that answers with vectors or
     * scores (embeddings, rerank: {@link Summary#answersInTokens()} false) the token fields read 0
     * and the token latencies are empty, as they are absent from report.json: read
     * {@code tokens().items()}, the input tokens and e2e instead.
     */
    public Summary summary() {
        return report == null ? null : report.summary();
    }

    /**
     * Time to first token (ms): count, mean and percentiles; null without a report and for an API
     * that has no first token (embeddings, rerank), so a test never asserts on a TTFT of 0.
     */
    public LatencyStats ttft() {
        return report == null || !report.summary().answersInTokens() ? null : report.summary().latency("ttft");
    }

    /** End-to-end latency (ms), which every API has; null without a report. */
    public LatencyStats e2e() {
        return report == null ? null : report.summary().latency("e2e");
    }

    /** Every check with its measured value. */
    public List<Check> checks() {
        if (report == null || report.summary().checks() == null) {
            return List.of();
        }
        return report.summary().checks().stream()
                .map(c -> new Check(c.expr(), c.value(), c.passed(), CheckFormat.value(c))).collect(Collectors.toList());
    }

    /** The scenario's thresholds (and {@code --threshold}s): every check but the baseline comparison's. */
    public List<Check> thresholdChecks() {
        List<Check> all = checks();
        return all.subList(0, all.size() - regressionCount());
    }

    /** The comparisons with the baseline report, when there was one (the report appends them after the thresholds). */
    public List<Check> regressionChecks() {
        List<Check> all = checks();
        return all.subList(all.size() - regressionCount(), all.size());
    }

    private int regressionCount() {
        return report == null || report.baseline() == null || report.baseline().checks() == null ? 0
                : Math.min(report.baseline().checks().size(), checks().size());
    }

    /** The checks that did not hold. */
    public List<Check> failedChecks() {
        return checks().stream().filter(c -> !c.passed()).collect(Collectors.toList());
    }

    /** A message for a failed assertion: the verdict, each failed check with its measured value, and where the reports are. */
    public String failureMessage() {
        StringBuilder b = new StringBuilder(verdict == null ? "llmload exited " + exitCode : verdict);
        for (Check c : failedChecks()) {
            b.append("\n  ").append(c.describe());
        }
        if (report == null) {
            b.append("\n").append(output.strip());
        }
        b.append("\n  reports: ").append(reportDir);
        return b.toString();
    }
}

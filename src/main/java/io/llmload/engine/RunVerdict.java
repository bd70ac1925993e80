package io.llmload.engine;

import io.llmload.report.CheckFormat;
import io.llmload.report.Verdict;
import io.llmload.result.CheckResult;
import io.llmload.result.Report;
import io.llmload.result.RequestCounts;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Decides how a run ended (DESIGN.md exit codes) and words the console's last line: interrupted
 * (130/143) before a failed run (3) before failed checks (1) before a pass (0). The checks are the
 * report's: thresholds, and the baseline's when there was one. The exit code of each status is
 * the caller's ({@code exitCodes}: the CLI numbers them; the engine only says which ending it was).
 */
public final class RunVerdict {
    private RunVerdict() {
    }

    /**
     * How the run ended; {@code signalled} when {@link BenchmarkRun#interrupt()} stopped it (a
     * signal), {@code exitCodes} numbers the statuses (INTERRUPTED, ERROR, FAIL, DONE, PASS).
     */
    public static Verdict of(CampaignResult result, Report report, boolean signalled, AbortWatch.Aborted aborted,
            ToIntFunction<String> exitCodes) {
        List<CheckResult> checks = report.summary().checks();
        if (signalled) {
            return verdict("INTERRUPTED", exitCodes, "INTERRUPTED: partial results written ("
                    + result.summary().requests().total() + " requests measured)");
        }
        if (result.interrupted()) {
            return verdict("INTERRUPTED", exitCodes, "INTERRUPTED: partial results written");
        }
        if (result.failure() != null) {
            return verdict("ERROR", exitCodes, "ERROR: " + result.failure());
        }
        String nothing = nothingMeasured(result.summary().requests());
        if (nothing != null) {
            return verdict("ERROR", exitCodes, "ERROR: " + nothing);
        }
        long failed = checks.stream().filter(c -> !c.passed()).count();
        long skipped = checks.stream().filter(CheckResult::wasSkipped).count();
        String skips = skipped == 0 ? "" : " · " + skipped + " check(s) skipped (too few samples to judge against the baseline)";
        if (aborted != null) {
            return verdict("FAIL", exitCodes, "FAIL: stopped early by abort_on_fail: " + aborted.describe()
                    + (failed > 1 ? " · " + failed + " of " + checks.size() + " check(s) failed" : ""));
        }
        if (failed > 0) {
            CheckResult first = checks.stream().filter(c -> !c.passed()).findFirst().orElseThrow();
            return verdict("FAIL", exitCodes, "FAIL: " + failed + " of " + checks.size() + " check(s) failed, first: "
                    + first.expr() + " (measured " + CheckFormat.value(first) + ")" + skips);
        }
        String warning = result.last().load() != null && result.last().load().clientSaturated()
                ? " (client saturated: results are a lower bound)" : "";
        if (checks.isEmpty()) {
            return verdict("DONE", exitCodes, "DONE: " + result.summary().requests().succeeded() + " requests succeeded" + warning);
        }
        String passed = skipped == 0 ? "PASS: all " + checks.size() + " check(s) passed"
                : "PASS: " + (checks.size() - skipped) + " of " + checks.size() + " check(s) passed" + skips;
        return verdict("PASS", exitCodes, passed + warning);
    }

    /**
     * The command line's exit code of a verdict's status (DESIGN.md "CLI"): 0 passed or done, 1 a
     * check failed, 3 the run failed, {@code interruptedCode} when it was interrupted (130 or 143).
     */
    public static int exitCode(String status, int interruptedCode) {
        return switch (status) {
            case "INTERRUPTED" -> interruptedCode;
            case "ERROR" -> 3;
            case "FAIL" -> 1;
            default -> 0;
        };
    }

    private static Verdict verdict(String status, ToIntFunction<String> exitCodes, String line) {
        return new Verdict(status, exitCodes.applyAsInt(status), line);
    }

    /** The failed attempts that were tried again, e.g. "http_429 ×4". */
    private static String retriedKinds(RequestCounts r) {
        if (r.retriesByKind() == null || r.retriesByKind().isEmpty()) {
            return "no attempt answered";
        }
        return r.retriesByKind().entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue())
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** Why a run that measured no answer at all is a failed run, not a pass; null when it measured some. */
    public static String nothingMeasured(RequestCounts r) {
        if (r.total() == 0) {
            return "no request was measured: the measured time ended before any request did (lengthen load.duration, "
                    + "or shorten load.warmup)";
        }
        if (r.succeeded() == 0 && r.failed() == 0 && r.incomplete() > 0) {
            long waiting = r.incomplete() - r.incompleteRetrying();
            String retried = retriedKinds(r);
            if (waiting == 0) {
                return "no request ended: all " + r.incomplete() + " were waiting to retry when the drain time ran out, after the "
                        + "server refused them (" + retried + "): it is rate-limiting or overloaded, not stalled (lower the load, "
                        + "or give load.drain more time than the server's Retry-After)";
            }
            return "no request ended: " + (r.incompleteRetrying() == 0 ? "all " + r.incomplete() + " were still waiting for the server"
                    : waiting + " were still waiting for the server and " + r.incompleteRetrying() + " waiting to retry (" + retried
                    + "),") + " when the drain time ran out (the server is stalled, or its answers take longer than load.duration "
                    + "+ load.drain)";
        }
        return null;
    }
}

package io.llmload.cli;

import io.llmload.engine.CampaignResult;
import io.llmload.engine.AbortWatch;
import io.llmload.report.CheckFormat;
import io.llmload.report.Verdict;
import io.llmload.result.CheckResult;
import io.llmload.result.Report;
import io.llmload.result.RequestCounts;
import java.util.List;

/**
 * Decides how a run ended (DESIGN.md exit codes) and words the console's last line: interrupted
 * (130/143) before a failed run (3) before failed checks (1) before a pass (0). The checks are the
 * report's: thresholds, and the baseline's when there was one.
 */
final class RunVerdict {
    private RunVerdict() {
    }

    static Verdict of(CampaignResult result, Report report, Signals signals, AbortWatch.Aborted aborted) {
        List<CheckResult> checks = report.summary().checks();
        if (signals != null && signals.exitCode() != 0) {
            return new Verdict("INTERRUPTED", signals.exitCode(), "INTERRUPTED: partial results written ("
                    + result.summary().requests().total() + " requests measured)");
        }
        if (result.interrupted()) {
            return new Verdict("INTERRUPTED", ExitCodes.SIGINT, "INTERRUPTED: partial results written");
        }
        if (result.failure() != null) {
            return new Verdict("ERROR", ExitCodes.RUN_FAILED, "ERROR: " + result.failure());
        }
        String nothing = nothingMeasured(result.summary().requests());
        if (nothing != null) {
            return new Verdict("ERROR", ExitCodes.RUN_FAILED, "ERROR: " + nothing);
        }
        long failed = checks.stream().filter(c -> !c.passed()).count();
        long skipped = checks.stream().filter(CheckResult::wasSkipped).count();
        String skips = skipped == 0 ? "" : " · " + skipped + " check(s) skipped (too few samples to judge against the baseline)";
        if (aborted != null) {
            return new Verdict("FAIL", ExitCodes.CHECK_FAILED, "FAIL: stopped early by abort_on_fail: " + aborted.describe()
                    + (failed > 1 ? " · " + failed + " of " + checks.size() + " check(s) failed" : ""));
        }
        if (failed > 0) {
            CheckResult first = checks.stream().filter(c -> !c.passed()).findFirst().orElseThrow();
            return new Verdict("FAIL", ExitCodes.CHECK_FAILED, "FAIL: " + failed + " of " + checks.size() + " check(s) failed, first: "
                    + first.expr() + " (measured " + CheckFormat.value(first) + ")" + skips);
        }
        String warning = result.last().load() != null && result.last().load().clientSaturated()
                ? " (client saturated: results are a lower bound)" : "";
        if (checks.isEmpty()) {
            return new Verdict("DONE", ExitCodes.OK, "DONE: " + result.summary().requests().succeeded() + " requests succeeded" + warning);
        }
        String passed = skipped == 0 ? "PASS: all " + checks.size() + " check(s) passed"
                : "PASS: " + (checks.size() - skipped) + " of " + checks.size() + " check(s) passed" + skips;
        return new Verdict("PASS", ExitCodes.OK, passed + warning);
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
    static String nothingMeasured(RequestCounts r) {
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

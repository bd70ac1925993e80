package io.llmload.report;

import io.llmload.result.CheckResult;
import io.llmload.text.Format;
import java.util.List;

/** Shows a check's measured value in the unit its expression uses. */
public final class CheckFormat {
    private static final List<String> LATENCIES = List.of("ttft", "ttfat", "itl", "tpot", "e2e", "schedule_lag", "pool_wait", "connect", "headers");

    private CheckFormat() {
    }

    public static String value(CheckResult c) {
        if (c.value() == null) {
            return c.detail() == null ? "n/a" : c.detail();
        }
        String expr = CheckText.withoutScope(c.expr()).toLowerCase(java.util.Locale.ROOT);
        double v = c.value();
        if (LATENCIES.stream().anyMatch(m -> expr.startsWith(m + "."))) {
            return Format.ms(v) + " ms";
        }
        if (expr.startsWith("error_rate")) {
            return Format.percent(v);
        }
        if (expr.contains("_per_s")) {
            return Format.rate(v) + "/s";
        }
        return Format.count((long) v);
    }
}

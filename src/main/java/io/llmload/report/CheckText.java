package io.llmload.report;

import io.llmload.result.CheckResult;
import java.util.List;

/** Words for a check shared by the CI outputs: its status, its limit, and what it measured against what. */
public final class CheckText {
    private static final List<String> OPERATORS = List.of("<=", ">=", "==", "!=", "<", ">");

    private CheckText() {
    }

    public static String status(CheckResult c) {
        return c.wasSkipped() ? "SKIP" : c.passed() ? "PASS" : "FAIL";
    }

    /** The limit part of a threshold expression ("< 800ms"), or null for checks that are not thresholds. */
    public static String limit(CheckResult c) {
        String expr = withoutScope(c.expr());
        if (expr.contains(" vs baseline")) {
            return null;
        }
        int best = -1;
        String op = null;
        for (String o : OPERATORS) {
            int i = expr.indexOf(o);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
                op = o;
            }
        }
        return best < 0 ? null : op + " " + expr.substring(best + op.length()).strip();
    }

    /** "measured 312 ms, limit < 100ms" with the check's detail after it when there is one. */
    public static String message(CheckResult c) {
        String limit = limit(c);
        StringBuilder b = new StringBuilder();
        if (c.value() != null) {
            b.append("measured ").append(CheckFormat.value(c));
            if (limit != null) {
                b.append(", limit ").append(limit);
            }
        }
        if (c.detail() != null) {
            b.append(b.length() == 0 ? "" : "; ").append(c.detail());
        }
        return b.length() == 0 ? "n/a" : b.toString();
    }

    /** The expression without a leading "[variant] " or "[concurrency=4] " scope. */
    static String withoutScope(String expr) {
        String e = expr.strip();
        if (e.startsWith("[")) {
            int close = e.indexOf("] ");
            if (close > 0) {
                return e.substring(close + 2);
            }
        }
        return e;
    }
}

package io.llmload.report;

import io.llmload.text.Format;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link LiveStatus}: for a terminal, one line with a progress bar that fits the
 * terminal's width (the bar shrinks first, then the least important fields go), for logs a
 * plain line without control characters. Pure functions.
 */
public final class StatusLine {
    private static final int BAR_WIDTH = 20;
    private static final int MIN_BAR_WIDTH = 8;
    /** req/s, errors and TTFT (or e2e) stay longer than the bar; tokens/s and in-flight go first. */
    private static final int ESSENTIAL_FIELDS = 3;

    private StatusLine() {
    }

    /**
     * The terminal line, at most {@code columns - 1} characters wide (so the cursor never wraps):
     * the bar shrinks first, then tokens/s and in-flight go, then the bar, then the rest.
     */
    public static String terminal(LiveStatus s, int columns, Ansi ansi) {
        int max = Math.max(10, columns - 1);
        List<String> fields = fields(s, ansi);
        int bar = BAR_WIDTH;
        while (true) {
            String line = compose(s, bar, fields, ansi);
            int over = Ansi.strip(line).length() - max;
            if (over <= 0) {
                return line;
            }
            if (bar > MIN_BAR_WIDTH) {
                bar = Math.max(MIN_BAR_WIDTH, bar - over);
            } else if (fields.size() > ESSENTIAL_FIELDS) {
                fields.remove(fields.size() - 1);
            } else if (bar > 0) {
                bar = 0;
            } else if (!fields.isEmpty()) {
                fields.remove(fields.size() - 1);
            } else {
                return Ansi.strip(line).substring(0, max);
            }
        }
    }

    /** The line for logs (CI): no bar, no colours, everything in it. */
    public static String plain(LiveStatus s) {
        return "[" + progress(s) + "] " + String.join(" · ", fields(s, Ansi.OFF));
    }

    private static String compose(LiveStatus s, int bar, List<String> fields, Ansi ansi) {
        StringBuilder b = new StringBuilder();
        if (bar > 0 && !Double.isNaN(s.fraction())) {
            int full = (int) Math.round(s.fraction() * bar);
            b.append(ansi.bold("█".repeat(full))).append(ansi.dim("░".repeat(bar - full))).append(' ');
        }
        String progress = b.length() == 0 ? progress(s).strip() : progress(s);
        b.append(s.warmup() || s.draining() ? ansi.yellow(progress) : progress);
        for (String f : fields) {
            b.append(" · ").append(f);
        }
        return b.toString();
    }

    /** "42% 25s/60s", "412/1,000 req", "warmup 3s/65s", "draining 61s" or just "25s". */
    static String progress(LiveStatus s) {
        StringBuilder b = new StringBuilder();
        if (s.draining()) {
            return String.format(Locale.ROOT, "draining %.0fs", s.elapsedS());
        }
        if (s.warmup()) {
            b.append("warmup ");
        } else if (!Double.isNaN(s.fraction())) {
            b.append(String.format(Locale.ROOT, "%3.0f%% ", s.fraction() * 100));
        }
        b.append(String.format(Locale.ROOT, "%.0fs", s.elapsedS()));
        if (s.plannedS() > 0) {
            b.append(String.format(Locale.ROOT, "/%.0fs", s.plannedS()));
        }
        if (s.plannedRequests() > 0) {
            b.append(" · ").append(Format.count(s.done())).append('/').append(Format.count(s.plannedRequests())).append(" req");
        }
        return b.toString();
    }

    /** The fields after the progress, most important first (the narrowest terminals keep only the first). */
    private static List<String> fields(LiveStatus s, Ansi ansi) {
        List<String> f = new ArrayList<>();
        f.add(Format.rate(s.requestsPerS()) + " req/s");
        String errors = "errors " + Format.count(s.errors()) + (s.intervalErrors() > 0 ? " (+" + Format.count(s.intervalErrors()) + ")" : "");
        f.add(s.errors() > 0 ? ansi.red(errors) : errors);
        if (s.tokens()) {
            f.add(latency("ttft", s.ttftP50Ms(), s.ttftP99Ms()));
            f.add(Format.rate(s.outputTokensPerS()) + " tok/s");
        } else {
            // embeddings and rerank have no first token and write none: their latency is the whole answer's
            f.add(latency("e2e", s.e2eP50Ms(), s.e2eP99Ms()));
            f.add(Format.rate(s.inputTokensPerS()) + " in tok/s");
        }
        f.add("in-flight " + s.inFlight());
        return f;
    }

    private static String latency(String name, double p50Ms, double p99Ms) {
        return Double.isNaN(p50Ms) ? name + " –" : name + " p50 " + Format.ms(p50Ms) + " p99 " + Format.ms(p99Ms) + " ms";
    }
}

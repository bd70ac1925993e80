package io.llmload.check;

import io.llmload.scenario.DidYouMean;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the threshold grammar {@code METRIC.STAT OP VALUE[UNIT]} or {@code COUNTER OP VALUE[UNIT]},
 * for example {@code ttft.p99 < 800ms}, {@code error_rate < 1%}, {@code output_tokens_per_s > 500},
 * {@code dropped == 0}, {@code ttfat.p99 < 2s} (time to first answer token), {@code reasoning_tokens > 0}. Units: ms and s for latencies (ms when omitted), % for error_rate (a
 * fraction when omitted), /s for rates.
 */
public final class ThresholdParser {
    public static final List<String> LATENCIES = List.of("ttft", "ttfat", "itl", "tpot", "e2e", "schedule_lag", "pool_wait", "connect", "headers");
    public static final List<String> STATS = List.of("p50", "p90", "p95", "p99", "p999", "mean", "min", "max");
    /** {@code input_tokens_per_s} and {@code items_per_s} (vectors or documents per second) are measured for embeddings and rerank. */
    public static final List<String> RATES = List.of("requests_per_s", "output_tokens_per_s", "total_tokens_per_s", "input_tokens_per_s",
            "items_per_s");
    public static final List<String> COUNTERS = List.of("dropped", "failed", "succeeded", "incomplete", "requests",
            "reasoning_tokens", "answer_tokens");
    public static final String ERROR_RATE = "error_rate";

    private static final Pattern NUMBER = Pattern.compile("-?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Set<String> ALL_METRICS = Set.copyOf(concat());

    private ThresholdParser() {
    }

    public static Threshold parse(String expr) throws ThresholdSyntaxException {
        return parse(expr, false);
    }

    public static Threshold parse(String expr, boolean abortOnFail) throws ThresholdSyntaxException {
        Cursor c = new Cursor(expr);
        c.skipSpaces();
        int nameStart = c.pos;
        while (c.more() && (Character.isLetterOrDigit(c.peek()) || c.peek() == '_' || c.peek() == '.')) {
            c.pos++;
        }
        String name = expr.substring(nameStart, c.pos).toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            throw new ThresholdSyntaxException(nameStart + 1, "expected a metric such as ttft.p99 or error_rate");
        }
        String metric = name;
        String stat = null;
        int dot = name.indexOf('.');
        if (dot >= 0) {
            metric = name.substring(0, dot);
            stat = name.substring(dot + 1);
        }
        if (!ALL_METRICS.contains(metric)) {
            throw new ThresholdSyntaxException(nameStart + 1, "unknown metric '" + metric + "'" + hint(metric, ALL_METRICS));
        }
        boolean latency = LATENCIES.contains(metric);
        if (latency && stat == null) {
            throw new ThresholdSyntaxException(nameStart + metric.length() + 1,
                    "'" + metric + "' needs a statistic, e.g. " + metric + ".p99 (one of " + String.join(", ", STATS) + ")");
        }
        if (latency && !STATS.contains(stat)) {
            throw new ThresholdSyntaxException(nameStart + dot + 2, "unknown statistic '" + stat + "'" + hint(stat, STATS)
                    + "; use one of " + String.join(", ", STATS));
        }
        if (!latency && stat != null) {
            throw new ThresholdSyntaxException(nameStart + dot + 1, "'" + metric + "' takes no statistic");
        }
        c.skipSpaces();
        int opStart = c.pos;
        Threshold.Op op = c.op();
        if (op == null) {
            throw new ThresholdSyntaxException(opStart + 1, "expected an operator (<, <=, >, >=, ==, !=)");
        }
        c.skipSpaces();
        int valueStart = c.pos;
        Matcher m = NUMBER.matcher(expr).region(c.pos, expr.length());
        if (!m.lookingAt()) {
            throw new ThresholdSyntaxException(valueStart + 1, "expected a number");
        }
        double value = Double.parseDouble(m.group());
        if (value < 0) {
            throw new ThresholdSyntaxException(valueStart + 1, "a negative limit can never be measured; every metric is 0 or more");
        }
        if (COUNTERS.contains(metric) && value != Math.rint(value)) {
            throw new ThresholdSyntaxException(valueStart + 1, metric + " is a count: give a whole number");
        }
        c.pos = m.end();
        c.skipSpaces();
        int unitStart = c.pos;
        String unit = expr.substring(c.pos).trim().toLowerCase(Locale.ROOT);
        value = applyUnit(metric, latency, value, unit, unitStart + 1);
        return new Threshold(expr.trim(), metric, stat, op, value, abortOnFail);
    }

    private static double applyUnit(String metric, boolean latency, double value, String unit, int column)
            throws ThresholdSyntaxException {
        if (latency) {
            return switch (unit) {
                case "", "ms" -> value;
                case "s" -> value * 1000;
                case "us", "µs" -> value / 1000;
                default -> throw new ThresholdSyntaxException(column, "unit '" + unit + "' does not fit a latency; use ms or s");
            };
        }
        if (metric.equals(ERROR_RATE)) {
            return switch (unit) {
                case "%" -> value / 100;
                case "" -> value;
                default -> throw new ThresholdSyntaxException(column, "error_rate takes % (or a fraction without a unit)");
            };
        }
        if (RATES.contains(metric)) {
            if (unit.isEmpty() || unit.equals("/s")) {
                return value;
            }
            throw new ThresholdSyntaxException(column, metric + " takes /s (or no unit)");
        }
        if (!unit.isEmpty()) {
            throw new ThresholdSyntaxException(column, metric + " is a count and takes no unit");
        }
        return value;
    }

    private static String hint(String word, java.util.Collection<String> options) {
        String s = DidYouMean.suggest(word, options);
        return s == null ? "" : " (did you mean '" + s + "'?)";
    }

    private static List<String> concat() {
        List<String> all = new java.util.ArrayList<>(LATENCIES);
        all.addAll(RATES);
        all.addAll(COUNTERS);
        all.add(ERROR_RATE);
        return all;
    }

    private static final class Cursor {
        final String text;
        int pos;

        Cursor(String text) {
            this.text = text;
        }

        boolean more() {
            return pos < text.length();
        }

        char peek() {
            return text.charAt(pos);
        }

        void skipSpaces() {
            while (more() && Character.isWhitespace(peek())) {
                pos++;
            }
        }

        Threshold.Op op() {
            String rest = text.substring(pos);
            for (Threshold.Op op : new Threshold.Op[] {Threshold.Op.LE, Threshold.Op.GE, Threshold.Op.EQ, Threshold.Op.NE,
                Threshold.Op.LT, Threshold.Op.GT}) {
                if (rest.startsWith(op.symbol())) {
                    pos += op.symbol().length();
                    return op;
                }
            }
            return null;
        }
    }
}

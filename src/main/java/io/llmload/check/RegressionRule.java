package io.llmload.check;

import io.llmload.scenario.DidYouMean;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much worse than the baseline one metric may get ({@code --max-regression}):
 * {@code ttft.p99=10%} (relative), {@code ttft.p99=50ms} (absolute, latencies),
 * {@code error_rate=1pp} (absolute percentage points). Metric names are those of thresholds.
 *
 * @param allowance relative: a percentage; absolute: milliseconds, or a fraction for error_rate
 */
public record RegressionRule(String metric, String stat, double allowance, boolean relative, String written) {

    /** Used when {@code --baseline} is given without {@code --max-regression}. */
    public static final String DEFAULTS = "ttft.p50=10%,ttft.p99=10%,itl.p50=10%,itl.p99=10%,e2e.p50=10%,e2e.p99=10%,"
            + "output_tokens_per_s=5%,requests_per_s=5%,error_rate=1pp";

    /** Latency statistics that have a noise band (an interval from the histogram). */
    static final List<String> STATS = List.of("p50", "p90", "p95", "p99", "p999", "mean");
    static final List<String> RATES = List.of("requests_per_s", "output_tokens_per_s");

    private static final Pattern ALLOWANCE = Pattern.compile("(\\d+(\\.\\d*)?|\\.\\d+)\\s*(%|ms|s|pp)?");

    /** ttft.p99 or output_tokens_per_s. */
    public String name() {
        return stat == null ? metric : metric + "." + stat;
    }

    public boolean latency() {
        return stat != null;
    }

    /** Higher values are better (throughput); otherwise lower ones are (latency, errors). */
    public boolean higherIsBetter() {
        return RATES.contains(metric);
    }

    /** Parses {@code NAME=ALLOWANCE[,NAME=ALLOWANCE]...}; a problem names its column (1-based). */
    public static List<RegressionRule> parseAll(String text) throws ThresholdSyntaxException {
        List<RegressionRule> out = new ArrayList<>();
        int at = 0;
        while (at <= text.length()) {
            int comma = text.indexOf(',', at);
            int end = comma < 0 ? text.length() : comma;
            RegressionRule rule = parseOne(text.substring(at, end), at);
            if (out.stream().anyMatch(r -> r.name().equals(rule.name()))) {
                throw new ThresholdSyntaxException(at + 1, rule.name() + " is given twice");
            }
            out.add(rule);
            at = end + 1;
        }
        return out;
    }

    private static RegressionRule parseOne(String part, int offset) throws ThresholdSyntaxException {
        int lead = part.length() - part.stripLeading().length();
        int eq = part.indexOf('=');
        if (part.isBlank()) {
            throw new ThresholdSyntaxException(offset + 1, "expected METRIC=ALLOWANCE, e.g. ttft.p99=10%");
        }
        if (eq < 0) {
            throw new ThresholdSyntaxException(offset + part.length() + 1, "expected '=' and an allowance, e.g. "
                    + part.strip() + "=10%");
        }
        String name = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
        int nameColumn = offset + lead + 1;
        String metric = name;
        String stat = null;
        int dot = name.indexOf('.');
        if (dot >= 0) {
            metric = name.substring(0, dot);
            stat = name.substring(dot + 1);
        }
        if (ThresholdParser.LATENCIES.contains(metric)) {
            if (stat == null || !STATS.contains(stat)) {
                String why = stat == null ? "'" + metric + "' needs a statistic, e.g. " + metric + ".p99"
                        : ("min".equals(stat) || "max".equals(stat) ? "an extreme value (" + name + ") has no noise band to judge a "
                        + "regression by; use a percentile" : "unknown statistic '" + stat + "'" + hint(stat, STATS));
                throw new ThresholdSyntaxException(nameColumn + (dot < 0 ? 0 : dot + 1), why + " (one of " + String.join(", ", STATS) + ")");
            }
        } else if (!RATES.contains(metric) && !ThresholdParser.ERROR_RATE.equals(metric) || stat != null) {
            throw new ThresholdSyntaxException(nameColumn, cannotCompare(name));
        }
        String value = part.substring(eq + 1);
        int valueColumn = offset + eq + 2 + (value.length() - value.stripLeading().length());
        Matcher m = ALLOWANCE.matcher(value.strip());
        if (!m.matches()) {
            throw new ThresholdSyntaxException(valueColumn, "expected an allowance such as 10% (relative)"
                    + (stat != null ? " or 50ms" : ThresholdParser.ERROR_RATE.equals(metric) ? " or 1pp (percentage points)" : ""));
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(3) == null ? "" : m.group(3);
        boolean latency = stat != null;
        boolean errorRate = ThresholdParser.ERROR_RATE.equals(metric);
        return switch (unit) {
            case "%" -> new RegressionRule(metric, stat, amount, true, value.strip());
            case "ms", "s" -> {
                if (!latency) {
                    throw new ThresholdSyntaxException(valueColumn, name + " takes a relative allowance such as 10%"
                            + (errorRate ? ", or percentage points such as 1pp" : ""));
                }
                yield new RegressionRule(metric, stat, unit.equals("s") ? amount * 1000 : amount, false, value.strip());
            }
            case "pp" -> {
                if (!errorRate) {
                    throw new ThresholdSyntaxException(valueColumn, "pp (percentage points) is for error_rate; use 10% or "
                            + (latency ? "50ms" : "5%"));
                }
                yield new RegressionRule(metric, null, amount / 100, false, value.strip());
            }
            default -> throw new ThresholdSyntaxException(valueColumn, "the allowance needs a unit: 10% (relative)"
                    + (latency ? " or 50ms" : errorRate ? " or 1pp" : ""));
        };
    }

    private static String cannotCompare(String name) {
        if (name.equals("total_tokens_per_s")) {
            return "total_tokens_per_s has no per-second series to judge its noise by; use output_tokens_per_s or requests_per_s";
        }
        if (AbortRule.GROWING_COUNTERS.contains(name) || name.equals("incomplete")) {
            return name + " is a count that grows with the run's length; compare error_rate, or use a threshold such as '"
                    + name + " == 0'";
        }
        List<String> known = new ArrayList<>(RATES);
        known.add(ThresholdParser.ERROR_RATE);
        ThresholdParser.LATENCIES.forEach(l -> known.add(l + ".p99"));
        return "unknown metric '" + name + "'" + hint(name, known) + "; compare a latency percentile or mean (ttft.p99), "
                + String.join(", ", RATES) + " or error_rate";
    }

    private static String hint(String word, Collection<String> options) {
        String s = DidYouMean.suggest(word, options);
        return s == null ? "" : " (did you mean '" + s + "'?)";
    }
}

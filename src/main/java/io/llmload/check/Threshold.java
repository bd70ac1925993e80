package io.llmload.check;

/**
 * A parsed threshold: {@code metric[.stat] op value}. {@code value} is normalised: milliseconds
 * for latencies, a fraction for {@code error_rate}, per second for rates, a count for counters.
 */
public record Threshold(String expr, String metric, String stat, Op op, double value, boolean abortOnFail) {

    /** A comparison operator. */
    public enum Op {
        LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!=");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean test(double measured, double limit) {
            return switch (this) {
                case LT -> measured < limit;
                case LE -> measured <= limit;
                case GT -> measured > limit;
                case GE -> measured >= limit;
                case EQ -> measured == limit;
                case NE -> measured != limit;
            };
        }
    }

    /** The metric as written: {@code ttft.p99} or {@code error_rate}. */
    public String name() {
        return stat == null ? metric : metric + "." + stat;
    }
}

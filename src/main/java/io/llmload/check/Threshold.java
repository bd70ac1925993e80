package io.llmload.check;

/**
 * A parsed threshold: {@code metric[.stat] op value}. {@code value} is normalised: milliseconds
 * for latencies, a fraction for {@code error_rate}, per second for rates, a count for counters.
 * With {@code abortOnFail} the run stops as soon as the threshold can no longer pass
 * ({@link AbortRule}), once {@code minRequests} measured requests have ended.
 */
public record Threshold(String expr, String metric, String stat, Op op, double value, boolean abortOnFail, long minRequests) {

    /** Measured requests an error_rate abort waits for unless {@code min_requests} says otherwise. */
    public static final long DEFAULT_ERROR_RATE_MIN_REQUESTS = 100;

    public Threshold(String expr, String metric, String stat, Op op, double value, boolean abortOnFail) {
        this(expr, metric, stat, op, value, abortOnFail, 0);
    }

    /** This threshold set to abort the run; {@code minRequests} null takes the metric's default. */
    public Threshold aborting(Long minRequests) {
        long min = minRequests != null ? minRequests : ThresholdParser.ERROR_RATE.equals(metric) ? DEFAULT_ERROR_RATE_MIN_REQUESTS : 0;
        return new Threshold(expr, metric, stat, op, value, true, min);
    }

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

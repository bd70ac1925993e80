package io.llmload.scenario;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints durations the way scenario files write them: {@code 250ms}, {@code 5s}, {@code 1m30s}, {@code 2h}. */
public final class Durations {
    /**
     * The longest duration a scenario may give: a month of soak test is more than any benchmark
     * needs, and a typo such as an extra row of zeros is refused instead of being silently clamped.
     */
    public static final Duration MAX = Duration.ofDays(30);
    public static final String MAX_TEXT = "30 days";

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(us|µs|ms|s|m|h)");

    private Durations() {
    }

    /**
     * Returns null when the text is not a duration. A bare number means seconds. A duration too
     * long for nanoseconds in a long (about 292 years) is returned as a whole number of seconds,
     * never wrapped or clamped to something that looks sensible; callers compare it with {@link #MAX}.
     */
    public static Duration parse(String text) {
        String t = text.trim().toLowerCase();
        if (t.isEmpty()) {
            return null;
        }
        if (t.matches("\\d+(\\.\\d+)?")) {
            return ofNanos(Double.parseDouble(t) * 1e9);
        }
        Matcher m = PART.matcher(t);
        double nanos = 0;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                return null;
            }
            double n = Double.parseDouble(m.group(1));
            nanos += n * switch (m.group(2)) {
                case "us", "µs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            };
            end = m.end();
        }
        return end == t.length() && end > 0 ? ofNanos(nanos) : null;
    }

    private static Duration ofNanos(double nanos) {
        if (nanos < 0x1p62) { // exact enough below 2^62 ns (146 years); Math.round would clamp above 2^63
            return Duration.ofNanos(Math.round(nanos));
        }
        return Duration.ofSeconds((long) Math.min(nanos / 1e9, Long.MAX_VALUE / 2.0));
    }

    /** The shortest exact form: {@code 150ms}, {@code 5s}, {@code 1m30s}, {@code 1.5ms}. */
    public static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        if (nanos % 1_000_000_000L != 0) {
            if (nanos % 1_000_000L == 0) {
                return nanos / 1_000_000L + "ms";
            }
            return trim(nanos / 1e6) + "ms";
        }
        long s = nanos / 1_000_000_000L;
        StringBuilder out = new StringBuilder();
        if (s >= 3600) {
            out.append(s / 3600).append('h');
            s %= 3600;
        }
        if (s >= 60) {
            out.append(s / 60).append('m');
            s %= 60;
        }
        if (s > 0) {
            out.append(s).append('s');
        }
        return out.toString();
    }

    private static String trim(double v) {
        String s = String.format(java.util.Locale.ROOT, "%.3f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}

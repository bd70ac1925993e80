package io.llmload.scenario;

import static io.llmload.scenario.Shape.duration;
import static io.llmload.scenario.Shape.integer;
import static io.llmload.scenario.Shape.obj;
import static io.llmload.scenario.Shape.oneOf;
import static io.llmload.scenario.Shape.optional;
import static io.llmload.scenario.Shape.str;

import java.util.Random;

/**
 * A value drawn per request: fixed, normal (mean, stddev; clamped to [min, max] and to >= 0),
 * uniform (min, max) or exponential (mean). Durations are held in nanoseconds, counts as counts.
 */
public record DistSpec(String kind, double mean, double stddev, double min, double max) {

    public static final String FIXED = "fixed";
    public static final String NORMAL = "normal";
    public static final String UNIFORM = "uniform";
    public static final String EXPONENTIAL = "exponential";

    public static Shape durationShape() {
        return oneOf("a duration such as 150ms, or {mean, stddev} or {min, max}", duration(), obj(
                optional("distribution", str(FIXED, NORMAL, UNIFORM, EXPONENTIAL), null, "inferred from the keys given when unset"),
                optional("mean", duration(), null, "mean"),
                optional("stddev", duration(), null, "standard deviation (normal)"),
                optional("min", duration(), null, "lower bound"),
                optional("max", duration(), null, "upper bound")));
    }

    public static Shape countShape() {
        return oneOf("an integer, or {mean, stddev} or {min, max}", integer(0), obj(
                optional("distribution", str(FIXED, NORMAL, UNIFORM, EXPONENTIAL), null, "inferred from the keys given when unset"),
                optional("mean", integer(0), null, "mean"),
                optional("stddev", integer(0), null, "standard deviation (normal)"),
                optional("min", integer(0), null, "lower bound"),
                optional("max", integer(0), null, "upper bound")));
    }

    public static DistSpec fixed(double value) {
        return new DistSpec(FIXED, value, 0, value, value);
    }

    /** Reads either form; {@code durations} selects nanoseconds instead of plain numbers. */
    static DistSpec from(ObjView parent, String key, boolean durations) {
        Node n = parent.raw(key);
        if (n == null || n instanceof Node.ScalarNode) {
            double v = durations ? parent.duration(key).toNanos() : parent.integer(key);
            return fixed(v);
        }
        ObjView v = parent.obj(key);
        double mean = read(v, "mean", durations);
        double stddev = read(v, "stddev", durations);
        double min = v.has("min") ? read(v, "min", durations) : 0;
        double max = v.has("max") ? read(v, "max", durations) : Double.MAX_VALUE;
        String kind = v.str("distribution");
        if (kind == null) {
            if (v.has("stddev")) {
                kind = NORMAL;
            } else if (v.has("min") && v.has("max") && !v.has("mean")) {
                kind = UNIFORM;
            } else {
                kind = FIXED;
            }
        }
        if (!v.has("mean")) {
            mean = (kind.equals(UNIFORM) || !v.has("max")) ? (min + (max == Double.MAX_VALUE ? min : max)) / 2 : max;
        }
        return new DistSpec(kind, mean, stddev, min, max);
    }

    private static double read(ObjView v, String key, boolean durations) {
        if (!v.has(key)) {
            return 0;
        }
        return durations ? v.duration(key).toNanos() : v.integer(key);
    }

    /** Draws one value. */
    public double sample(Random random) {
        double v = switch (kind) {
            case NORMAL -> mean + random.nextGaussian() * stddev;
            case UNIFORM -> min + random.nextDouble() * (max - min);
            case EXPONENTIAL -> -mean * Math.log(1 - random.nextDouble());
            default -> mean;
        };
        return Math.max(0, Math.min(max, Math.max(min, v)));
    }
}

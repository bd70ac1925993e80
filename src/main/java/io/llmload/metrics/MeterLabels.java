package io.llmload.metrics;

import io.micrometer.core.instrument.Tags;

/**
 * The labels every llmload meter carries, so one Prometheus can tell runs, targets and settings
 * apart: {@code scenario}, {@code target}, {@code model}, {@code variant}, {@code point} (a sweep
 * point such as {@code concurrency=16}). A run without variants or sweeps uses {@value #DEFAULT}.
 */
public record MeterLabels(String scenario, String target, String model, String variant, String point) {
    public static final String DEFAULT = "default";

    public static MeterLabels of(String scenario, String target, String model) {
        return new MeterLabels(scenario, target, model, DEFAULT, DEFAULT);
    }

    /** The same labels for another variant or sweep point (a new set of series). */
    public MeterLabels with(String variantName, String pointName) {
        return new MeterLabels(scenario, target, model, variantName, pointName);
    }

    Tags tags() {
        return Tags.of("scenario", nonNull(scenario), "target", nonNull(target), "model", nonNull(model),
                "variant", nonNull(variant), "point", nonNull(point));
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}

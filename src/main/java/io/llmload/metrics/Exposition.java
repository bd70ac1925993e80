package io.llmload.metrics;

import java.util.List;
import java.util.Map;

/**
 * A parsed Prometheus text exposition (format 0.0.4): metric families in the order they
 * appeared, each with its declared type and its samples.
 */
public record Exposition(List<Family> families) {

    /** One sample line: its full name (e.g. {@code x_bucket}), labels in written order, and value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    /**
     * One metric family. {@code type} is counter, gauge, histogram, summary or untyped (also
     * for samples that had no {@code # TYPE} line).
     */
    public record Family(String name, String type, String help, List<Sample> samples) {
    }

    /** Every sample of every family, in order. */
    public List<Sample> samples() {
        return families.stream().flatMap(f -> f.samples().stream()).toList();
    }

    /** The family of this name, or null. */
    public Family family(String name) {
        return families.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
    }
}

package io.llmload.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Cross-key rules of {@code workload} and {@code request} that a shape alone cannot express. */
final class WorkloadRules {
    private WorkloadRules() {
    }

    static void check(ObjView root, List<Problem> problems) {
        ObjView workload = root.obj("workload");
        List<String> given = new ArrayList<>();
        for (String kind : Workload.KINDS) {
            if (workload.has(kind)) {
                given.add(kind);
            }
        }
        for (int i = 1; i < given.size(); i++) {
            problems.add(new Problem(workload.location(given.get(i)), "workload." + given.get(i),
                    "give only one of messages, synthetic, dataset (found " + String.join(" and ", given) + ")"));
        }
        if (workload.has("synthetic")) {
            synthetic(workload.obj("synthetic"), problems);
        }
        if (workload.has("dataset")) {
            ObjView dataset = workload.obj("dataset");
            Path path = DatasetSpec.resolve(dataset.str("path"), dataset.location("path"));
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                problems.add(new Problem(dataset.location("path"), "workload.dataset.path",
                        "dataset file not found or not readable: " + path));
            }
        }
        ObjView request = root.obj("request");
        boolean outputLength = request.has("max_tokens") || (workload.has("synthetic") && workload.obj("synthetic").has("output_tokens"))
                || (workload.has("dataset") && DatasetSpec.OUTPUT_REFERENCE.equals(workload.obj("dataset").str("output_tokens")));
        if (request.bool("min_tokens") && !outputLength) {
            problems.add(new Problem(request.location("min_tokens"), "request.min_tokens",
                    "min_tokens is sent equal to max_tokens: set request.max_tokens (or workload.synthetic.output_tokens)"));
        }
    }

    private static void synthetic(ObjView synthetic, List<Problem> problems) {
        long prefix = synthetic.integer("prefix_tokens");
        long least = prefix + SyntheticSpec.MARKER_TOKENS;
        DistSpec input = DistSpec.from(synthetic, "input_tokens", false);
        // The smallest length asked for: the min when given, else the value or the mean (draws below are raised).
        boolean hasMin = synthetic.raw("input_tokens") instanceof Node.MapNode && synthetic.obj("input_tokens").has("min");
        double asked = hasMin ? input.min() : input.mean();
        if (asked < least) {
            problems.add(new Problem(synthetic.location("input_tokens"), "workload.synthetic.input_tokens",
                    "prompts need at least " + least + " tokens (prefix_tokens " + prefix + " + " + SyntheticSpec.MARKER_TOKENS
                            + " for the marker that keeps each prompt distinct); got " + (long) asked));
        }
    }
}

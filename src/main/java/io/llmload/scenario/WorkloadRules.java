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
        if (workload.has("conversation")) {
            conversation(root, workload, problems);
        }
        if (workload.has("cancel")) {
            cancel(root, workload.obj("cancel"), problems);
        }
        ObjView request = root.obj("request");
        boolean outputLength = request.has("max_tokens") || (workload.has("synthetic") && workload.obj("synthetic").has("output_tokens"))
                || (workload.has("dataset") && DatasetSpec.OUTPUT_REFERENCE.equals(workload.obj("dataset").str("output_tokens")));
        if (request.bool("min_tokens") && !outputLength) {
            problems.add(new Problem(request.location("min_tokens"), "request.min_tokens",
                    "min_tokens is sent equal to max_tokens: set request.max_tokens (or workload.synthetic.output_tokens)"));
        }
    }

    private static void conversation(ObjView root, ObjView workload, List<Problem> problems) {
        ObjView conversation = workload.obj("conversation");
        String api = root.obj("target").str("api");
        if (api != null && !(api.equals("chat") || api.equals("responses") || api.equals("messages"))) {
            problems.add(new Problem(workload.keyLocation("conversation"), "workload.conversation",
                    "target.api " + api + " has no conversation turns; multi-turn needs chat, responses or messages "
                            + "(remove workload.conversation)"));
        }
        if (root.obj("load").has("trace")) {
            problems.add(new Problem(workload.keyLocation("conversation"), "workload.conversation",
                    "a trace's records are its requests; conversations do not apply to load.trace"));
        }
        Node turns = conversation.raw("turns");
        if (turns instanceof Node.MapNode) {
            ObjView t = conversation.obj("turns");
            if (!t.has("max") && !"fixed".equals(t.str("distribution"))) {
                problems.add(new Problem(conversation.location("turns"), "workload.conversation.turns",
                        "give the most turns a conversation can have: {min, max} or {mean, stddev, max}"));
            }
        }
        DistSpec t = DistSpec.from(conversation, "turns", false);
        double most = DistSpec.FIXED.equals(t.kind()) ? t.mean() : t.max();
        if (most < 1 || (most > ConversationSpec.TURNS_LIMIT && most != Double.MAX_VALUE)) {
            problems.add(new Problem(conversation.location("turns"), "workload.conversation.turns",
                    "a conversation has 1 to " + ConversationSpec.TURNS_LIMIT + " turns; got " + (long) most));
        }
        if (conversation.has("user_tokens") && !workload.has("synthetic")) {
            problems.add(new Problem(conversation.keyLocation("user_tokens"), "workload.conversation.user_tokens",
                    "applies to synthetic workloads only (fixed messages repeat their last user message; datasets use their own later turns)"));
        }
    }

    private static void cancel(ObjView root, ObjView cancel, List<Problem> problems) {
        ObjView after = cancel.obj("after");
        boolean tokens = after.has("tokens");
        if (tokens == after.has("time")) {
            problems.add(new Problem(cancel.location("after"), "workload.cancel.after", "give exactly one of tokens or time"));
        }
        if (tokens && !root.obj("request").bool("stream")) {
            problems.add(new Problem(after.keyLocation("tokens"), "workload.cancel.after.tokens",
                    "tokens are counted as they stream; with request.stream: false give time instead"));
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

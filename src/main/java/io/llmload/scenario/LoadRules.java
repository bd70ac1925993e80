package io.llmload.scenario;

import java.util.ArrayList;
import java.util.List;

/** Cross-field rules of {@code load}: one model, consistent stages, open-model keys only with a rate or a trace. */
final class LoadRules {
    private LoadRules() {
    }

    /** @param rateSwept true when a sweep sets the rate (sweep.rate or sweep.find_max), which makes the model open */
    static void check(ObjView load, boolean rateSwept, List<Problem> problems) {
        List<String> given = new ArrayList<>();
        for (String key : List.of("concurrency", "rate", "stages", "trace")) {
            if (load.has(key)) {
                given.add(key);
            }
        }
        if (given.size() > 1) {
            String second = given.get(1);
            problems.add(new Problem(load.keyLocation(second), "load." + second,
                    "set only one of concurrency (closed model), rate (open model), stages or trace; found " + String.join(" and ", given)));
        }
        boolean stages = load.has("stages");
        if (stages && load.has("duration")) {
            problems.add(new Problem(load.keyLocation("duration"), "load.duration", "the stages set the duration; remove load.duration"));
        }
        boolean open = load.has("rate") || rateSwept;
        if (load.has("trace")) {
            trace(load, problems);
        }
        if (stages) {
            List<Node> list = load.list("stages");
            Boolean firstOpen = null;
            for (int i = 0; i < list.size(); i++) {
                ObjView stage = new ObjView((Node.MapNode) list.get(i), StageSpec.SHAPE, "load.stages[" + i + "]");
                boolean c = stage.has("concurrency");
                boolean r = stage.has("rate");
                if (c == r) {
                    problems.add(new Problem(stage.location(), stage.path(), "give exactly one of concurrency or rate"));
                    continue;
                }
                if (firstOpen == null) {
                    firstOpen = r;
                } else if (firstOpen != r) {
                    problems.add(new Problem(stage.location(r ? "rate" : "concurrency"), stage.path(),
                            "all stages use the same model: the first stage uses " + (firstOpen ? "rate" : "concurrency")));
                }
            }
            open = Boolean.TRUE.equals(firstOpen);
            java.time.Duration total = list.stream().filter(n -> n instanceof Node.MapNode)
                    .map(n -> new ObjView((Node.MapNode) n, StageSpec.SHAPE, "load.stages").duration("duration"))
                    .filter(d -> d != null).reduce(java.time.Duration.ZERO, java.time.Duration::plus);
            if (total.compareTo(Durations.MAX) > 0) {
                problems.add(new Problem(load.keyLocation("stages"), "load.stages", "the stages last " + Durations.format(total)
                        + " in all; at most " + Durations.MAX_TEXT + " (" + Durations.format(Durations.MAX) + ")"));
            }
        }
        if (load.has("trace")) {
            for (String key : List.of("arrival", "burstiness")) {
                if (load.has(key)) {
                    problems.add(new Problem(load.keyLocation(key), "load." + key, "a trace sets the arrival times; remove load." + key));
                }
            }
        } else if (!open) {
            for (String key : List.of("arrival", "burstiness", "max_in_flight")) {
                if (load.has(key)) {
                    problems.add(new Problem(load.keyLocation(key), "load." + key, "applies to the open model only; set load.rate (or stages with rate)"));
                }
            }
        }
        if (load.has("burstiness") && load.has("arrival") && !"gamma".equals(load.str("arrival"))) {
            problems.add(new Problem(load.keyLocation("burstiness"), "load.burstiness", "applies to arrival: gamma"));
        }
        if (load.has("trace") && LoadSpec.AUTO.equals(load.str("warmup"))) {
            problems.add(new Problem(load.location("warmup"), "load.warmup",
                    "a trace is replayed at its recorded times, so warmup: auto cannot shorten it; give a fixed warmup (the trace's first seconds)"));
        }
        if (load.has("steady_state") && !LoadSpec.AUTO.equals(load.str("warmup"))) {
            problems.add(new Problem(load.keyLocation("steady_state"), "load.steady_state", "applies to warmup: auto"));
        }
    }

    /**
     * The load one llmload process may be asked for ({@link LoadSpec#MAX_USERS}, {@link LoadSpec#MAX_RATE}):
     * a distributed run splits its load among {@code cluster.agents}, so there the limit is per agent.
     */
    static void checkLimits(ObjView root, List<Problem> problems) {
        long agents = root.has("cluster") ? Math.max(1, root.obj("cluster").integer("agents")) : 1;
        ObjView load = root.obj("load");
        users(load, "concurrency", "load.concurrency", "users", agents, problems);
        users(load, "max_in_flight", "load.max_in_flight", "requests in flight", agents, problems);
        rate(load, "rate", "load.rate", agents, problems);
        List<Node> stages = load.list("stages");
        for (int i = 0; i < stages.size(); i++) {
            ObjView stage = new ObjView((Node.MapNode) stages.get(i), StageSpec.SHAPE, "load.stages[" + i + "]");
            users(stage, "concurrency", stage.path() + ".concurrency", "users", agents, problems);
            rate(stage, "rate", stage.path() + ".rate", agents, problems);
        }
        ObjView sweep = root.objOrNull("sweep");
        if (sweep != null) {
            List<Node> levels = sweep.list("concurrency");
            for (int i = 0; i < levels.size(); i++) {
                limit(levels.get(i), "sweep.concurrency[" + i + "]", LoadSpec.MAX_USERS, "users", "", agents, problems);
            }
            levels = sweep.list("rate");
            for (int i = 0; i < levels.size(); i++) {
                limit(levels.get(i), "sweep.rate[" + i + "]", LoadSpec.MAX_RATE, "req/s", " req/s", agents, problems);
            }
            ObjView findMax = sweep.objOrNull("find_max");
            if (findMax != null) {
                rate(findMax, "rate_to", "sweep.find_max.rate_to", agents, problems);
            }
        }
    }

    private static void users(ObjView v, String key, String path, String what, long agents, List<Problem> problems) {
        if (v.has(key)) {
            limit(v.raw(key), path, LoadSpec.MAX_USERS, what, "", agents, problems);
        }
    }

    private static void rate(ObjView v, String key, String path, long agents, List<Problem> problems) {
        if (v.has(key)) {
            limit(v.raw(key), path, LoadSpec.MAX_RATE, "req/s", " req/s", agents, problems);
        }
    }

    private static void limit(Node node, String path, double max, String what, String unit, long agents, List<Problem> problems) {
        if (!(node instanceof Node.ScalarNode s) || !(s.value() instanceof Number n) || n.doubleValue() <= max * agents) {
            return;
        }
        String value = (n instanceof Long ? n.toString() : Shape.Num.format(n.doubleValue())) + " " + what;
        long needed = (long) Math.ceil(n.doubleValue() / max);
        String limit = Shape.Num.format(max) + unit;
        String message = agents == 1
                ? value + " exceed what one llmload process can drive (at most " + limit + "); lower it, or split it among "
                        + needed + " agents (cluster.agents, or --agents " + needed + ")"
                : value + " over " + agents + " agents exceed " + limit + " each, the most one llmload process can drive;"
                        + " lower it, or use " + needed + " agents";
        problems.add(new Problem(node.location(), path, message));
    }

    private static void trace(ObjView load, List<Problem> problems) {
        ObjView trace = load.obj("trace");
        java.nio.file.Path path = DatasetSpec.resolve(trace.str("path"), trace.location("path"));
        if (!java.nio.file.Files.isRegularFile(path) || !java.nio.file.Files.isReadable(path)) {
            problems.add(new Problem(trace.location("path"), "load.trace.path", "trace file not found or not readable: " + path));
        }
    }
}

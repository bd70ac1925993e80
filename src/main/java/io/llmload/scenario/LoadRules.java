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

    private static void trace(ObjView load, List<Problem> problems) {
        ObjView trace = load.obj("trace");
        java.nio.file.Path path = DatasetSpec.resolve(trace.str("path"), trace.location("path"));
        if (!java.nio.file.Files.isRegularFile(path) || !java.nio.file.Files.isReadable(path)) {
            problems.add(new Problem(trace.location("path"), "load.trace.path", "trace file not found or not readable: " + path));
        }
    }
}

package io.llmload.scenario;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Cross-field rules of {@code sweep} and {@code variants}. */
final class SweepRules {
    private SweepRules() {
    }

    static void check(ObjView root, List<Problem> problems) {
        ObjView sweep = root.objOrNull("sweep");
        if (sweep != null) {
            List<String> given = new ArrayList<>();
            for (String key : List.of("concurrency", "rate", "find_max")) {
                if (sweep.has(key)) {
                    given.add(key);
                }
            }
            if (given.size() != 1) {
                problems.add(new Problem(sweep.location(), "sweep", "give exactly one of concurrency, rate or find_max"));
            }
            if (root.obj("load").has("stages")) {
                problems.add(new Problem(sweep.location(), "sweep", "a sweep sets one level per point; remove load.stages"));
            }
            if (root.has("variants")) {
                problems.add(new Problem(sweep.location(), "sweep", "use either sweep or variants, not both"));
            }
            if (root.obj("load").has("trace")) {
                problems.add(new Problem(sweep.location(), "sweep", "a trace sets its own times; a sweep cannot change its level (remove load.trace or sweep)"));
            }
            ObjView fm = sweep.objOrNull("find_max");
            if (fm != null && fm.number("rate_to") <= fm.number("rate_from")) {
                problems.add(new Problem(fm.location("rate_to"), "sweep.find_max.rate_to", "must be above rate_from"));
            }
        }
        ObjView variants = root.objOrNull("variants");
        if (variants != null && "interleaved".equals(variants.str("order")) && LoadSpec.AUTO.equals(root.obj("load").str("warmup"))) {
            problems.add(new Problem(root.obj("load").location("warmup"), "load.warmup",
                    "interleaved variants need a fixed warmup (it is rounded up to whole slices); warmup: auto works with sequential variants"));
        }
        if (variants != null && "interleaved".equals(variants.str("order")) && root.obj("load").has("trace")) {
            problems.add(new Problem(variants.location("order"), "variants.order",
                    "a trace is replayed whole, so it cannot be cut into interleaved slices; use order: sequential"));
        }
        if (variants != null) {
            Set<String> names = new HashSet<>();
            for (Node n : variants.list("list")) {
                ObjView v = new ObjView((Node.MapNode) n, VariantsSpec.Variant.SHAPE, "variants.list");
                if (!names.add(v.str("name"))) {
                    problems.add(new Problem(v.location("name"), "variants.list.name", "duplicate variant name '" + v.str("name") + "'"));
                }
            }
        }
    }
}

package io.llmload.scenario;

import static io.llmload.scenario.Shape.any;
import static io.llmload.scenario.Shape.listOf;
import static io.llmload.scenario.Shape.mapOf;
import static io.llmload.scenario.Shape.nonEmptyListOf;
import static io.llmload.scenario.Shape.obj;
import static io.llmload.scenario.Shape.optional;
import static io.llmload.scenario.Shape.required;
import static io.llmload.scenario.Shape.str;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings compared in one run: each variant overrides scenario paths ({@code set}). Sequential
 * runs them one after another; interleaved alternates short slices so drift in the server or
 * the network hits every variant alike.
 */
public record VariantsSpec(String order, Duration slice, List<Variant> list) {

    /** One named set of overrides; {@code set} keeps each value's node, so errors point into the file. */
    public record Variant(String name, Map<String, Node> set, List<ThresholdSpec> thresholds) {
        public static final Shape.Obj SHAPE = obj(
                required("name", str(), "the variant's name in reports"),
                optional("set", mapOf(any()), Map.of(), "scenario paths to override, e.g. {target.url: \"http://gpu-b:8000/v1\"}"),
                optional("thresholds", listOf(ThresholdSpec.ITEM), List.of(), "checks for this variant only (strings or {expr, abort_on_fail, min_requests})"));
    }

    public static final Shape.Obj SHAPE = obj(
            optional("order", str("sequential", "interleaved"), "sequential", "run variants one after another, or alternate slices"),
            optional("slice", Shape.duration(), "10s", "interleaved: how long each slice lasts"),
            required("list", nonEmptyListOf(Variant.SHAPE), "the variants"));

    static VariantsSpec from(ObjView v) {
        List<Variant> list = v.list("list").stream().map(n -> {
            ObjView item = new ObjView((Node.MapNode) n, Variant.SHAPE, "variants.list");
            Map<String, Node> set = new LinkedHashMap<>();
            if (item.raw("set") instanceof Node.MapNode m) {
                set.putAll(m.entries());
            }
            List<ThresholdSpec> thresholds = item.list("thresholds").stream()
                    .map(t -> ThresholdSpec.from(t, "variants.list.thresholds")).toList();
            return new Variant(item.str("name"), set, thresholds);
        }).toList();
        return new VariantsSpec(v.str("order"), v.duration("slice"), list);
    }

    public boolean interleaved() {
        return "interleaved".equals(order);
    }
}

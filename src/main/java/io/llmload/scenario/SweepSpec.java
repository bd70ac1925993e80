package io.llmload.scenario;

import static io.llmload.scenario.Shape.integer;
import static io.llmload.scenario.Shape.nonEmptyListOf;
import static io.llmload.scenario.Shape.number;
import static io.llmload.scenario.Shape.obj;
import static io.llmload.scenario.Shape.optional;
import static io.llmload.scenario.Shape.required;
import static io.llmload.scenario.Shape.str;

import java.util.List;

/**
 * One run per value ({@code concurrency} or {@code rate}), or a search for the highest rate that
 * meets every SLO ({@code find_max}).
 */
public record SweepSpec(List<Integer> concurrency, List<Double> rate, FindMax findMax) {

    /** Step-up then bisection between {@code rate_from} and {@code rate_to}, to {@code precision} req/s. */
    public record FindMax(double rateFrom, double rateTo, List<ThresholdSpec> until, double precision, double stepFactor) {
        public static final Shape.Obj SHAPE = obj(
                required("rate_from", number(0.001, LoadSpec.MAX_RATE_IN_CLUSTER), "the first rate tried (req/s)"),
                required("rate_to", number(0.001, LoadSpec.MAX_RATE_IN_CLUSTER), "the highest rate tried (req/s)"),
                required("until", nonEmptyListOf(str()), "SLOs every probe must meet, e.g. 'ttft.p99 < 1s'"),
                optional("precision", number(0.001), 1.0, "stop bisecting when the bracket is this narrow (req/s)"),
                optional("step_factor", number(1.01), 2.0, "step-up multiplies the rate by this until a probe fails"));

        static FindMax from(ObjView v) {
            List<ThresholdSpec> until = v.list("until").stream()
                    .map(n -> new ThresholdSpec(String.valueOf(((Node.ScalarNode) n).value()), n.location())).toList();
            return new FindMax(v.number("rate_from"), v.number("rate_to"), until, v.number("precision"), v.number("step_factor"));
        }
    }

    public static final Shape.Obj SHAPE = obj(
            optional("concurrency", nonEmptyListOf(integer(1, LoadSpec.MAX_USERS_IN_CLUSTER)), null, "one run per concurrency"),
            optional("rate", nonEmptyListOf(number(0.001, LoadSpec.MAX_RATE_IN_CLUSTER)), null, "one run per rate (req/s)"),
            optional("find_max", FindMax.SHAPE, null, "search for the highest rate meeting every SLO (goodput search)"));

    static SweepSpec from(ObjView v) {
        List<Integer> c = v.has("concurrency") ? v.list("concurrency").stream()
                .map(n -> ((Number) ((Node.ScalarNode) n).value()).intValue()).toList() : null;
        List<Double> r = v.has("rate") ? v.list("rate").stream()
                .map(n -> ((Number) ((Node.ScalarNode) n).value()).doubleValue()).toList() : null;
        return new SweepSpec(c, r, v.has("find_max") ? FindMax.from(v.obj("find_max")) : null);
    }
}

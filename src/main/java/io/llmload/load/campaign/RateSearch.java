package io.llmload.load.campaign;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the highest rate that still meets every SLO: step up from {@code from} (multiplying by
 * {@code stepFactor}, capped at {@code to}) until a probe fails, then bisect between the last pass
 * and the first failure until the bracket is at most {@code precision} wide. Assumes that meeting
 * the SLOs is monotone in the rate, as it is for a server with a capacity; each probe is a whole
 * run, so the probe function is injected and the logic is testable on a simulated curve.
 */
public final class RateSearch {

    /** Runs one probe at a rate and says whether every SLO held. */
    @FunctionalInterface
    public interface Prober {
        boolean probe(double rate) throws Exception;
    }

    /** One probe: the rate tried and whether it passed. */
    public record Probe(double rate, boolean passed) {
    }

    /**
     * @param maxRate the highest passing rate, or null when even {@code from} failed
     * @param outcome found (bracketed to the precision), at_top ({@code to} itself passed),
     *                below_range (nothing passed), or stopped (a probe was interrupted)
     */
    public record Result(Double maxRate, String outcome, List<Probe> probes) {
    }

    private RateSearch() {
    }

    public static Result search(double from, double to, double precision, double stepFactor, Prober prober) throws Exception {
        List<Probe> probes = new ArrayList<>();
        Double lastPass = null;
        Double firstFail = null;
        double rate = from;
        while (true) {
            boolean passed = prober.probe(rate);
            probes.add(new Probe(rate, passed));
            if (!passed) {
                firstFail = rate;
                break;
            }
            lastPass = rate;
            if (rate >= to) {
                return new Result(to, "at_top", probes);
            }
            rate = Math.min(to, rate * stepFactor);
        }
        if (lastPass == null) {
            return new Result(null, "below_range", probes);
        }
        double lo = lastPass;
        double hi = firstFail;
        while (hi - lo > precision) {
            double mid = (lo + hi) / 2;
            boolean passed = prober.probe(mid);
            probes.add(new Probe(mid, passed));
            if (passed) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return new Result(lo, "found", probes);
    }
}

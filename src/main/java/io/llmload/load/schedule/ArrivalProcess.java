package io.llmload.load.schedule;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterExponentialSampler;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Gaps between arrivals in "operational time", where the rate is 1: every gap has mean 1. A
 * {@link RateProfile} then stretches operational time into real time, so the same process serves
 * constant and ramped rates alike. Gamma gaps with shape {@code b} and scale {@code 1/b} follow
 * vLLM's and AIPerf's {@code burstiness}: b = 1 is Poisson, b < 1 burstier, b > 1 smoother.
 *
 * <p>Thread contract: not thread-safe; each consumer creates its own from the seed, and equal
 * seeds give equal sequences.
 */
public interface ArrivalProcess {

    /** The next gap, mean 1. */
    double nextGap();

    static ArrivalProcess constant() {
        return () -> 1.0;
    }

    static ArrivalProcess poisson(long seed) {
        ContinuousSampler exp = AhrensDieterExponentialSampler.of(rng(seed), 1.0);
        return exp::sample;
    }

    static ArrivalProcess gamma(double burstiness, long seed) {
        if (!(burstiness > 0)) {
            throw new IllegalArgumentException("burstiness must be > 0, got " + burstiness);
        }
        ContinuousSampler g = AhrensDieterMarsagliaTsangGammaSampler.of(rng(seed), burstiness, 1.0 / burstiness);
        return g::sample;
    }

    /** By the scenario's name: constant, poisson or gamma. */
    static ArrivalProcess of(String kind, double burstiness, long seed) {
        if ("constant".equals(kind)) {
            return constant();
        }
        if ("gamma".equals(kind)) {
            return gamma(burstiness, seed);
        }
        return poisson(seed);
    }

    private static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }
}

package io.llmload.workload;

import io.llmload.client.Abandon;
import io.llmload.scenario.CancelAfter;
import io.llmload.scenario.CancelSpec;
import io.llmload.scenario.DistSpec;
import java.util.Locale;
import java.util.Random;

/**
 * Which requests their users abandon ({@code workload.cancel}) and when: a pure function of the
 * seed and the request's sequence number, so the same seed abandons the same requests at the same
 * points. Thread contract: immutable.
 */
public final class CancelPlan {
    /** No request is abandoned. */
    public static final CancelPlan NONE = new CancelPlan(null, 0);
    private static final long SALT = 0x63616E63656CL;

    private final CancelSpec spec;
    private final long seed;

    public CancelPlan(CancelSpec spec, long seed) {
        this.spec = spec;
        this.seed = seed;
    }

    /** Where the user of request {@code sequence} gives up, or null when it waits for the whole answer. */
    public Abandon decide(long sequence) {
        if (spec == null || spec.fraction() <= 0) {
            return null;
        }
        Random random = new Random(SyntheticPrompts.mix(seed ^ SALT, sequence));
        if (random.nextDouble() >= spec.fraction()) {
            return null;
        }
        CancelAfter after = spec.after();
        if (after.tokens() != null) {
            return Abandon.afterChunks((int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(after.tokens().sample(random)))));
        }
        return Abandon.afterNanos(Math.round(after.time().sample(random)));
    }

    public boolean active() {
        return spec != null && spec.fraction() > 0;
    }

    /** One line for the console, or null when nothing is abandoned. */
    public String description() {
        if (!active()) {
            return null;
        }
        CancelAfter after = spec.after();
        String when = after.tokens() != null ? "after " + describe(after.tokens(), 1, " content chunks")
                : describe(after.time(), 1e6, " ms") + " after the start";
        return String.format(Locale.ROOT, "%.3g%% of requests abandoned by their users %s", spec.fraction() * 100, when);
    }

    private static String describe(DistSpec d, double unit, String what) {
        if (DistSpec.FIXED.equals(d.kind())) {
            return Math.round(d.mean() / unit) + what;
        }
        if (DistSpec.UNIFORM.equals(d.kind())) {
            return Math.round(d.min() / unit) + " to " + Math.round(d.max() / unit) + what;
        }
        return "a mean of " + Math.round(d.mean() / unit) + what;
    }
}

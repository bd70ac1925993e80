package io.llmload.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.client.Abandon;
import io.llmload.scenario.CancelAfter;
import io.llmload.scenario.CancelSpec;
import io.llmload.scenario.DistSpec;
import org.junit.jupiter.api.Test;

/** Which requests are abandoned: a pure function of the seed and the sequence number. */
class CancelPlanTest {

    @Test
    void theShareAndThePointsFollowTheSpecAndTheSeed() {
        CancelSpec spec = new CancelSpec(0.25, new CancelAfter(new DistSpec(DistSpec.UNIFORM, 20, 0, 10, 30), null));
        CancelPlan plan = new CancelPlan(spec, 42);
        CancelPlan same = new CancelPlan(spec, 42);
        CancelPlan other = new CancelPlan(spec, 43);
        int picked = 0;
        int differ = 0;
        for (long seq = 0; seq < 20_000; seq++) {
            Abandon a = plan.decide(seq);
            assertThat(same.decide(seq)).isEqualTo(a);
            if ((a == null) != (other.decide(seq) == null)) {
                differ++;
            }
            if (a != null) {
                picked++;
                assertThat(a.afterChunks()).isBetween(10, 30);
                assertThat(a.afterNanos()).isEqualTo(-1);
            }
        }
        // 5,000 expected; four standard deviations (about 245) either way
        assertThat(picked).isBetween(4_755, 5_245);
        assertThat(differ).as("another seed picks other requests").isGreaterThan(5_000);
        assertThat(plan.description()).isEqualTo("25.0% of requests abandoned by their users after 10 to 30 content chunks");
    }

    @Test
    void byTimeAndNever() {
        CancelPlan all = new CancelPlan(new CancelSpec(1.0, new CancelAfter(null, DistSpec.fixed(2e9))), 1);
        assertThat(all.decide(5)).isEqualTo(new Abandon(0, 2_000_000_000L));
        assertThat(all.description()).isEqualTo("100% of requests abandoned by their users 2000 ms after the start");
        assertThat(CancelPlan.NONE.decide(5)).isNull();
        assertThat(CancelPlan.NONE.active()).isFalse();
        assertThat(new CancelPlan(new CancelSpec(0, new CancelAfter(null, DistSpec.fixed(1))), 1).decide(0)).isNull();
    }
}

package io.llmload.load;

import io.llmload.metrics.GoodputRule;
import io.llmload.scenario.SteadyStateSpec;
import java.time.Duration;
import java.util.List;

/**
 * Everything the {@link RunEngine} needs for one run, resolved from a scenario and the command line.
 *
 * @param warmup       fixed warmup, or null for automatic (until steady state, see {@code steadyState})
 * @param measured     measured time after warmup, or null for "until every lane's request budget is spent"
 * @param drivers      driver verticles per lane (at most one per event loop is useful)
 * @param warmupRule   how a warmup the scenario did not set was chosen, as the report states it; null when it was set
 */
public record RunPlan(String scenarioName, List<LanePlan> lanes, Duration warmup, SteadyStateSpec steadyState,
                      Duration measured, Duration drain, int drivers, GoodputRule goodput, String warmupRule) {

    /** A plan whose warmup (or its absence) is the scenario's own. */
    public RunPlan(String scenarioName, List<LanePlan> lanes, Duration warmup, SteadyStateSpec steadyState,
                   Duration measured, Duration drain, int drivers, GoodputRule goodput) {
        this(scenarioName, lanes, warmup, steadyState, measured, drain, drivers, goodput, null);
    }

    public boolean autoWarmup() {
        return warmup == null;
    }

    /** The warmup reserved in the profiles: the fixed warmup or the automatic warmup's maximum. */
    public Duration warmupMax() {
        return warmup != null ? warmup : steadyState.max();
    }
}

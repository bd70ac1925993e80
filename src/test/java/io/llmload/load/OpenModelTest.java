package io.llmload.load;

import static io.llmload.load.RunEngineTest.mock;
import static io.llmload.load.RunEngineTest.openLane;
import static io.llmload.load.RunEngineTest.plan;
import static io.llmload.load.RunEngineTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.load.schedule.ArrivalProcess;
import io.llmload.load.schedule.FireTimes;
import io.llmload.load.schedule.LoadProfile;
import io.llmload.result.TimePoint;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;

/** The open model, stages and automatic warmup through {@link RunEngine} against the embedded mock. */
@Isolated("it checks arrival rates and schedule lag: nothing else may run beside it")
@ExtendWith(VertxExtension.class)
class OpenModelTest {

    @Test
    void fortyPerSecondPoissonForFiveSeconds(Vertx vertx) throws Exception {
        LanePlan lane = openLane(mock(50, 2, 8), 40, "poisson", 1000, Duration.ofSeconds(5));
        RunResult r = run(vertx, plan(Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(5), lane));
        long sent = r.summary().requests().total();
        assertThat(sent).isBetween(150L, 250L);
        // Exactly the arrivals the seeded schedule has in the window were sent: none lost, none invented.
        long scheduled = 0;
        FireTimes f = new FireTimes(lane.profile(), ArrivalProcess.poisson(lane.seed()));
        for (long t = f.next(); t != FireTimes.END && t < Duration.ofSeconds(5).toNanos(); t = f.next()) {
            scheduled++;
        }
        assertThat(sent).isEqualTo(scheduled);
        assertThat(r.load().scheduledArrivals()).isEqualTo(scheduled);
        assertThat(r.summary().requests().succeeded()).isEqualTo(sent);
        assertThat(r.summary().requests().dropped()).isZero();
        assertThat(r.load().model()).isEqualTo("open");
        assertThat(r.summary().latency("schedule_lag").count()).isEqualTo(sent);
        assertThat(r.summary().latency("ttft").p50()).isBetween(49.0, 120.0);
    }

    @Test
    void theCapDropsArrivalsInsteadOfQueueingThem(Vertx vertx) throws Exception {
        // 20 req/s against a server that takes 2 s per request, with at most 5 outstanding.
        LanePlan lane = openLane(mock(2000, 1, 4), 20, "constant", 5, Duration.ofSeconds(3));
        RunResult r = run(vertx, plan(Duration.ZERO, Duration.ofSeconds(3), Duration.ofSeconds(10), lane));
        long dropped = r.summary().requests().dropped();
        long sent = r.summary().requests().total();
        assertThat(dropped).isGreaterThan(30);
        assertThat(sent + dropped).isEqualTo(60);
        assertThat(sent).isBetween(5L, 15L);
        assertThat(r.timeseries().stream().mapToLong(TimePoint::dropped).sum()).isEqualTo(dropped);
    }

    @Test
    void closedModelStagesFollowTheLevels(Vertx vertx) throws Exception {
        LoadProfile profile = LoadProfile.of(0, List.of(new LoadProfile.Stage(Duration.ofSeconds(2).toNanos(), 2, false),
                new LoadProfile.Stage(Duration.ofSeconds(2).toNanos(), 8, false)));
        LanePlan base = RunEngineTest.closedLane(null, mock(100, 5, 10), 8, null, Duration.ZERO, Duration.ofSeconds(4));
        LanePlan lane = new LanePlan("staged", base.client(), base.mock(), base.requests(), true, profile, false, "poisson", 1, 1, 0, null);
        RunResult r = run(vertx, plan(Duration.ZERO, Duration.ofSeconds(4), Duration.ofSeconds(5), lane));
        assertThat(r.stages()).hasSize(2);
        assertThat(r.stages().get(1).concurrency()).isEqualTo(8.0);
        List<TimePoint> series = r.timeseries();
        TimePoint early = series.get(0);
        TimePoint late = series.stream().filter(p -> p.stage() == 1).findFirst().orElseThrow();
        assertThat(early.target()).isEqualTo(2.0);
        assertThat(early.inFlight()).isLessThanOrEqualTo(2);
        assertThat(late.target()).isEqualTo(8.0);
        assertThat(series.stream().mapToInt(TimePoint::inFlight).max().orElse(0)).isGreaterThan(2).isLessThanOrEqualTo(8);
    }

    @Test
    void automaticWarmupEndsAtSteadyState(Vertx vertx) throws Exception {
        LanePlan lane = RunEngineTest.closedLane(null, mock(40, 2, 8), 4, null, Duration.ofSeconds(8), Duration.ofSeconds(2));
        RunPlan plan = new RunPlan("auto", List.of(lane), null,
                new io.llmload.scenario.SteadyStateSpec(Duration.ofSeconds(2), 0.5, Duration.ofSeconds(8)), Duration.ofSeconds(2),
                Duration.ofSeconds(5), 2, io.llmload.metrics.GoodputRule.NONE);
        RunResult r = run(vertx, plan);
        assertThat(r.steadyState().mode()).isEqualTo("auto");
        assertThat(r.steadyState().reached()).isTrue();
        assertThat(r.steadyState().atS()).isBetween(1.5, 7.0);
        assertThat(r.warmupS()).isEqualTo(r.steadyState().atS());
        assertThat(r.measuredS()).isBetween(1.5, 3.5);
        assertThat(r.durationS()).isLessThan(8.0 + 2 + 3);
    }
}

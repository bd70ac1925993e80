package io.llmload.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.scenario.EnvSubstitution;
import io.llmload.scenario.Scenario;
import io.llmload.scenario.ScenarioLoader;
import io.llmload.workload.TraceRequests;
import io.llmload.workload.Workloads;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A trace read as a driver's arrivals from a real file on a real event loop: its share of the
 * records in order at their scaled times, and a read-ahead that stops at its bound however large
 * the file, so a trace of any size costs bounded memory.
 */
@Isolated("it checks send times against a trace's recorded times: nothing else may run beside it")
@ExtendWith(VertxExtension.class)
class TraceArrivalsTest {
    @TempDir
    Path tmp;

    private TraceRequests trace(String lineFormat, int records, String loadExtra) throws Exception {
        Path file = tmp.resolve("t.jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < records; i++) {
                w.write(String.format(lineFormat, 5000 + i * 10, i + 1));
                w.write(i % 7 == 3 ? "\r\n\n" : "\n"); // CRLF and blank lines are no records
            }
        }
        Path scenario = tmp.resolve("s.yaml");
        Files.writeString(scenario, "target: {url: embedded, model: m}\nload: {trace: {path: t.jsonl" + loadExtra + "}}\n");
        Scenario s = new ScenarioLoader(new EnvSubstitution(Map.<String, String>of()::get)).load(scenario, List.of());
        return (TraceRequests) Workloads.create(s);
    }

    @Test
    void aDriverGetsItsShareInOrderAtTheScaledTimes(Vertx vertx, VertxTestContext ctx) throws Exception {
        TraceRequests trace = trace("{\"timestamp_ms\": %d, \"input_tokens\": 20, \"output_tokens\": %d}", 9, ", time_scale: 2");
        RunClock clock = new RunClock(1_000_000_000L, 0, 0, Long.MAX_VALUE);
        TraceArrivals arrivals = new TraceArrivals(vertx, trace, clock, 1, 2);
        List<long[]> got = new ArrayList<>();
        vertx.runOnContext(v -> arrivals.open().onComplete(ctx.succeeding(x -> drain(arrivals, got, () -> ctx.verify(() -> {
            // driver 1 of 2: records 1, 3, 5, 7; 10 ms apart in the file, 20 ms at time scale 2
            assertThat(got).extracting(g -> g[0]).containsExactly(1L, 3L, 5L, 7L);
            assertThat(got).extracting(g -> g[1]).containsExactly(1_000_000_000L + 20_000_000L, 1_000_000_000L + 60_000_000L,
                    1_000_000_000L + 100_000_000L, 1_000_000_000L + 140_000_000L);
            assertThat(got).extracting(g -> g[2]).as("each record's own max_tokens in its body").containsExactly(2L, 4L, 6L, 8L);
            ctx.completeNow();
        })))));
    }

    @Test
    void anAgentsShareIsSplitAmongItsDriversAndTheSharesCoverTheTraceOnce(Vertx vertx, VertxTestContext ctx) throws Exception {
        TraceRequests whole = trace("{\"timestamp_ms\": %d, \"input_tokens\": 20, \"output_tokens\": %d}", 10, "");
        // 3 agents with 2 drivers each: every record is taken by exactly one (agent, driver).
        long[] takers = new long[10];
        long shares = 0;
        for (int agent = 0; agent < 3; agent++) {
            TraceRequests share = whole.share(agent, 3);
            shares += share.records();
            for (int d = 0; d < 2; d++) {
                for (int i = 0; i < 10; i++) {
                    if (share.takes(i, d, 2)) {
                        takers[i]++;
                        assertThat(i % 3).as("record %d belongs to agent %d", i, agent).isEqualTo(agent);
                    }
                }
            }
        }
        assertThat(takers).containsOnly(1L);
        assertThat(shares).isEqualTo(10);
        assertThat(whole.share(0, 3).records()).isEqualTo(4);
        assertThat(whole.share(2, 3).records()).isEqualTo(3);
        assertThat(whole.share(1, 3).description()).contains("this share: every 3rd record from the 2nd (3)");

        // Agent 2 of 3, driver 1 of 2: records 5 (2 + 3) and 11 would be next; of 10 only record 5, at its recorded time.
        RunClock clock = new RunClock(1_000_000_000L, 0, 0, Long.MAX_VALUE);
        TraceArrivals arrivals = new TraceArrivals(vertx, whole.share(2, 3), clock, 1, 2);
        List<long[]> got = new ArrayList<>();
        vertx.runOnContext(v -> arrivals.open().onComplete(ctx.succeeding(x -> drain(arrivals, got, () -> ctx.verify(() -> {
            assertThat(got).extracting(g -> g[0]).containsExactly(5L);
            assertThat(got).extracting(g -> g[1]).containsExactly(1_000_000_000L + 50_000_000L);
            ctx.completeNow();
        })))));
    }

    /** Asks for arrivals until the end, waiting when one is still being read. */
    private static void drain(TraceArrivals arrivals, List<long[]> got, Runnable done) {
        while (true) {
            long due = arrivals.next(() -> drain(arrivals, got, done));
            if (due == Arrivals.PENDING) {
                return;
            }
            if (due == Arrivals.END) {
                done.run();
                return;
            }
            long maxTokens = arrivals.body().toJsonObject().getLong("max_tokens");
            got.add(new long[] {arrivals.sequence(), due, maxTokens});
        }
    }

    @Test
    void readingStopsAtTheBoundHoweverLargeTheFile(Vertx vertx, VertxTestContext ctx) throws Exception {
        TraceRequests many = trace("{\"timestamp_ms\": %d, \"input_tokens\": 8, \"output_tokens\": %d}", 20_000, "");
        TraceArrivals arrivals = new TraceArrivals(vertx, many, new RunClock(System.nanoTime(), 0, 0, Long.MAX_VALUE), 0, 1);
        vertx.runOnContext(v -> arrivals.open().onComplete(ctx.succeeding(x -> {
            assertThat(arrivals.next(() -> { })).isNotEqualTo(Arrivals.END);
            // Give the reader time to run far ahead if nothing held it back.
            vertx.setTimer(500, id -> ctx.verify(() -> {
                assertThat(arrivals.queued()).isBetween(TraceArrivals.HIGH_WATER - 1, TraceArrivals.HIGH_WATER + 1);
                assertThat(arrivals.recordsRead()).isLessThan(2 * TraceArrivals.HIGH_WATER);
                // Taking arrivals lets it read on, up to the bound again.
                for (int i = 0; i < 120; i++) {
                    arrivals.next(() -> { });
                }
                vertx.setTimer(300, id2 -> ctx.verify(() -> {
                    assertThat(arrivals.recordsRead()).isBetween(200L, 4L * TraceArrivals.HIGH_WATER);
                    assertThat(arrivals.queued()).isLessThanOrEqualTo(TraceArrivals.HIGH_WATER + 1);
                    arrivals.close();
                    ctx.completeNow();
                }));
            }));
        })));
    }

    @Test
    void largeRecordsAreBoundedByTheirBytes(Vertx vertx, VertxTestContext ctx) throws Exception {
        String filler = "word ".repeat(20_000);
        TraceRequests big = trace("{\"timestamp_ms\": %d, \"output_tokens\": %d, \"messages\": [{\"role\": \"user\", \"content\": \"" + filler
                + "\"}]}", 400, "");
        // Two drivers share the read-ahead: this one's bound is half of the whole.
        TraceArrivals arrivals = new TraceArrivals(vertx, big, new RunClock(System.nanoTime(), 0, 0, Long.MAX_VALUE), 0, 2);
        long bound = TraceArrivals.highWaterBytes(2);
        assertThat(bound).isEqualTo(TraceArrivals.ALL_DRIVERS_BYTES / 2);
        assertThat(TraceArrivals.highWaterBytes(256)).as("a floor for many drivers").isEqualTo(TraceArrivals.MIN_DRIVER_BYTES);
        vertx.runOnContext(v -> arrivals.open().onComplete(ctx.succeeding(x -> {
            arrivals.next(() -> { });
            // The read-ahead fills at the disk's and the machine's pace: wait (up to 10 s) until it reaches the bound, then a
            // little longer, to see it stop there.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            vertx.setPeriodic(100, id -> {
                if (arrivals.queuedBytes() < bound - 200_000L && System.nanoTime() < deadline) {
                    return;
                }
                vertx.cancelTimer(id);
                vertx.setTimer(300, later -> ctx.verify(() -> {
                    // 100 kB bodies: about 40 of them make the 4 MB bound, far fewer than the 200 of this driver's in the file
                    assertThat(arrivals.queuedBytes()).isBetween(bound - 200_000L, bound + 200_000L);
                    assertThat(arrivals.recordsRead()).isLessThan(120);
                    arrivals.close();
                    ctx.completeNow();
                }));
            });
        })));
    }
}

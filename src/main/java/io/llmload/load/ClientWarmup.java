package io.llmload.load;

import io.llmload.client.ClientConfig;
import io.llmload.client.Redactor;
import io.llmload.load.schedule.LoadProfile;
import io.llmload.metrics.GoodputRule;
import io.llmload.mock.MockConfig;
import io.llmload.scenario.DistSpec;
import io.llmload.workload.FixedMessages;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Warms llmload's own request path once per JVM before the first schedule starts: a short run of
 * the same drivers, client, SSE parser and metrics against an embedded mock on loopback (never the
 * target), closed and open model side by side. A cold JVM's first requests spend hundreds of
 * milliseconds in class loading, the interpreter and JIT compilation; without this they were
 * reported as the server's TTFT and as schedule lag, and even as a saturated client. Set
 * {@code LLMLOAD_CLIENT_WARMUP=off} to skip it (the numbers then include the cold start).
 *
 * <p>Thread contract: {@link #once} may be called from any thread; the first call runs the warmup
 * and every call shares its outcome, which never fails.
 */
final class ClientWarmup {
    static final String ENV = "LLMLOAD_CLIENT_WARMUP";
    /** Long enough for the per-token and per-request paths to be compiled (thousands of requests). */
    private static final Duration LENGTH = Duration.ofMillis(1500);
    private static final int USERS_PER_DRIVER = 8;
    private static final double RATE = 400;
    /** Waiting for the compilers to go quiet lasts at most this long. */
    private static final Duration SETTLE_MAX = Duration.ofSeconds(2);
    private static final AtomicReference<Future<Void>> DONE = new AtomicReference<>();

    private ClientWarmup() {
    }

    /** Warms the request path for {@code plan}'s kind of requests, the first time only. */
    static Future<Void> once(Vertx vertx, RunPlan plan) {
        if ("off".equalsIgnoreCase(System.getenv(ENV))) {
            return Future.succeededFuture();
        }
        Promise<Void> mine = Promise.promise();
        if (!DONE.compareAndSet(null, mine.future())) {
            return DONE.get();
        }
        new RunEngine(vertx, plan(plan), RunListener.NONE, false).run()
                .transform(ar -> compilersQuiet(vertx))
                // Its garbage: a young collection in the first measured second would pause every stream.
                .transform(ar -> vertx.executeBlocking(() -> {
                    System.gc();
                    return null;
                }, false))
                .onComplete(ar -> mine.complete());
        return mine.future();
    }

    /**
     * Completes once the JIT compilations the warmup queued are done (compiler threads compete with
     * the event loops on a small machine), or after {@link #SETTLE_MAX}: polled on a timer, so no
     * thread waits.
     */
    private static Future<Void> compilersQuiet(Vertx vertx) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return Future.succeededFuture();
        }
        Promise<Void> quiet = Promise.promise();
        long deadline = System.nanoTime() + SETTLE_MAX.toNanos();
        long[] before = {jit.getTotalCompilationTime()};
        vertx.setPeriodic(50, id -> {
            long now = jit.getTotalCompilationTime();
            if (now - before[0] <= 1 || System.nanoTime() >= deadline) {
                vertx.cancelTimer(id);
                quiet.tryComplete();
            }
            before[0] = now;
        });
        return quiet.future();
    }

    /** @param real the run to warm for, or null before any is known (an agent waiting for work) */
    private static RunPlan plan(RunPlan real) {
        ClientConfig c = real == null ? null : real.lanes().get(0).client();
        boolean stream = real == null || real.lanes().get(0).stream();
        // The target's headers (its key among them) stay with the target.
        ClientConfig client = new ClientConfig(null, Map.of(), false, true, 0, Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(30), c == null ? ClientConfig.DEFAULT_MAX_RESPONSE_BYTES : c.maxResponseBytes(),
                c == null ? ClientConfig.DEFAULT_MAX_EVENT_BYTES : c.maxEventBytes(), c == null ? Redactor.none() : c.redactor());
        if (c != null) {
            client = client.withTokenizer(c.tokenizer());
        }
        FixedMessages messages = new FixedMessages("llmload-warmup",
                List.of(Map.of("role", "user", "content", "Warm the client's request path.")), 64, stream, Map.of());
        MockConfig mock = new MockConfig(MockConfig.DEFAULT_HOST, 0, 1, DistSpec.fixed(0), DistSpec.fixed(0), DistSpec.fixed(64), 1, null);
        int drivers = real == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, real.drivers());
        LanePlan closed = new LanePlan("warmup-closed", client, mock, messages, stream,
                LoadProfile.of(0, List.of(new LoadProfile.Stage(LENGTH.toNanos(), USERS_PER_DRIVER * drivers, false))),
                false, "poisson", 1, 1, 0, null);
        LanePlan open = new LanePlan("warmup-open", client, mock, messages, stream,
                LoadProfile.of(0, List.of(new LoadProfile.Stage(LENGTH.toNanos(), RATE, false))),
                true, "poisson", 1, 1, 1000, null);
        return new RunPlan("llmload-client-warmup", List.of(closed, open), Duration.ZERO, null, LENGTH, Duration.ofSeconds(2), drivers,
                GoodputRule.NONE);
    }
}

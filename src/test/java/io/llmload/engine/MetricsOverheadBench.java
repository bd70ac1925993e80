package io.llmload.engine;

import io.llmload.load.CompositeRunListener;
import io.llmload.load.RunEngine;
import io.llmload.load.RunListener;
import io.llmload.load.RunPlan;
import io.llmload.load.RunResult;
import io.llmload.metrics.IntervalSnapshot;
import io.llmload.scenario.Scenario;
import io.llmload.scenario.ScenarioLoader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Benchmark, not a test (bench/metrics-overhead.sh runs it): what the live Prometheus endpoint
 * costs the client. In one warmed-up JVM it alternates runs against a mock in another process,
 * without and with the endpoint (llmload meters, Vert.x client metrics, a scrape every second),
 * through the same {@link Observability} the CLI uses, and compares the client's CPU time per
 * request in the steady state (from the second tick to the last, so setting up and closing a
 * registry, which a real run pays once, is not charged to its requests): on a machine shared with
 * other work the throughput swings with their load, while CPU per request is what the client can
 * afford. Args: mock base URL, rounds, seconds per run, users, whether the endpoint carries
 * Vert.x's client meters ({@code metrics.vertx}, default false), and the scrape interval in
 * milliseconds (default 1000; 0 never scrapes, which leaves the cost of feeding the meters alone).
 */
public final class MetricsOverheadBench {
    private static boolean vertxMeters;
    private static long scrapeMs = 1000;

    private MetricsOverheadBench() {
    }

    public static void main(String[] args) {
        try {
            bench(args);
            System.exit(0);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1); // Vert.x threads would keep the JVM alive
        }
    }

    private static void bench(String[] args) throws Exception {
        String target = args.length > 0 ? args[0] : "http://127.0.0.1:18765/v1";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        int users = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        vertxMeters = args.length > 4 && Boolean.parseBoolean(args[4]);
        scrapeMs = args.length > 5 ? Long.parseLong(args[5]) : 1000;
        PrintStream out = System.out;
        List<double[]> off = new ArrayList<>();
        List<double[]> on = new ArrayList<>();
        run(target, seconds, users, false); // JIT warmup, both paths
        // ... and the scrape path: an hour-long run scrapes thousands of times, a 6 s run five, and
        // a cold scrape costs several times a compiled one; warm it as a long run would have.
        long measuredScrapeMs = scrapeMs;
        scrapeMs = scrapeMs > 0 ? 10 : 0;
        run(target, Math.max(seconds, 10), users, true);
        scrapeMs = measuredScrapeMs;
        for (int i = 0; i < rounds; i++) {
            double[] a = run(target, seconds, users, false);
            double[] b = run(target, seconds, users, true);
            off.add(a);
            on.add(b);
            out.printf(Locale.ROOT, "round %d: off %.0f req/s, %.1f µs CPU/request | on %.0f req/s, %.1f µs CPU/request%n", i + 1, a[0], a[1],
                    b[0], b[1]);
        }
        double offCpu = median(off, 1);
        double onCpu = median(on, 1);
        out.printf(Locale.ROOT, "median req/s: off %.0f, on %.0f%n", median(off, 0), median(on, 0));
        out.printf(Locale.ROOT, "median client CPU per request: off %.1f µs, on %.1f µs; the endpoint costs %.2f%% of client throughput%n",
                offCpu, onCpu, 100 * (1 - offCpu / onCpu));
    }

    /** One run; returns {requests per second, client CPU microseconds per request}. */
    private static double[] run(String target, int seconds, int users, boolean metrics) throws Exception {
        String yaml = "name: overhead\ntarget: {url: \"" + target + "\", model: mock}\nrequest: {stream: true, max_tokens: 64}\n"
                + "workload: {messages: [{role: user, content: \"Say something.\"}]}\n"
                + "load: {concurrency: " + users + ", duration: " + seconds + "s}\n"
                + (metrics ? "metrics: {port: 0, linger: 0s, vertx: " + vertxMeters + "}\n" : "");
        Scenario s = ScenarioLoader.withSystemEnv().loadText(yaml, "overhead.yaml", List.of());
        RunPlan plan = PlanFactory.plan(s, System::getenv);
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (Observability obs = new Observability(s)) {
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            obs.start(new PrintStream(err, true), users);
            AtomicBoolean done = new AtomicBoolean();
            Thread scraper = null;
            if (metrics && scrapeMs > 0) {
                String url = err.toString().trim().replace("metrics: ", "");
                scraper = new Thread(() -> scrapeEverySecond(url, done), "bench-scraper");
                scraper.start();
            }
            SteadyState steady = new SteadyState(os);
            RunResult r = new RunEngine(obs.vertx(), plan, CompositeRunListener.of(obs.listener(), steady)).run().toCompletionStage()
                    .toCompletableFuture().get(seconds + 60L, TimeUnit.SECONDS);
            done.set(true);
            if (scraper != null) {
                scraper.join();
            }
            obs.finish(r, quiet);
            return steady.result();
        }
    }

    /** CPU time and requests ended between the second tick and the last full one. */
    private static final class SteadyState implements RunListener {
        private final com.sun.management.OperatingSystemMXBean os;
        private int ticks;
        private long cpu0;
        private long cpu1;
        private double t0;
        private double t1;
        private long requests;
        private long pending;

        SteadyState(com.sun.management.OperatingSystemMXBean os) {
            this.os = os;
        }

        @Override
        public void tick(IntervalSnapshot interval, double plannedS) {
            ticks++;
            if (ticks == 2) {
                cpu0 = os.getProcessCpuTime();
                t0 = interval.elapsedS();
            } else if (ticks > 2 && interval.point().inFlight() > 0 && interval.elapsedS() < plannedS) {
                pending += interval.point().requests();
                requests = pending;
                cpu1 = os.getProcessCpuTime();
                t1 = interval.elapsedS();
            }
        }

        double[] result() {
            return new double[] {requests / (t1 - t0), (cpu1 - cpu0) / 1000.0 / requests};
        }
    }

    private static void scrapeEverySecond(String url, AtomicBoolean done) {
        HttpClient http = HttpClient.newHttpClient();
        while (!done.get()) {
            try {
                http.send(HttpRequest.newBuilder(URI.create(url)).timeout(java.time.Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                Thread.sleep(scrapeMs);
            } catch (Exception e) {
                return;
            }
        }
    }

    private static double median(List<double[]> rows, int column) {
        double[] v = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}

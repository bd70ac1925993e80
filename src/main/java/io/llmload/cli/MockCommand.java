package io.llmload.cli;

import io.llmload.mock.MockConfig;
import io.llmload.mock.MockServer;
import io.llmload.scenario.DistSpec;
import io.llmload.scenario.Durations;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code llmload mock}: the built-in OpenAI-compatible server, standalone. */
@Command(name = "mock", description = "Run the built-in OpenAI-compatible mock LLM server.",
        footer = {"", "Values: a fixed value (200ms, 128), a uniform range (150ms..250ms), or mean~stddev (200ms~50ms).",
            "", "Examples:", "  llmload mock --port 8000 --ttft 150ms --itl 10ms --output-tokens 256",
            "  llmload mock --port 8000 --ttft 100ms..400ms --output-tokens 64..512"})
final class MockCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--port", description = "port to listen on (0 picks a free one; default ${DEFAULT-VALUE})", defaultValue = "8000")
    int port;

    @Option(names = "--host", description = "address to bind (default ${DEFAULT-VALUE}; use 0.0.0.0 to expose it)", defaultValue = MockConfig.DEFAULT_HOST)
    String host;

    @Option(names = "--ttft", description = "time to first token (default ${DEFAULT-VALUE})", defaultValue = "200ms")
    String ttft;

    @Option(names = "--itl", description = "time between tokens (default ${DEFAULT-VALUE})", defaultValue = "20ms")
    String itl;

    @Option(names = "--output-tokens", description = "tokens per answer, capped by max_tokens (default ${DEFAULT-VALUE})", defaultValue = "128")
    String outputTokens;

    @Option(names = "--seed", description = "seed for random draws (default ${DEFAULT-VALUE})", defaultValue = "7")
    long seed;

    @Option(names = "--instances", description = "server verticles, one per event loop (default: CPU count)")
    Integer instances;

    @Option(names = "--max-running", description = "answers generated at once, like vLLM's max_num_seqs; the rest queue (default: no limit)",
            defaultValue = "0")
    int maxRunning;

    @Option(names = "--duration", description = "stop after this long (default: until Ctrl-C)")
    String duration;

    @Override
    public Integer call() throws Exception {
        Console console = main.console();
        MockConfig config;
        Duration runFor;
        try {
            config = new MockConfig(host, port, instances != null ? instances : Runtime.getRuntime().availableProcessors(),
                    dist(ttft, true, "--ttft"), dist(itl, true, "--itl"), dist(outputTokens, false, "--output-tokens"), seed, null,
                    maxRunning);
            if (maxRunning < 0) {
                throw new UsageException("--max-running: expected 0 (no limit) or more; got " + maxRunning);
            }
            runFor = duration == null ? null : parseDuration(duration, "--duration");
        } catch (UsageException e) {
            console.err().println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Vertx vertx = Vertx.vertx();
        try {
            MockServer server;
            try {
                server = MockServer.start(vertx, config).toCompletionStage().toCompletableFuture().get();
            } catch (ExecutionException e) {
                console.err().println("error: cannot start the mock on " + host + ":" + port + ": " + e.getCause().getMessage());
                return ExitCodes.RUN_FAILED;
            }
            console.out().println("mock LLM listening on " + server.baseUrl() + " (POST /v1/chat/completions, Prometheus metrics at "
                    + server.baseUrl().replaceAll("/v1$", "") + "/metrics); Ctrl-C to stop");
            CountDownLatch stop = new CountDownLatch(1);
            if (console.ownsProcess()) {
                Signals.install(stop::countDown, console.err());
            }
            if (runFor != null) {
                stop.await(runFor.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                stop.await();
            }
            server.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            return ExitCodes.OK;
        } finally {
            vertx.close();
        }
    }

    /** Parses "200ms", "150ms..250ms" or "200ms~50ms" (counts alike without units). */
    static DistSpec dist(String text, boolean durations, String flag) {
        String t = text.trim();
        if (t.contains("..")) {
            String[] p = t.split("\\.\\.", 2);
            double min = value(p[0], durations, flag);
            double max = value(p[1], durations, flag);
            return new DistSpec(DistSpec.UNIFORM, (min + max) / 2, 0, min, max);
        }
        if (t.contains("~")) {
            String[] p = t.split("~", 2);
            return new DistSpec(DistSpec.NORMAL, value(p[0], durations, flag), value(p[1], durations, flag), 0, Double.MAX_VALUE);
        }
        return DistSpec.fixed(value(t, durations, flag));
    }

    private static double value(String s, boolean durations, String flag) {
        if (durations) {
            return parseDuration(s, flag).toNanos();
        }
        try {
            long v = Long.parseLong(s.trim());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException(flag + ": expected a whole number, a range like 64..256 or mean~stddev like 128~32; got '" + s + "'");
        }
    }

    private static Duration parseDuration(String s, String flag) {
        Duration d = Durations.parse(s);
        if (d == null) {
            throw new UsageException(flag + ": expected a duration such as 200ms or 5s; got '" + s + "'");
        }
        return d;
    }
}

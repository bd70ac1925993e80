package io.llmload.cli;

import io.llmload.engine.UsageException;
import io.llmload.engine.VertxFactory;
import io.llmload.mock.MockConfig;
import io.llmload.mock.MockServer;
import io.llmload.scenario.DistSpec;
import io.llmload.scenario.Durations;
import io.llmload.scenario.MockFaults;
import io.llmload.scenario.ScenarioException;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code llmload mock}: the built-in OpenAI-compatible server, standalone. */
@Command(name = "mock", mixinStandardHelpOptions = true, description = "Run the built-in OpenAI-compatible mock LLM server.",
        footer = {"", "Values: a fixed value (200ms, 128), a uniform range (150ms..250ms), or mean~stddev (200ms~50ms).",
            "", "Examples:", "  llmload mock --port 8000 --ttft 150ms --itl 10ms --output-tokens 256",
            "  llmload mock --port 8000 --ttft 100ms..400ms --output-tokens 64..512",
            "  llmload mock --port 8000 --ttft 150ms --itl 10ms --reasoning-tokens 200 --output-tokens 64",
            "  llmload mock --fault http_429=0.05 --fault 'stall_first_token={rate: 0.01, duration: 10s}'"})
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

    @Option(names = "--reasoning-tokens", description = "reasoning tokens streamed as reasoning_content before the answer, "
            + "one ITL apart; max_tokens caps them with the answer (default ${DEFAULT-VALUE}: none)", defaultValue = "0")
    String reasoningTokens;

    @Option(names = "--seed", description = "seed for random draws (default ${DEFAULT-VALUE})", defaultValue = "7")
    long seed;

    @Option(names = "--instances", description = "server verticles, one per event loop (default: CPU count)")
    Integer instances;

    @Option(names = "--max-batch", description = "sequences decoded at once, the rest queue; 0 = no limit (default ${DEFAULT-VALUE})", defaultValue = "0")
    int maxBatch;

    @Option(names = "--itl-per-sequence", description = "ITL grows by this fraction per extra sequence in the batch (default ${DEFAULT-VALUE})", defaultValue = "0")
    double itlPerSequence;

    @Option(names = "--duration", description = "stop after this long (default: until Ctrl-C)")
    String duration;

    @Option(names = "--fault", paramLabel = "NAME=RATE", description = "inject a fault into that fraction of chat requests "
            + "(repeatable); NAME=RATE or NAME={rate: R, param: value}. Names: http_429, http_500, http_503, reset, "
            + "stall_first_token, stall_mid_stream, trickle, malformed_chunk, missing_done, huge_chunk, not_sse, close_delimited")
    List<String> faults = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Console console = main.console();
        MockConfig config;
        Duration runFor;
        try {
            config = new MockConfig(host, port, instances != null ? instances : Runtime.getRuntime().availableProcessors(),
                    dist(ttft, true, "--ttft"), dist(itl, true, "--itl"), dist(outputTokens, false, "--output-tokens"), seed, null,
                    maxBatch, itlPerSequence, MockFaults.parseFlags(faults), dist(reasoningTokens, false, "--reasoning-tokens"));
            runFor = duration == null ? null : parseDuration(duration, "--duration");
        } catch (UsageException e) {
            return Problems.usage(e, console.err());
        } catch (ScenarioException e) {
            return Problems.print(e, console.err());
        }
        Vertx vertx = VertxFactory.create();
        try {
            MockServer server;
            try {
                server = MockServer.start(vertx, config).toCompletionStage().toCompletableFuture().get();
            } catch (ExecutionException e) {
                console.err().println("error: cannot start the mock on " + host + ":" + port + ": " + e.getCause().getMessage());
                return ExitCodes.RUN_FAILED;
            }
            console.out().println("mock LLM listening on " + server.baseUrl() + " (POST /v1/chat/completions, /v1/completions, /v1/embeddings, /v1/rerank, /v1/responses, /v1/messages; "
                    + "GET /v1/models; Prometheus metrics at "
                    + server.baseUrl().replaceAll("/v1$", "") + "/metrics); Ctrl-C to stop");
            if (!config.faults().isEmpty()) {
                console.out().println("injecting faults (seed " + seed + "): " + config.faults().faults().stream()
                        .map(f -> f.kind().key() + " " + Math.round(f.rate() * 10000) / 100.0 + "%").collect(Collectors.joining(", ")));
            }
            CountDownLatch stop = new CountDownLatch(1);
            if (console.ownsProcess()) {
                Signals.install(stop::countDown, console.err(), "stopping the mock");
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
        if (d.compareTo(Durations.MAX) > 0) {
            // as in a scenario: a typo with a row of zeros is refused, never overflowed or clamped
            throw new UsageException(flag + ": expected a duration of at most " + Durations.MAX_TEXT + " ("
                    + Durations.format(Durations.MAX) + "); got '" + s + "'");
        }
        return d;
    }
}

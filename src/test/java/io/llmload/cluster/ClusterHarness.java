package io.llmload.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.mock.MockConfig;
import io.llmload.mock.MockServer;
import io.llmload.scenario.DistSpec;
import io.llmload.testkit.ForkedJvm;
import io.vertx.core.Vertx;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real cluster for the integration tests: the built-in mock in the test JVM (so a test can count
 * what it served) and three {@code llmload agent} JVMs that form a Hazelcast cluster on 127.0.0.1,
 * plus coordinators started against it. Ports are free ones and the cluster name is unique, so two
 * harnesses (two test classes running at once) and parallel builds on one machine never meet.
 */
final class ClusterHarness implements AutoCloseable {
    static final String API_KEY = "sk-agent-only-" + UUID.randomUUID();
    private static final Path JAR = Path.of("target", "llmload.jar").toAbsolutePath();
    private static final String SECRET = "it-secret-" + UUID.randomUUID();

    final Path tmp;
    final MockServer mock;
    final List<Path> agentLogs = new ArrayList<>();
    final List<Process> agents = new ArrayList<>();
    private final String cluster = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private final Vertx vertx;
    private final List<Process> processes = new ArrayList<>();
    private final String join;

    /** A coordinator's process and, once it ended, its exit code and output. */
    record Run(Process process, int code, String out, String err, Path stdout, Path stderr) {
        String output() {
            return out + err;
        }

        Run finished() throws IOException {
            return new Run(process, process.exitValue(), Files.readString(stdout), Files.readString(stderr), stdout, stderr);
        }
    }

    /**
     * Starts the mock and three agents and waits until each waits for work. With {@code warmFirst}
     * agent-1 warms its request path as agents do (and its console must stay quiet through it);
     * the others skip it: three warmups at once only keep a 2-core machine busy for what one shows.
     */
    ClusterHarness(Path tmp, boolean warmFirst) throws Exception {
        this.tmp = tmp;
        vertx = Vertx.vertx();
        MockConfig config = new MockConfig("127.0.0.1", 0, 2, DistSpec.fixed(15e6), DistSpec.fixed(1e6), DistSpec.fixed(8), 1, API_KEY);
        mock = MockServer.start(vertx, config).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        int[] ports = {freePort(), freePort(), freePort()};
        join = "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1] + ",127.0.0.1:" + ports[2];
        for (int i = 0; i < 3; i++) {
            Path log = tmp.resolve("agent-" + (i + 1) + ".log");
            Map<String, String> env = i == 0 && warmFirst ? Map.of("OPENAI_API_KEY", API_KEY)
                    : Map.of("OPENAI_API_KEY", API_KEY, ForkedJvm.NO_WARMUP, "off");
            agents.add(start(log, log, env, List.of(), "agent", "--name", "agent-" + (i + 1),
                    "--cluster-port", Integer.toString(ports[i]), "--join", join, "--cluster-name", cluster));
            agentLogs.add(log);
        }
        for (Path log : agentLogs) {
            awaitLine(log, "waiting for work", 90);
        }
    }

    @Override
    public void close() throws Exception {
        for (Process p : processes) {
            if (p.isAlive()) {
                p.destroy();
            }
        }
        for (Process p : processes) {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Starts a coordinator against the mock; waits for it unless {@code --wait-for-start} (a marker of this helper) is given. */
    Run coordinate(String name, String load, Path out, String... flags) throws Exception {
        Path scenario = tmp.resolve(name + ".yaml");
        Files.writeString(scenario, """
                name: %s
                target: {url: "%s", model: m, api_key_env: OPENAI_API_KEY}
                request: {max_tokens: 8}
                report: {formats: [json, html]}
                """.formatted(name, mock.baseUrl()) + load);
        List<String> args = new ArrayList<>(List.of("run", scenario.toString(), "--out", out.toString(), "--cluster-port",
                Integer.toString(freePort()), "--join", join, "--cluster-name", cluster));
        boolean background = false;
        for (String f : flags) {
            if (f.equals("--wait-for-start")) {
                background = true;
            } else {
                args.add(f);
            }
        }
        Path stdout = tmp.resolve(name + ".out");
        Path stderr = tmp.resolve(name + ".err");
        Process p = start(stdout, stderr, Map.of(), List.of(), args.toArray(String[]::new));
        if (background) {
            return new Run(p, -1, "", "", stdout, stderr);
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the coordinator ends").isTrue();
        return new Run(p, p.exitValue(), Files.readString(stdout), Files.readString(stderr), stdout, stderr);
    }

    /** Starts an agent that is not one of the three: {@code classpathFirst} goes before the jar (another version's files). */
    Process startAgent(Path log, List<String> classpathFirst, String name, int port) throws IOException {
        return start(log, log, Map.of(ForkedJvm.NO_WARMUP, "off"), classpathFirst, "agent", "--name", name, "--cluster-port",
                Integer.toString(port), "--join", join, "--cluster-name", cluster);
    }

    private Process start(Path stdout, Path stderr, Map<String, String> env, List<String> classpathFirst, String... args)
            throws IOException {
        // C1 only (ForkedJvm.FAST_START): what is checked here is counts, merges and status, never the client's timing.
        List<String> command = ForkedJvm.java(256);
        command.add("-XX:+UseSerialGC");
        if (classpathFirst.isEmpty()) {
            command.addAll(List.of("-jar", JAR.toString()));
        } else {
            command.addAll(List.of("-cp", String.join(File.pathSeparator, classpathFirst) + File.pathSeparator + JAR,
                    "io.llmload.cli.Main"));
        }
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command);
        b.environment().remove("OPENAI_API_KEY");
        b.environment().put("LLMLOAD_CLUSTER_SECRET", SECRET);
        b.environment().putAll(env);
        if (stdout.equals(stderr)) {
            b.redirectErrorStream(true).redirectOutput(stdout.toFile());
        } else {
            b.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        }
        Process p = b.start();
        synchronized (processes) {
            processes.add(p);
        }
        return p;
    }

    /** Waits until {@code text} appears {@code times} times in the log (an agent's n-th trial). */
    static void awaitCount(Path log, String text, int times, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (countOf(Files.readString(log), text) < times) {
            assertThat(System.nanoTime()).as("%d× '%s' in %s within %d s:%n%s", times, text, log.getFileName(), seconds,
                    Files.readString(log)).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    static void awaitLine(Path log, String text, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!Files.exists(log) || !Files.readString(log).contains(text)) {
            assertThat(System.nanoTime()).as("'" + text + "' in " + log.getFileName() + " within " + seconds + " s:\n"
                    + (Files.exists(log) ? Files.readString(log) : "")).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Everything the coordinator and the agents printed, to explain a failure. */
    String logs(Run run) throws IOException {
        StringBuilder b = new StringBuilder("coordinator:\n").append(Files.readString(run.stdout())).append(Files.readString(run.stderr()));
        for (Path log : agentLogs) {
            b.append(log.getFileName()).append(":\n").append(Files.readString(log));
        }
        return b.toString();
    }

    static int countOf(Path log, String part) throws IOException {
        return countOf(Files.readString(log), part);
    }

    static int countOf(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

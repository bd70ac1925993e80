package io.llmload.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The self-contained tarball, as a user without Java gets it: unpacked into an empty directory
 * and run with an empty PATH and no JAVA_HOME, so only the bundled runtime can start it. Runs in
 * {@code mvn -Pdist verify} (failsafe), after the package phase built the archive.
 */
class DistTarballIT {
    @TempDir
    static Path tmp;
    static Path home;
    static Path emptyPath;

    @BeforeAll
    static void unpack() throws Exception {
        Path archive = Path.of(System.getProperty("dist.archive", "target/missing.tar.gz"));
        assertThat(archive).as("build it with mvn -Pdist package").exists();
        Path into = Files.createDirectories(tmp.resolve("unpacked"));
        Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", into.toString()).inheritIO().start();
        assertThat(tar.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).isZero();
        try (Stream<Path> dirs = Files.list(into)) {
            List<Path> top = dirs.toList();
            assertThat(top).hasSize(1);
            home = top.get(0);
        }
        emptyPath = Files.createDirectories(tmp.resolve("empty-path"));
    }

    record Result(int code, String out) {
    }

    /** Runs bin/llmload from the unpacked directory with nothing on the PATH and no Java variables. */
    static Result llmload(String... args) throws Exception {
        Process p = bare(args).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    @Test
    void theLayoutHasTheRuntimeTheJarTheLauncherTheScenariosAndTheSchema() {
        assertThat(home.getFileName().toString()).startsWith("llmload-");
        assertThat(home.resolve("bin/llmload")).isExecutable();
        assertThat(home.resolve("lib/launcher.sh")).isRegularFile();
        assertThat(home.resolve("runtime/bin/java")).isExecutable();
        assertThat(home.resolve("runtime/lib/security/cacerts")).isRegularFile();
        assertThat(home.resolve("lib/llmload.jar")).isRegularFile();
        assertThat(home.resolve("scenarios/quickstart.yaml")).isRegularFile();
        assertThat(home.resolve("schema/scenario.schema.json")).isRegularFile();
        // trimmed: no compiler, no desktop
        assertThat(home.resolve("runtime/bin/javac")).doesNotExist();
    }

    /** bin/llmload with an empty environment but for PATH (empty), HOME, LANG and the cluster secret. */
    private static ProcessBuilder bare(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(home.resolve("bin/llmload").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", emptyPath.toString());
        env.put("HOME", tmp.toString());
        env.put("LANG", "C.UTF-8");
        env.put("LLMLOAD_CLUSTER_SECRET", "dist-test");
        return pb;
    }

    @Test
    void aDistributedRunWorksOnTheBundledRuntime() throws Exception {
        int agentPort;
        int coordinatorPort;
        try (java.net.ServerSocket a = new java.net.ServerSocket(0); java.net.ServerSocket c = new java.net.ServerSocket(0)) {
            agentPort = a.getLocalPort();
            coordinatorPort = c.getLocalPort();
        }
        String cluster = "dist-" + java.util.UUID.randomUUID();
        Path log = tmp.resolve("agent.log");
        Process agent = bare("agent", "--cluster-port", Integer.toString(agentPort), "--cluster-name", cluster)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(log).contains("waiting for work")) {
                assertThat(agent.isAlive()).as(Files.readString(log)).isTrue();
                assertThat(System.nanoTime()).as(Files.readString(log)).isLessThan(deadline);
                Thread.sleep(50);
            }
            Path out = tmp.resolve("distributed-report");
            Result r = llmload("run", "scenarios/quickstart.yaml", "--agents", "1", "--duration", "1s", "--warmup", "0s", "--quiet", "--set", "thresholds=[]",
                    "--cluster-port", Integer.toString(coordinatorPort), "--join", "127.0.0.1:" + agentPort, "--cluster-name", cluster,
                    "--out", out.toString());
            assertThat(r.code()).as(r.out() + Files.readString(log)).isZero();
            JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
            assertThat(report.at("/cluster/agents/0/status").asText()).isEqualTo("finished");
            assertThat(report.at("/summary/requests/succeeded").asLong()).isPositive();
            assertThat(r.out() + Files.readString(log)).as("Hazelcast on the bundled runtime, quietly").doesNotContain("WARNING");
        } finally {
            agent.destroy();
            assertThat(agent.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** The bundled runtime's version, from its release file (JAVA_VERSION="25.0.3"). */
    private static String runtimeVersion() throws Exception {
        for (String line : Files.readAllLines(home.resolve("runtime/release"))) {
            if (line.startsWith("JAVA_VERSION=")) {
                return line.substring("JAVA_VERSION=".length()).replace("\"", "");
            }
        }
        throw new AssertionError("no JAVA_VERSION in runtime/release");
    }

    private static int runtimeFeature() throws Exception {
        return Integer.parseInt(runtimeVersion().split("\\.")[0]);
    }

    @Test
    void versionRunsOnTheBundledRuntime() throws Exception {
        Result r = llmload("--version");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).startsWith("llmload ").contains("Java " + runtimeVersion());
        // nothing from the JVM itself (Java 24+ warns about native access and sun.misc.Unsafe unless told)
        assertThat(r.out()).doesNotContain("WARNING");
    }

    @Test
    void theQuickstartRunsWithNoJavaOnThePath() throws Exception {
        Path out = tmp.resolve("quickstart-report");
        Result r = llmload("run", "scenarios/quickstart.yaml", "--quiet", "--out", out.toString());
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("PASS: all 2 check(s) passed");
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.at("/summary/requests/succeeded").asLong()).isPositive();
        assertThat(report.at("/summary/requests/failed").asLong()).isZero();
        assertThat(report.at("/run/host/java").asText()).isEqualTo(runtimeVersion());
        assertThat(r.out()).doesNotContain("WARNING");
        // the launcher picks the collector: generational ZGC where the runtime has it, else the JVM's own choice
        String collector = report.at("/run/load/client_pauses/collector").asText();
        if (runtimeFeature() >= 21) {
            assertThat(collector).isEqualTo("generational ZGC");
        } else {
            assertThat(collector).isNotEmpty();
        }
    }

    @Test
    void initWritesAScenarioThatPointsAtTheBundledSchema() throws Exception {
        Path file = home.resolve("scenarios/mine.yaml");
        Result r = llmload("init", "--target", "embedded", "--out", file.toString());
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(Files.readString(file)).startsWith("# yaml-language-server: $schema=../schema/scenario.schema.json\n");
        assertThat(llmload("validate", file.toString()).code()).isZero();
    }

    @Test
    void theLauncherWorksThroughASymlink() throws Exception {
        Path link = tmp.resolve("link-bin/llmload");
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, home.resolve("bin/llmload"));
        Process p = new ProcessBuilder(link.toString(), "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).startsWith("llmload ");
    }
}

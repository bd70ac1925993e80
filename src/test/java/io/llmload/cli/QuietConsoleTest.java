package io.llmload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.testkit.ForkedJvm;
import io.llmload.testkit.ResettingServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console of a real {@code llmload run} process (its own JVM, so that logging is set up by
 * the real entry point) against a server that resets every connection with a TCP RST: the resets
 * are counted and named once in the summary, and no line from Vert.x's or Netty's loggers
 * appears, with or without {@code --quiet}, until {@code LLMLOAD_DEBUG} asks for them.
 */
class QuietConsoleTest {
    @TempDir
    Path tmp;

    record Run(int code, String stdout, String stderr) {
        String all() {
            return stdout + stderr;
        }
    }

    private Run run(String baseUrl, Map<String, String> env, String... flags) throws Exception {
        Path scenario = tmp.resolve("reset.yaml");
        Files.writeString(scenario, """
                name: reset
                target: {url: "%s", model: m}
                load: {concurrency: 2, requests: 12}
                report: {formats: [json]}
                """.formatted(baseUrl));
        Path out = Files.createTempDirectory(tmp, "out");
        List<String> command = ForkedJvm.java(256);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", scenario.toString(),
                "--out", out.toString()));
        command.addAll(List.of(flags));
        Path stdout = tmp.resolve("stdout.txt");
        Path stderr = tmp.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().remove("LLMLOAD_DEBUG");
        builder.environment().remove(ForkedJvm.NO_WARMUP);
        builder.environment().putAll(env);
        Process p = builder.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        assertThat(p.isAlive()).isFalse();
        Run r = new Run(p.exitValue(), Files.readString(stdout), Files.readString(stderr));
        JsonNode requests = new ObjectMapper().readTree(out.resolve("report.json").toFile()).at("/summary/requests");
        assertThat(requests.at("/errors/reset").asLong()).as(r.all()).isEqualTo(12);
        assertThat(requests.at("/failed").asLong()).isEqualTo(12);
        return r;
    }

    private static void assertNoLibraryLines(Run r) {
        assertThat(r.all()).as(r.all())
                .doesNotContain("SEVERE").doesNotContain("WARNING").doesNotContain("INFO:")
                .doesNotContain("io.vertx").doesNotContain("io.netty").doesNotContain("Exception").doesNotContain("\tat ");
    }

    /** The client warmup's own run (against an embedded mock) happens in the first run only: the others start faster. */
    private static final Map<String, String> NO_WARMUP = Map.of(ForkedJvm.NO_WARMUP, "off");

    @Test
    void connectionResetsAreCountedAndNamedOnceWithNoLibraryLogLines() throws Exception {
        try (ResettingServer server = ResettingServer.start()) {
            Run r = run(server.baseUrl(), Map.of()); // with the warmup: its embedded mock keeps quiet too
            assertThat(r.code()).as(r.all()).isEqualTo(ExitCodes.RUN_FAILED);
            assertNoLibraryLines(r);
            assertThat(r.stdout()).contains("errors      reset: 12").containsOnlyOnce("reset e.g. Connection reset by peer")
                    .doesNotContain("(..)");
            assertThat(server.requests()).isEqualTo(12);

            Run quiet = run(server.baseUrl(), NO_WARMUP, "--quiet");
            assertNoLibraryLines(quiet);
            assertThat(quiet.all()).containsOnlyOnce("every request failed; reset: Connection reset by peer");
        }
    }

    @Test
    void llmloadDebugShowsTheLibrariesOwnLines() throws Exception {
        try (ResettingServer server = ResettingServer.start()) {
            Run r = run(server.baseUrl(), Map.of("LLMLOAD_DEBUG", "1", ForkedJvm.NO_WARMUP, "off"), "--quiet");
            // What the quiet console hides: Vert.x logging each reset at SEVERE.
            assertThat(r.stderr()).contains("SEVERE").contains("io.vertx");
        }
    }
}

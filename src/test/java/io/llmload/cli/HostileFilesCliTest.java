package io.llmload.cli;

import static io.llmload.cli.CliTest.llmload;
import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.cli.CliTest.Outcome;
import io.llmload.client.ScriptedServer;
import io.vertx.core.Vertx;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files a hostile or careless user gives llmload, through the real CLI entry: each is refused
 * before anything is sent (exit 2, one line naming the file and what is wrong), at once — the big
 * ones are written here, at test time, never committed.
 */
class HostileFilesCliTest {
    private static final int MIB = 1 << 20;

    @TempDir
    Path tmp;

    private Vertx vertx;
    private ScriptedServer server;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = ScriptedServer.start(vertx, (req, n) -> req.response().setStatusCode(500).end());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    /** Writes {@code head}, then {@code count} copies of {@code fill}, then {@code tail}, without holding the file. */
    private Path write(String name, String head, char fill, long count, String tail) throws IOException {
        Path file = tmp.resolve(name);
        char[] chunk = new char[64 * 1024];
        java.util.Arrays.fill(chunk, fill);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(head);
            for (long left = count; left > 0; left -= chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
            out.write(tail);
        }
        return file;
    }

    private String target() {
        return "target: {url: \"" + server.baseUrl() + "\", model: m}\n";
    }

    /** Runs the CLI and says how long it took. */
    private record Timed(Outcome outcome, long millis) {
    }

    /** {@code validate FILE}, or {@code run FILE --out ...}. */
    private Timed timed(String command, String file) {
        String[] args = command.equals("run") ? new String[] {command, file, "--out", tmp.resolve("out").toString()}
                : new String[] {command, file};
        long start = System.nanoTime();
        Outcome o = llmload(args);
        return new Timed(o, (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void aFiftyMegabyteOneValueScenarioIsRefusedAtOnceWithTheLimit() throws IOException {
        Path file = write("huge.yaml", target() + "load: {requests: 1}\nname: ", 'x', 50L * MIB, "\n");
        for (String command : new String[] {"validate", "run"}) {
            Timed t = timed(command, file.toString());
            assertThat(t.outcome().code()).as(t.outcome().all()).isEqualTo(2);
            assertThat(t.outcome().err()).contains(file + ": the file is 50.0 MiB; a scenario may be at most 3 MiB");
            assertThat(t.millis()).as(command + " ms").isLessThan(2000);
        }
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void aScenarioOfOneThreeMegabyteValueIsReadQuickly() throws IOException {
        // Under the limit, the value is read in linear time (SnakeYAML's own reader took about 8 s).
        Path file = write("long.yaml", target() + "load: {requests: 1, concurrency: 1}\ndescription: ", 'y', 3L * MIB - 200, "\n");
        Timed t = timed("validate", file.toString());
        assertThat(t.outcome().code()).as(t.outcome().all()).isZero();
        assertThat(t.millis()).as("ms").isLessThan(4000);
    }

    @Test
    void aDatasetLineBeyondTheLimitIsRefusedBeforeItIsParsedOrAnythingIsSent() throws IOException {
        Path data = write("big.jsonl", "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}\n"
                + "{\"messages\": [{\"role\": \"user\", \"content\": \"", 'x', 20L * MIB, "\"}]}\n");
        Path file = tmp.resolve("ds.yaml");
        Files.writeString(file, target() + "workload: {dataset: {path: big.jsonl}}\nload: {requests: 1}\n");
        for (String command : new String[] {"validate", "run"}) {
            Timed t = timed(command, file.toString());
            assertThat(t.outcome().code()).as(t.outcome().all()).isEqualTo(2);
            assertThat(t.outcome().err()).contains(data + ":2:1: workload.dataset: this line is longer than 16 MiB");
            assertThat(t.millis()).as(command + " ms").isLessThan(5000);
        }
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void aTraceRecordBeyondTheLimitIsRefusedBeforeItIsParsedOrAnythingIsSent() throws IOException {
        Path trace = write("big-trace.jsonl", "{\"timestamp_ms\": 0, \"input_tokens\": 8}\n"
                + "{\"timestamp_ms\": 5, \"messages\": [{\"role\": \"user\", \"content\": \"", 'x', 20L * MIB, "\"}]}\n");
        Path file = tmp.resolve("tr.yaml");
        Files.writeString(file, target() + "load: {trace: {path: big-trace.jsonl}}\n");
        for (String command : new String[] {"validate", "run"}) {
            Timed t = timed(command, file.toString());
            assertThat(t.outcome().code()).as(t.outcome().all()).isEqualTo(2);
            assertThat(t.outcome().err()).contains(trace + ":2:1: load.trace: this line is longer than 16 MiB");
            assertThat(t.millis()).as(command + " ms").isLessThan(5000);
        }
        assertThat(server.requestCount()).isZero();
    }
}

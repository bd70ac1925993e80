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
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Files a hostile or careless user gives llmload, through the real CLI entry: each is refused
 * before anything is sent (exit 2, one line naming the file and what is wrong), at once — the big
 * ones are written here, at test time, never committed.
 */
@Isolated("it checks that hostile files are refused within a time: nothing else may run beside it")
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

    // --- files read as written ---

    private Path bytes(String name, byte[] content) throws IOException {
        Path file = tmp.resolve(name);
        Files.write(file, content);
        return file;
    }

    /** validate and run both refuse {@code file} with {@code expected} in one line, and nothing reaches the server. */
    private void refusedBeforeAnyRequest(Path file, String expected) {
        for (String command : new String[] {"validate", "run"}) {
            Timed t = timed(command, file.toString());
            assertThat(t.outcome().code()).as(command + ": " + t.outcome().all()).isEqualTo(2);
            assertThat(t.outcome().err()).as(command).contains(expected).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(t.outcome().err().lines().filter(l -> l.startsWith("error: ")).count()).as(command).isEqualTo(1);
        }
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void anAliasOfNoAnchorIsRefusedWhereItIsWritten() throws IOException {
        // It used to become the string "a": a scenario named "a", run.
        Path file = tmp.resolve("alias.yaml");
        Files.writeString(file, target() + "load: {requests: 1}\nname: *a\n");
        refusedBeforeAnyRequest(file, file + ":3:7: *a refers to no anchor");
    }

    @Test
    void anAliasIsReadAsItsAnchorsValue() throws Exception {
        server.close();
        java.util.List<String> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
        server = ScriptedServer.startWithBody(vertx, (req, body, n) -> {
            bodies.add(body.toString());
            ScriptedServer.writeSpaced(vertx, ScriptedServer.sse(req), 1, ScriptedServer.ROLE, ScriptedServer.content("ok"),
                    ScriptedServer.usage(1, 1), ScriptedServer.DONE);
        });
        Path file = tmp.resolve("anchors.yaml");
        Files.writeString(file, target() + """
                load: {requests: 1, concurrency: 1}
                request:
                  params: &sampling {temperature: 0.25, top_p: 0.5}
                workload:
                  messages:
                    - {role: system, content: &persona "You are terse."}
                    - {role: user, content: *persona}
                """);
        Outcome o = llmload("run", file.toString(), "--out", tmp.resolve("out").toString(), "--quiet");
        assertThat(o.code()).as(o.all()).isZero();
        assertThat(bodies).singleElement().asString().contains("\"temperature\":0.25")
                .contains("{\"role\":\"user\",\"content\":\"You are terse.\"}");
    }

    @Test
    void aBillionLaughsIsRefusedAtOnce() throws IOException {
        StringBuilder yaml = new StringBuilder(target() + "load: {requests: 1}\nrequest:\n  params:\n    l0: &l0 [ha, ha, ha, ha, ha, ha, ha, ha, ha]\n");
        for (int i = 1; i < 10; i++) {
            yaml.append("    l").append(i).append(": &l").append(i).append(" [").append(String.join(", ", java.util.Collections.nCopies(9, "*l" + (i - 1))))
                    .append("]\n");
        }
        Path file = tmp.resolve("laughs.yaml");
        Files.writeString(file, yaml);
        long start = System.nanoTime();
        refusedBeforeAnyRequest(file, "aliases expand this document past 12 MiB");
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms for validate and run").isLessThan(4000);
    }

    @Test
    void aBinaryScenarioIsSaidToBeOne() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};
        Path file = bytes("picture.yaml", png);
        refusedBeforeAnyRequest(file, file + ":3:1: not text: a NUL byte at byte offset 8");
    }

    @Test
    void aLatin1ScenarioIsNotUtf8AtItsByte() throws IOException {
        byte[] head = (target() + "load: {requests: 1}\nname: caf").getBytes(StandardCharsets.UTF_8);
        byte[] text = java.util.Arrays.copyOf(head, head.length + 2);
        text[head.length] = (byte) 0xE9; // é in Latin-1
        text[head.length + 1] = '\n';
        Path file = bytes("latin1.yaml", text);
        refusedBeforeAnyRequest(file, file + ":3:10: not UTF-8 text at byte offset " + head.length + " (0xE9): save the file as UTF-8");
    }

    @Test
    void aDatasetOrTraceThatIsNotUtf8TextSaysWhereAndWhat() throws IOException {
        byte[] good = "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}\n".getBytes(StandardCharsets.UTF_8);
        byte[] latin = "{\"messages\": [{\"role\": \"user\", \"content\": \"caf\u00e9\"}]}\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] lines = new byte[good.length + latin.length];
        System.arraycopy(good, 0, lines, 0, good.length);
        System.arraycopy(latin, 0, lines, good.length, latin.length);
        Path data = bytes("latin1.jsonl", lines);
        Path ds = tmp.resolve("ds.yaml");
        Files.writeString(ds, target() + "workload: {dataset: {path: latin1.jsonl}}\nload: {requests: 1}\n");
        int column = new String(latin, StandardCharsets.ISO_8859_1).indexOf('\u00e9');
        refusedBeforeAnyRequest(ds, data + ":2:" + (column + 1) + ": workload.dataset: not UTF-8 text at byte offset " + (good.length + column)
                + " (0xE9)");

        Path array = bytes("latin1.json", ("[" + new String(latin, StandardCharsets.ISO_8859_1).trim() + "]").getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(ds, target() + "workload: {dataset: {path: latin1.json}}\nload: {requests: 1}\n");
        refusedBeforeAnyRequest(ds, array + ":1:" + (column + 2) + ": workload.dataset: not UTF-8 text at byte offset " + (column + 1)
                + " (0xE9)");

        byte[] binary = java.util.Arrays.copyOf("{\"timestamp_ms\": 0}\n".getBytes(StandardCharsets.UTF_8), 40);
        Path trace = bytes("trace.bin", binary);
        Path tr = tmp.resolve("tr.yaml");
        Files.writeString(tr, target() + "load: {trace: {path: trace.bin}}\n");
        refusedBeforeAnyRequest(tr, trace + ":2:1: load.trace: not text: a NUL byte at byte offset 20");
    }

    @Test
    void aUrlWithoutItsSchemeGetsTheHttpHint() throws IOException {
        String bare = server.baseUrl().substring("http://".length()); // 127.0.0.1:PORT/v1: the server is there
        Path file = tmp.resolve("bare.yaml");
        Files.writeString(file, "target: {url: " + bare + ", model: m}\nload: {requests: 1}\n");
        refusedBeforeAnyRequest(file, "target.url: '" + bare + "' has no scheme: write 'http://" + bare + "'");
        Files.writeString(file, "target: {url: \"localhost:1/v1\", model: m}\nload: {requests: 1}\n");
        refusedBeforeAnyRequest(file, "target.url: 'localhost:1/v1' has no scheme: write 'http://localhost:1/v1'");
        Files.writeString(file, target() + "load: {requests: 1}\n");
        Outcome flag = llmload("run", file.toString(), "--target", bare, "--out", tmp.resolve("out").toString());
        assertThat(flag.code()).as(flag.all()).isEqualTo(2);
        assertThat(flag.err()).contains("has no scheme: write 'http://" + bare + "'");
        assertThat(server.requestCount()).isZero();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        // file name | content (\n for a line break) | what the one line says
        "deep.json|{\"name\": DEEP}|deep.json:1:73: nested more than 64 levels deep here",
        "deep.yaml|name: DEEP|deep.yaml:1:70: nested more than 64 levels deep here",
        "tag.yaml|name: !!binary aGVsbG8=|tag.yaml:1:7: the YAML tag !!binary is not supported here",
        "custom.yaml|name: !custom x|custom.yaml:1:7: the YAML tag !custom is not supported here",
        "key.yaml|a: &k name\\n*k : x|key.yaml:2:1: syntax error: a key must be a plain string here",
        "open.json|{\"name\": [1, 2|open.json:1:",
        "number.yaml|name: 0x_|number.yaml:",
    })
    void parserProblemsAreSaidWithoutTheParsersInternals(String name, String content, String expected) throws IOException {
        String deep = "[".repeat(2000) + "]".repeat(2000);
        Path file = tmp.resolve(name);
        Files.writeString(file, content.replace("\\n", "\n").replace("DEEP", deep));
        Outcome o = llmload("validate", file.toString());
        assertThat(o.code()).as(o.all()).isEqualTo(2);
        assertThat(o.err()).contains(tmp.resolve(expected.split(":")[0]) + expected.substring(expected.indexOf(':')))
                .doesNotContain("com.fasterxml").doesNotContain("org.yaml").doesNotContain("StreamReadConstraints")
                .doesNotContain("[Source").doesNotContain("Exception").doesNotContain("Event");
    }

    @Test
    void datasetLinesAreNumberedAsWrittenBlankLinesIncluded() throws IOException {
        Path data = tmp.resolve("blank.jsonl");
        Files.writeString(data, "\n  \n{\"messages\": 1}\n");
        Path file = tmp.resolve("ds.yaml");
        Files.writeString(file, target() + "workload: {dataset: {path: blank.jsonl}}\nload: {requests: 1}\n");
        Outcome o = llmload("validate", file.toString());
        assertThat(o.code()).as(o.all()).isEqualTo(2);
        assertThat(o.err()).contains(data + ":3:");
    }
}

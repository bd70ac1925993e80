package io.llmload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.mock.MockConfig;
import io.llmload.mock.MockServer;
import io.llmload.scenario.DistSpec;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code llmload init} through the real entry point: what it writes validates, and runs against the mock. */
@ExtendWith(VertxExtension.class)
class InitCommandTest {
    private static final String AIML_KEY = "4f1c0ffee0ddba11deadbeef00aiml42";

    @TempDir
    Path tmp;

    record Outcome(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    static Outcome llmload(Map<String, String> env, boolean terminal, String input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env::get, terminal, false, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        int code = Main.execute(args, console);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Outcome llmload(String... args) {
        return llmload(Map.of(), false, "", args);
    }

    @Test
    void aStarterFromFlagsValidatesAndRunsAgainstTheEmbeddedMock() throws Exception {
        Path file = tmp.resolve("starter.yaml");
        Outcome init = llmload("init", "--target", "embedded", "--concurrency", "3", "--duration", "1s", "--warmup", "0s",
                "--max-tokens", "8", "--out", file.toString());
        assertThat(init.code()).as(init.all()).isZero();
        assertThat(init.out()).contains("wrote " + file).contains("Next: llmload validate " + file);
        String yaml = Files.readString(file);
        assertThat(yaml).startsWith("# yaml-language-server: $schema=").contains("concurrency: 3").contains("max_tokens: 8");
        String ref = yaml.lines().findFirst().orElseThrow().substring("# yaml-language-server: $schema=".length());
        Path schema = ref.startsWith("file:") ? Path.of(java.net.URI.create(ref)) : file.getParent().resolve(ref);
        assertThat(schema).exists();

        assertThat(llmload("validate", file.toString()).code()).isZero();
        Path out = tmp.resolve("reports");
        Outcome run = llmload("run", file.toString(), "--quiet", "--out", out.toString(), "--set", "mock.ttft=5ms", "--set", "mock.itl=1ms");
        assertThat(run.code()).as(run.all()).isZero();
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.at("/summary/requests/succeeded").asLong()).isPositive();
        assertThat(report.at("/summary/requests/failed").asLong()).isZero();
        assertThat(report.at("/scenario/load/concurrency").asInt()).isEqualTo(3);
    }

    @Test
    void theAimlApiCurlBecomesARunnableScenarioWithoutTheKey(Vertx vertx) throws Exception {
        Path file = tmp.resolve("aiml.yaml");
        String curl = "curl --request POST --url https://api.aimlapi.com/v1/chat/completions \\\n"
                + "  --header 'Authorization: Bearer " + AIML_KEY + "' --header 'Content-Type: application/json' \\\n"
                + "  --data '{\"model\":\"nvidia/llama-3.1-nemotron-70b-instruct\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}'";
        Outcome init = llmload("init", "--from-curl", curl, "--out", file.toString());
        assertThat(init.code()).as(init.all()).isZero();
        assertThat(init.out()).contains("export AIML_API_KEY=<your key>").contains("not written to the file");
        assertThat(init.all()).doesNotContain(AIML_KEY);
        String yaml = Files.readString(file);
        assertThat(yaml).doesNotContain(AIML_KEY).contains("api_key_env: AIML_API_KEY").contains("url: https://api.aimlapi.com/v1")
                .contains("model: nvidia/llama-3.1-nemotron-70b-instruct").contains("stream: false")
                .contains("concurrency: 2 "); // a hosted API: start within its rate limits
        assertThat(llmload("validate", file.toString()).code()).isZero();

        // The same scenario against the built-in mock standing in for the provider, which insists on the key.
        MockConfig config = new MockConfig("127.0.0.1", 0, 1, DistSpec.fixed(2e6), DistSpec.fixed(1e6), DistSpec.fixed(4), 1, AIML_KEY);
        MockServer mock = MockServer.start(vertx, config).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Path out = tmp.resolve("run");
        Outcome run = llmload(Map.of("AIML_API_KEY", AIML_KEY), false, "", "run", file.toString(), "--target", mock.baseUrl(),
                "--requests", "6", "--warmup", "0s", "--quiet", "--out", out.toString());
        assertThat(run.code()).as(run.all()).isZero();
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.at("/summary/requests/succeeded").asLong()).isEqualTo(6);
        assertThat(Files.readString(out.resolve("report.json"))).doesNotContain(AIML_KEY);
    }

    @Test
    void aCurlCommandCanComeFromStandardInput() throws Exception {
        String curl = "curl http://127.0.0.1:8000/v1/chat/completions -H \"Authorization: Bearer $VLLM_KEY\" "
                + "-d '{\"model\": \"Qwen/Qwen2.5-7B-Instruct\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"stream\": true}'\n";
        Outcome init = llmload(Map.of(), false, curl, "init", "--from-curl", "-", "--out", "-");
        assertThat(init.code()).as(init.all()).isZero();
        assertThat(init.out()).contains("api_key_env: VLLM_KEY").contains("stream: true").doesNotContain("wrote ");
        assertThat(init.err()).contains("export VLLM_KEY=<your key>");
    }

    @Test
    void onATerminalItAsksAndKeepsDefaultsOnEnter() throws Exception {
        Path file = tmp.resolve("asked.yaml");
        String answers = String.join("\n", "http://127.0.0.1:8000/v1/chat/completions", "", "my-model", "", "n", "lots", "12", "",
                file.toString()) + "\n";
        Outcome init = llmload(new HashMap<>(), true, answers, "init");
        assertThat(init.code()).as(init.all()).isZero();
        assertThat(init.err()).contains("Endpoint base URL, or 'embedded' for the built-in mock [embedded]: ")
                .contains("an answer is needed").contains("give a whole number >= 1").contains("Concurrent users [8]: ");
        String yaml = Files.readString(file);
        assertThat(yaml).contains("url: http://127.0.0.1:8000/v1 ").contains("model: my-model").contains("stream: false")
                .contains("concurrency: 12").contains("duration: 30s").doesNotContain("\n  api_key_env:");
        assertThat(llmload("validate", file.toString()).code()).isZero();
    }

    @Test
    void inCiItNeverAsks() {
        Outcome init = llmload(Map.of("CI", "true"), true, "", "init", "--out", "-");
        assertThat(init.code()).as(init.all()).isZero();
        assertThat(init.err()).doesNotContain("questions");
        assertThat(init.out()).contains("url: embedded");
    }

    @Test
    void mistakesAreUsageErrorsThatSayWhatToDo() throws Exception {
        Outcome noModel = llmload("init", "--target", "http://127.0.0.1:8000/v1", "--out", "-");
        assertThat(noModel.code()).isEqualTo(2);
        assertThat(noModel.err()).contains("add --model NAME");

        Outcome badUrl = llmload("init", "--target", "ftp://x/v1", "--model", "m", "--out", "-");
        assertThat(badUrl.code()).isEqualTo(2);
        assertThat(badUrl.err()).contains("http:// or https://");

        Outcome badDuration = llmload("init", "--duration", "soon", "--out", "-");
        assertThat(badDuration.code()).isEqualTo(2);
        assertThat(badDuration.err()).contains("--duration expects a duration such as 30s");

        Outcome keyAsName = llmload("init", "--api-key-env", "sk-123", "--out", "-");
        assertThat(keyAsName.code()).isEqualTo(2);
        assertThat(keyAsName.err()).contains("not the key itself").doesNotContain("sk-123\n");

        Outcome badCurl = llmload("init", "--from-curl", "curl http://h/v1/models", "--out", "-");
        assertThat(badCurl.code()).isEqualTo(2);
        assertThat(badCurl.err()).contains("expected a URL ending in /chat/completions");

        Path existing = Files.writeString(tmp.resolve("taken.yaml"), "keep me");
        Outcome taken = llmload("init", "--out", existing.toString());
        assertThat(taken.code()).isEqualTo(2);
        assertThat(taken.err()).contains("add --force").doesNotContain("LLMLOAD_DEBUG");
        assertThat(Files.readString(existing)).isEqualTo("keep me");

        Path blocked = Files.writeString(tmp.resolve("a-file"), "not a directory").resolve("s.yaml");
        Outcome unwritable = llmload("init", "--out", blocked.toString());
        assertThat(unwritable.code()).isEqualTo(2);
        assertThat(unwritable.err()).startsWith("error: cannot write " + blocked).contains("choose another --out FILE");
        assertThat(llmload("init", "--out", existing.toString(), "--force").code()).isZero();
        assertThat(Files.readString(existing)).contains("url: embedded");
        assertThat(taken.all()).doesNotContain("Exception");
    }
}

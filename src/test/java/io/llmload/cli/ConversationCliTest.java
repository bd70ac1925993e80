package io.llmload.cli;

import static io.llmload.cli.CliTest.llmload;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import io.llmload.client.ScriptedServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Multi-turn conversations end to end: the real CLI entry, the embedded mock (which answers with
 * usage.prompt_tokens counted by cl100k_base over every message, so the history's growth shows
 * exactly), and a scripted server that keeps the bodies it gets.
 */
class ConversationCliTest {
    private static final Encoding CL100K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    private static final String MOCK = "mock: {ttft: 5ms, itl: 1ms, output_tokens: 10}\n";

    @TempDir
    Path tmp;

    private Path lastOut;
    private CliTest.Outcome lastOutcome;

    private JsonNode run(String yaml, String... extra) throws IOException {
        Path file = tmp.resolve("c.yaml");
        Files.writeString(file, yaml);
        lastOut = tmp.resolve("out-" + System.nanoTime());
        List<String> args = new java.util.ArrayList<>(List.of("run", file.toString(), "--out", lastOut.toString()));
        args.addAll(List.of(extra.length == 0 ? new String[] {"--quiet"} : extra));
        lastOutcome = llmload(args.toArray(String[]::new));
        assertThat(lastOutcome.code()).as(lastOutcome.all()).isZero();
        return new ObjectMapper().readTree(lastOut.resolve("report.json").toFile());
    }

    @Test
    void eachTurnSendsTheHistoryWithTheRealReplyAndTheNextMessage() throws IOException {
        JsonNode r = run("""
                name: conv
                target: {url: embedded, model: mock-llm}
                request: {max_tokens: 10}
                workload:
                  synthetic: {input_tokens: 100}
                  conversation: {turns: 3, user_tokens: 20}
                load: {concurrency: 1, requests: 12}  # one user: exactly four conversations, whatever the timing
                """ + MOCK, "--format", "json,html");
        JsonNode turns = r.at("/summary/turns");
        assertThat(turns).hasSize(3);
        for (int t = 1; t <= 3; t++) {
            JsonNode turn = turns.get(t - 1);
            assertThat(turn.get("turn").asInt()).isEqualTo(t);
            assertThat(turn.get("requests").asLong()).isEqualTo(4);
            assertThat(turn.get("succeeded").asLong()).isEqualTo(4);
            // the opening 100 tokens, then per earlier turn the 10-token reply and a 20-token message
            assertThat(turn.get("input_tokens_mean").asDouble()).as("turn " + t).isEqualTo(100 + (t - 1) * 30.0);
            assertThat(turn.get("output_tokens_mean").asDouble()).isEqualTo(10.0);
            assertThat(turn.at("/ttft/count").asLong()).isEqualTo(4);
            assertThat(r.at("/histograms/turn" + t + ".ttft").asText()).isNotEmpty();
        }
        assertThat(r.at("/summary/tokens/input").asLong()).isEqualTo(4 * (100 + 130 + 160));
        assertThat(r.at("/summary/tokens/input_check/note").asText()).as("replies are counted as the server counted them").contains("agrees");
        assertThat(r.at("/scenario/workload/conversation/turns").asInt()).isEqualTo(3);
        // the console and the HTML report show the turns as a table
        assertThat(lastOutcome.out().lines().filter(l -> l.matches("\\s+[123]\\s+4\\s+4\\s.*")).count()).as(lastOutcome.out()).isEqualTo(3);
        assertThat(lastOutcome.out()).contains("  3                     4          4").contains("160");
        Document html = Jsoup.parse(Files.readString(lastOut.resolve("report.html")));
        assertThat(html.select("table.turns tbody tr")).hasSize(3);
        assertThat(html.select("table.turns tbody tr").get(2).select("td").get(4).text()).isEqualTo("160");
    }

    @Test
    void theReplyIsSentBackAsItCameEscapesAndAll() throws Exception {
        Vertx vertx = Vertx.vertx();
        List<JsonObject> bodies = new CopyOnWriteArrayList<>();
        try (ScriptedServer server = ScriptedServer.startWithBody(vertx, (req, body, n) -> {
            bodies.add(body.toJsonObject());
            ScriptedServer.writeSpaced(vertx, ScriptedServer.sse(req), 1, ScriptedServer.ROLE,
                    ScriptedServer.content("Say \\\"hi\\\""), ScriptedServer.content("\\nthen caf\\u00e9 \\\\ "), ScriptedServer.content("done " + n),
                    ScriptedServer.usage(7, 3), ScriptedServer.DONE);
        })) {
            run("name: verbatim\ntarget: {url: \"" + server.baseUrl() + "\", model: m, timeouts: {first_token: 5s}}\n" + """
                    workload:
                      messages: [{role: system, content: "be brief"}, {role: user, content: "first question"}]
                      conversation: {turns: 2}
                    load: {concurrency: 1, requests: 2}
                    """);
        } finally {
            vertx.close();
        }
        assertThat(bodies).hasSize(2);
        assertThat(bodies.get(0).getJsonArray("messages")).isEqualTo(new JsonArray()
                .add(new JsonObject().put("role", "system").put("content", "be brief"))
                .add(new JsonObject().put("role", "user").put("content", "first question")));
        JsonArray second = bodies.get(1).getJsonArray("messages");
        assertThat(second).hasSize(4);
        assertThat(second.getJsonObject(2)).isEqualTo(new JsonObject().put("role", "assistant").put("content", "Say \"hi\"\nthen café \\ done 0"));
        assertThat(second.getJsonObject(3)).as("fixed messages ask their last user message again")
                .isEqualTo(new JsonObject().put("role", "user").put("content", "first question"));
        assertThat(bodies.get(1).getString("model")).isEqualTo("m");
        assertThat(bodies.get(1).getBoolean("stream")).isTrue();
    }

    @Test
    void thinkTimeSeparatesAUsersMessages() throws IOException {
        JsonNode r = run("""
                name: think
                target: {url: embedded, model: mock-llm}
                workload:
                  conversation: {turns: 3, think_time: 300ms}
                load: {concurrency: 1, requests: 6}
                """ + MOCK);
        assertThat(r.at("/summary/requests/succeeded").asLong()).isEqualTo(6);
        // One user, six requests, a 300 ms pause after each of the first five replies (between conversations too).
        double measured = r.at("/run/measured_s").asDouble();
        assertThat(measured).isGreaterThanOrEqualTo(1.5).isLessThan(6.0);
        assertThat(r.at("/summary/turns/2/requests").asLong()).isEqualTo(2);
    }

    @Test
    void inTheOpenModelArrivalsOpenConversationsAndFollowUpsComeOnTop() throws IOException {
        JsonNode r = run("""
                name: open
                target: {url: embedded, model: mock-llm}
                request: {max_tokens: 10}
                workload:
                  synthetic: {input_tokens: 100}
                  conversation: {turns: 2, think_time: 100ms, user_tokens: 20}
                load: {rate: 8, arrival: constant, duration: 2s}
                """ + MOCK);
        JsonNode load = r.at("/run/load");
        assertThat(load.get("rate_of").asText()).isEqualTo("conversations");
        assertThat(load.get("scheduled_arrivals").asLong()).isEqualTo(16);
        JsonNode first = r.at("/summary/turns/0");
        JsonNode second = r.at("/summary/turns/1");
        assertThat(first.get("requests").asLong()).isEqualTo(16);
        assertThat(first.get("input_tokens_mean").asDouble()).isEqualTo(100.0);
        // follow-ups due after the measured time are not sent: the last conversation or two may end early
        assertThat(second.get("requests").asLong()).isBetween(13L, 16L);
        assertThat(second.get("input_tokens_mean").asDouble()).isEqualTo(130.0);
        assertThat(r.at("/summary/requests/total").asLong()).isEqualTo(first.get("requests").asLong() + second.get("requests").asLong());
        assertThat(load.get("achieved_rate").asDouble()).isBetween(7.0, 9.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "sharegpt"})
    void datasetConversationsTakeTheEntrysLaterUserTurns(String format) throws IOException {
        String q1 = "What is a token bucket?";
        String q2 = "And how does it differ from a leaky bucket?";
        String q3 = "Which one suits an API gateway better, in one sentence?";
        String line = format.equals("openai")
                ? "{\"messages\": [{\"role\": \"user\", \"content\": \"" + q1 + "\"}, {\"role\": \"assistant\", \"content\": \"recorded one\"},"
                    + " {\"role\": \"user\", \"content\": \"" + q2 + "\"}, {\"role\": \"assistant\", \"content\": \"recorded two\"},"
                    + " {\"role\": \"user\", \"content\": \"" + q3 + "\"}, {\"role\": \"assistant\", \"content\": \"recorded three\"}]}\n"
                : "{\"conversations\": [{\"from\": \"human\", \"value\": \"" + q1 + "\"}, {\"from\": \"gpt\", \"value\": \"recorded one\"},"
                    + " {\"from\": \"human\", \"value\": \"" + q2 + "\"}, {\"from\": \"gpt\", \"value\": \"recorded two\"},"
                    + " {\"from\": \"human\", \"value\": \"" + q3 + "\"}]}\n";
        Files.writeString(tmp.resolve("d.jsonl"), line);
        JsonNode r = run("""
                name: dataset-conv
                target: {url: embedded, model: mock-llm}
                request: {max_tokens: 10}
                workload:
                  dataset: {path: d.jsonl, format: %s}
                  conversation: {turns: 5}
                load: {concurrency: 1, requests: 6}
                """.formatted(format) + MOCK);
        int t1 = CL100K.countTokens(q1);
        int t2 = t1 + 10 + CL100K.countTokens(q2);
        int t3 = t2 + 10 + CL100K.countTokens(q3);
        JsonNode turns = r.at("/summary/turns");
        assertThat(turns).as("the entry has three user turns, so conversations end after three").hasSize(3);
        assertThat(turns.get(0).get("input_tokens_mean").asDouble()).isEqualTo(t1);
        assertThat(turns.get(1).get("input_tokens_mean").asDouble()).isEqualTo(t2);
        assertThat(turns.get(2).get("input_tokens_mean").asDouble()).isEqualTo(t3);
        assertThat(turns.get(2).get("requests").asLong()).isEqualTo(2);
    }
}

package io.llmload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tool calls end to end: {@code llmload run} against the embedded mock with {@code tools} and a
 * {@code tool_choice} that asks for a call (passed through {@code request.params}, each API in
 * its own shape), so the mock streams a tool call instead of text. Every answer succeeds (a tool
 * call is an answer, not an empty one), with the mock's TTFT, ITL and token count, the API's
 * finish reason in requests.jsonl, and the report counts the answers that called tools.
 */
class ToolCallCliTest {
    private static final int REQUESTS = 6;
    private static final int ANSWER = 10;
    private static final double TTFT_MS = 80;
    private static final double ITL_MS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "chat      | {tools: [{type: function, function: {name: get_weather, parameters: {type: object}}}], tool_choice: required} | tool_calls",
        "chat      | {tools: [{type: function, function: {name: other}}, {type: function, function: {name: get_weather}}], tool_choice: {type: function, function: {name: get_weather}}} | tool_calls",
        "responses | {tools: [{type: function, name: get_weather, parameters: {type: object}}], tool_choice: required} | function_call",
        "messages  | {tools: [{name: get_weather, input_schema: {type: object}}], tool_choice: {type: any}} | tool_use",
        "messages  | {tools: [{name: other, input_schema: {type: object}}, {name: get_weather, input_schema: {type: object}}], tool_choice: {type: tool, name: get_weather}} | tool_use"})
    void theMockAnswersWithAToolCallMeasuredLikeText(String api, String params, String finishReason) throws Exception {
        Path out = tmp.resolve("out-" + api);
        CliTest.Outcome o = run(api, out, """
                request: {stream: true, max_tokens: 256, params: %s}
                workload:
                  messages: [{role: user, content: "What is the weather in Paris?"}]
                load: {concurrency: 2, requests: %d}
                mock: {ttft: %dms, itl: %dms, output_tokens: %d}
                """.formatted(params, REQUESTS, (int) TTFT_MS, (int) ITL_MS, ANSWER));
        JsonNode summary = summary(out);
        assertThat(summary.at("/requests/failed").asLong()).as(summary.toString()).isZero();
        assertThat(summary.at("/requests/succeeded").asLong()).isEqualTo(REQUESTS);
        assertThat(summary.at("/tokens/tool_call_answers").asLong()).as("every answer called a tool").isEqualTo(REQUESTS);
        assertThat(summary.at("/tokens/output").asLong()).as("usage counts the call's tokens").isEqualTo((long) REQUESTS * ANSWER);
        assertThat(summary.at("/tokens/output_source").asText()).isEqualTo("usage");
        assertThat(summary.at("/latency_ms/ttft/count").asLong()).isEqualTo(REQUESTS);
        assertThat(summary.at("/latency_ms/ttft/p50").asDouble()).as("the first tool-call event is the first token")
                .isBetween(TTFT_MS, TTFT_MS + 150);
        assertThat(summary.at("/latency_ms/itl/count").asLong()).as("one gap between each of the call's events")
                .isEqualTo((long) REQUESTS * (ANSWER - 1));
        // the call's tokens are spaced by the ITL (the ITL samples themselves can bunch when a cold JVM reads late)
        assertThat(summary.at("/latency_ms/e2e/p50").asDouble()).as("e2e: ttft plus the call's gaps")
                .isBetween(TTFT_MS + (ANSWER - 1) * ITL_MS, TTFT_MS + (ANSWER - 1) * ITL_MS + 150);
        assertThat(o.out()).contains("tool calls  " + REQUESTS + " of " + REQUESTS + " answers called tools");
        String said = REQUESTS + " of " + REQUESTS + " answers called tools";
        assertThat(Files.readString(out.resolve("summary.md"))).contains("Tool calls " + said);
        assertThat(Files.readString(out.resolve("report.html"))).contains("<dt>Tool calls</dt><dd>" + said);
        List<String> records = Files.readAllLines(out.resolve("requests.jsonl"));
        assertThat(records).hasSize(REQUESTS);
        for (String line : records) {
            JsonNode r = JSON.readTree(line);
            assertThat(r.get("outcome").asText()).isEqualTo("ok");
            assertThat(r.get("finish_reason").asText()).as(line).isEqualTo(finishReason);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "chat     | {tools: [{type: function, function: {name: get_weather}}], tool_choice: auto}",
        "messages | {tools: [{name: get_weather, input_schema: {type: object}}]}"})
    void aChoiceThatDoesNotAskForACallIsAnsweredWithText(String api, String params) throws Exception {
        Path out = tmp.resolve("out-auto-" + api);
        CliTest.Outcome o = run(api, out, """
                request: {stream: true, max_tokens: 256, params: %s}
                workload:
                  messages: [{role: user, content: "Hello"}]
                load: {concurrency: 1, requests: 2}
                mock: {ttft: 10ms, itl: 1ms, output_tokens: 4}
                """.formatted(params));
        JsonNode summary = summary(out);
        assertThat(summary.at("/requests/succeeded").asLong()).isEqualTo(2);
        assertThat(summary.at("/tokens").has("tool_call_answers")).as("absent when no answer called a tool").isFalse();
        assertThat(o.out()).doesNotContain("tool calls");
        assertThat(Files.readString(out.resolve("summary.md"))).doesNotContain("Tool calls");
        assertThat(Files.readString(out.resolve("report.html"))).doesNotContain("Tool calls");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "chat      | {tools: [{type: function, function: {name: get_weather}}], tool_choice: required} | tool_calls",
        "responses | {tools: [{type: function, name: get_weather}], tool_choice: {type: function, name: get_weather}} | function_call",
        "messages  | {tools: [{name: get_weather, input_schema: {type: object}}], tool_choice: {type: any}} | tool_use"})
    void aWholeToolCallAnswerIsASuccessToo(String api, String params, String finishReason) throws Exception {
        Path out = tmp.resolve("out-whole-" + api);
        run(api, out, """
                request: {stream: false, max_tokens: 256, params: %s}
                workload:
                  messages: [{role: user, content: "What is the weather in Paris?"}]
                load: {concurrency: 1, requests: 3}
                mock: {ttft: 10ms, itl: 1ms, output_tokens: 6}
                """.formatted(params));
        JsonNode summary = summary(out);
        assertThat(summary.at("/requests/failed").asLong()).as("not empty_answer: %s", summary).isZero();
        assertThat(summary.at("/tokens/tool_call_answers").asLong()).isEqualTo(3);
        assertThat(summary.at("/tokens/output").asLong()).isEqualTo(18);
        for (String line : Files.readAllLines(out.resolve("requests.jsonl"))) {
            assertThat(JSON.readTree(line).get("finish_reason").asText()).as(line).isEqualTo(finishReason);
        }
    }

    /** Runs the embedded mock with {@code rest} of a scenario (request, workload, load, mock) and expects exit 0. */
    private CliTest.Outcome run(String api, Path out, String rest) throws Exception {
        Path file = tmp.resolve(out.getFileName() + ".yaml");
        Files.writeString(file, """
                name: tools-%s
                target: {url: embedded, model: mock-llm, api: %s}
                report: {formats: [json, html, md]}
                """.formatted(out.getFileName(), api) + rest);
        CliTest.Outcome o = CliTest.llmload("run", file.toString(), "--out", out.toString());
        assertThat(o.code()).as(o.all()).isZero();
        return o;
    }

    private static JsonNode summary(Path out) throws Exception {
        return JSON.readTree(out.resolve("report.json").toFile()).get("summary");
    }
}

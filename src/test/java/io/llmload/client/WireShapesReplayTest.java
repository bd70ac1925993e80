package io.llmload.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real servers' answers, byte for byte: each recording of {@code src/test/resources/wire} (written
 * from that server's source or documentation, which its header names) is replayed over a real
 * socket with its recorded delays, and llmload's request path must read from it exactly the
 * tokens, the first-token time, the finish reason and the usage in the case's
 * {@code .expect.yaml}, and say when it counted tokens itself because no usage came.
 *
 * <p>A second test checks the corpus against itself with a plain JSON reader (Jackson), so an
 * expectation cannot drift from its recording unnoticed.
 */
@ExtendWith(VertxExtension.class)
class WireShapesReplayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    /** Timers fire at or after their time; the 1 ms is rounding of the server's millisecond timers. */
    private static final long EARLY_MS = 1;
    /** From the server's write to llmload's timestamp on loopback; generous: two cores shared with other builds. */
    private static final long DELIVERY_MS = 40;
    /** Replays of the measured request when its delivery ran late (the machine, not llmload): the last one is asserted. */
    private static final int ATTEMPTS = 3;

    /** Whether llmload's timestamp came within DELIVERY_MS after the server wrote {@code segment} (of the latest request). */
    private static boolean delivered(long stampNanos, ReplayServer server, int segment) {
        long ms = TimeUnit.NANOSECONDS.toMillis(stampNanos - server.writeNanos(segment));
        return ms >= 0 && ms <= DELIVERY_MS;
    }

    static Stream<String> cases() throws Exception {
        // the other APIs' recordings have their own cases below
        return corpus().filter(name -> !name.startsWith("anthropic/") && !name.contains("/responses-"));
    }

    static Stream<String> corpus() throws Exception {
        Path root = root();
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.toString().endsWith(".sse") || p.toString().endsWith(".http"))
                    .forEach(p -> names.add(root.relativize(p).toString().replace('\\', '/')));
        }
        return names.stream().sorted();
    }

    private static Path root() throws URISyntaxException {
        return Path.of(WireShapesReplayTest.class.getResource("/wire").toURI());
    }

    private static WireRecording recording(String name) throws URISyntaxException {
        return WireRecording.load(root().resolve(name), name);
    }

    private static JsonNode expectation(String name) throws URISyntaxException, IOException {
        String base = name.substring(0, name.lastIndexOf('.'));
        return YAML.readTree(root().resolve(base + ".expect.yaml").toFile());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachServersAnswerIsReadExactly(String name, Vertx vertx) throws Exception {
        WireRecording recording = recording(name);
        JsonNode expect = expectation(name);
        Api api = Api.of(expect.path("api").asText("chat"));
        try (ReplayServer server = ReplayServer.start(vertx, recording)) {
            Oracle oracle = oracle(recording);
            List<Read> reads = List.of();
            Read read = null;
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                // The first request warms llmload's path (class loading, JIT); the second is measured.
                reads = send(vertx, server.baseUrl(), api, expect.get("request"), 2);
                read = reads.get(1);
                if (delivered(read.outcome().firstTokenNanos(), server, oracle.firstTokenSegment)
                        && delivered(read.outcome().endNanos(), server, oracle.endSegment)) {
                    break; // a loaded machine delays one delivery now and then; a misplaced timestamp is late every time
                }
            }
            RequestOutcome o = read.outcome();
            assertThat(o.errorKind()).as("%s: %s", name, o.errorMessage()).isNull();
            assertThat(read.text()).as("answer text").isEqualTo(expect.get("text").asText());
            assertThat(o.outputTokens()).as("output tokens").isEqualTo(expect.get("output_tokens").asLong());
            assertThat(o.outputSource().label()).as("where the output token count came from")
                    .isEqualTo(expect.get("output_source").asText());
            assertThat(o.inputTokens()).as("prompt tokens").isEqualTo(expect.get("prompt_tokens").asLong());
            assertThat(o.finishReason()).as("finish reason").isEqualTo(expect.get("finish_reason").asText());
            assertThat(o.contentChunks()).as("content-carrying chunks").isEqualTo(expect.get("content_chunks").asInt());
            assertThat(read.toolText()).as("tool calls' names and arguments").isEqualTo(expect.path("tool_text").asText(""));
            assertThat(o.toolCalls()).as("tool calls").isEqualTo(expect.path("tool_calls").asInt(0));
            // Timing: never earlier than recorded, and taken as the first token's bytes arrive --
            // within DELIVERY_MS of the server's actual write, which on a loaded machine runs late.
            long firstTokenMs = expect.get("first_token_ms").asLong();
            assertThat(TimeUnit.NANOSECONDS.toMillis(o.ttftNanos())).as("ttft (ms), recorded %d", firstTokenMs)
                    .isGreaterThanOrEqualTo(firstTokenMs - EARLY_MS);
            assertThat(TimeUnit.NANOSECONDS.toMillis(o.firstTokenNanos() - server.writeNanos(oracle.firstTokenSegment)))
                    .as("first token taken when segment %d arrived", oracle.firstTokenSegment).isBetween(0L, DELIVERY_MS);
            long totalMs = recording.segments().stream().mapToLong(WireRecording.Segment::delayMs).sum();
            assertThat(TimeUnit.NANOSECONDS.toMillis(o.e2eNanos())).as("e2e (ms), recorded %d", totalMs)
                    .isGreaterThanOrEqualTo(totalMs - EARLY_MS);
            assertThat(TimeUnit.NANOSECONDS.toMillis(o.endNanos() - server.writeNanos(oracle.endSegment)))
                    .as("end taken when segment %d arrived", oracle.endSegment).isBetween(0L, DELIVERY_MS);
            if (expect.has("reasoning_tokens")) {
                // vLLM's usage has no completion_tokens_details: the reasoning text is counted with the tokenizer
                assertThat(o.split().reasoningTokens()).as("reasoning tokens").isEqualTo(expect.get("reasoning_tokens").asLong());
                assertThat(TimeUnit.NANOSECONDS.toMillis(o.firstAnswerNanos() - o.intendedStartNanos()))
                        .as("time to first answer token (ms), recorded %d", expect.get("first_answer_token_ms").asLong())
                        .isGreaterThanOrEqualTo(expect.get("first_answer_token_ms").asLong() - EARLY_MS);
            } else {
                assertThat(o.split().reasoningTokens()).as("no reasoning in this answer").isZero();
            }
            assertThat(o.unstreamed()).isFalse();
            assertThat(server.requestBodies()).hasSizeGreaterThanOrEqualTo(2).hasSizeLessThanOrEqualTo(2 * ATTEMPTS);
            if (expect.at("/request/stream").asBoolean() && (api == Api.CHAT || api == Api.COMPLETIONS)) {
                // the Messages and Responses APIs send usage unasked and have no stream_options
                assertThat(JSON.readTree(server.requestBodies().get(1)).at("/stream_options/include_usage").asBoolean())
                        .as("llmload asks for usage in every stream").isTrue();
            }
            if (api == Api.MESSAGES) {
                assertThat(server.requestPaths()).allMatch(p -> p.endsWith("/messages"));
                assertThat(JSON.readTree(server.requestBodies().get(1)).get("max_tokens")).as("Anthropic requires max_tokens").isNotNull();
            }
            if (o.outputSource() == TokenSource.TOKENIZER) {
                // jtokkit on the expected text: the same vocabulary (loaded once), not llmload's unescaping.
                int counted = Tokenizers.encoding(Tokenizers.DEFAULT).countTokensOrdinary(expect.get("text").asText());
                assertThat(o.outputTokens()).as("the fallback counts the answer text with cl100k_base").isEqualTo(counted);
            }
            for (Read r : reads) {
                assertThat(r.outcome().outputTokens()).as("the warm-up request reads the same").isEqualTo(o.outputTokens());
                assertThat(r.outcome().finishReason()).isEqualTo(o.finishReason());
            }
        }
    }

    @Test
    void openAiResponsesStreamIsReadExactly(Vertx vertx) throws Exception {
        eachServersAnswerIsReadExactly("openai/responses-reasoning.sse", vertx);
    }

    @Test
    void anthropicMessagesStreamIsReadExactly(Vertx vertx) throws Exception {
        eachServersAnswerIsReadExactly("anthropic/basic.sse", vertx);
    }

    @Test
    void anthropicToolUseStreamIsReadExactly(Vertx vertx) throws Exception {
        eachServersAnswerIsReadExactly("anthropic/tool-use.sse", vertx);
    }

    /**
     * Every recording names its source, frames its body as its server does (whole SSE events per
     * write, a content-length that matches), and agrees with its expectations when read by a
     * plain JSON reader: first-token time, content chunks, text, finish reason and usage.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void theCorpusAgreesWithItself(String name) throws Exception {
        WireRecording recording = recording(name);
        JsonNode expect = expectation(name);
        assertThat(String.join("\n", recording.provenance())).as("provenance").contains("source:");
        assertThat(recording.statusLine()).startsWith("HTTP/1.1 200 ");
        String length = recording.header("content-length");
        if (recording.chunked()) {
            assertThat(length).as("chunked and sized at once").isNull();
        } else {
            assertThat(length).as("an unchunked body needs its length").isNotNull();
            assertThat(Integer.parseInt(length)).isEqualTo(recording.body().length);
        }
        Oracle oracle = oracle(recording);
        assertThat(oracle.firstTokenMs).as("first_token_ms").isEqualTo(expect.get("first_token_ms").asLong());
        assertThat(oracle.contentChunks).as("content_chunks").isEqualTo(expect.get("content_chunks").asInt());
        assertThat(oracle.text.toString()).as("text").isEqualTo(expect.get("text").asText());
        assertThat(oracle.toolText.toString()).as("tool_text").isEqualTo(expect.path("tool_text").asText(""));
        assertThat(oracle.toolCalls).as("tool_calls").isEqualTo(expect.path("tool_calls").asInt(0));
        assertThat(oracle.finishReason).as("finish_reason").isEqualTo(expect.get("finish_reason").asText());
        assertThat(oracle.promptTokens).as("prompt_tokens").isEqualTo(expect.get("prompt_tokens").asLong());
        if (expect.get("output_source").asText().equals("usage")) {
            assertThat(oracle.completionTokens).as("output_tokens").isEqualTo(expect.get("output_tokens").asLong());
        } else {
            assertThat(oracle.completionTokens).as("no usage in the recording").isEqualTo(-1);
        }
    }

    private static Oracle oracle(WireRecording recording) throws IOException {
        return recording.header("content-type").startsWith("text/event-stream") ? streamed(recording) : whole(recording);
    }

    /** What a plain reading of a recording says. */
    private static final class Oracle {
        long firstTokenMs = -1;
        int firstTokenSegment = -1;
        /** The segment that ends the answer: the one with data: [DONE], else the last. */
        int endSegment = -1;
        int contentChunks;
        final StringBuilder text = new StringBuilder();
        /** Tool calls' names and argument fragments, and how many calls. */
        final StringBuilder toolText = new StringBuilder();
        int toolCalls;
        String finishReason;
        long promptTokens = -1;
        long completionTokens = -1;
    }

    private static Oracle streamed(WireRecording recording) throws IOException {
        Oracle o = new Oracle();
        for (WireRecording.Segment s : recording.segments()) {
            assertThat(s.text()).as("every write ends with a whole event").endsWith("\n\n");
        }
        for (WireRecording.Event e : recording.events()) {
            if (e.data().equals("[DONE]")) {
                o.endSegment = e.segment();
                continue;
            }
            JsonNode chunk = JSON.readTree(e.data());
            boolean token = e.event() == null ? openAi(o, chunk) : e.event().startsWith("response.") ? responses(o, chunk)
                    : anthropic(o, chunk);
            if (token) {
                o.contentChunks++;
                if (o.firstTokenMs < 0) {
                    o.firstTokenMs = e.atMs();
                    o.firstTokenSegment = e.segment();
                }
            }
        }
        if (o.endSegment < 0) {
            o.endSegment = recording.segments().size() - 1;
        }
        return o;
    }

    private static boolean openAi(Oracle o, JsonNode chunk) {
        boolean token = false;
        for (JsonNode choice : chunk.path("choices")) {
            JsonNode delta = choice.path("delta");
            String content = delta.path("content").asText("");
            token |= !content.isEmpty() || !delta.path("reasoning_content").asText("").isEmpty()
                    || !delta.path("reasoning").asText("").isEmpty();
            o.text.append(content);
            for (JsonNode call : delta.path("tool_calls")) {
                // a call's name and each piece of its arguments are output; an empty piece (vLLM's EOS) is none
                String piece = call.at("/function/name").asText("") + call.at("/function/arguments").asText("");
                token |= !piece.isEmpty();
                o.toolText.append(piece);
                o.toolCalls = Math.max(o.toolCalls, call.path("index").asInt(0) + 1);
            }
            if (choice.path("finish_reason").isTextual()) {
                o.finishReason = choice.get("finish_reason").asText();
            }
        }
        if (chunk.path("usage").isObject()) {
            o.promptTokens = chunk.at("/usage/prompt_tokens").asLong();
            o.completionTokens = chunk.at("/usage/completion_tokens").asLong();
        }
        return token;
    }

    /** The OpenAI Responses API's typed events: text deltas are the answer, reasoning deltas tokens too, usage at the end. */
    private static boolean responses(Oracle o, JsonNode event) {
        switch (event.path("type").asText()) {
            case "response.output_text.delta" -> {
                String text = event.path("delta").asText("");
                o.text.append(text);
                return !text.isEmpty();
            }
            case "response.reasoning_summary_text.delta", "response.reasoning_text.delta" -> {
                return !event.path("delta").asText("").isEmpty();
            }
            case "response.completed" -> {
                o.promptTokens = event.at("/response/usage/input_tokens").asLong();
                o.completionTokens = event.at("/response/usage/output_tokens").asLong();
                o.finishReason = "stop";
            }
            default -> { }
        }
        return false;
    }

    private static boolean anthropic(Oracle o, JsonNode event) {
        switch (event.path("type").asText()) {
            case "message_start" -> o.promptTokens = event.at("/message/usage/input_tokens").asLong();
            case "message_delta" -> {
                o.finishReason = event.at("/delta/stop_reason").asText();
                o.completionTokens = event.at("/usage/output_tokens").asLong();
            }
            case "content_block_start" -> {
                if (event.at("/content_block/type").asText().equals("tool_use")) {
                    o.toolCalls++;
                    o.toolText.append(event.at("/content_block/name").asText());
                    return true;
                }
            }
            case "content_block_delta" -> {
                String text = event.at("/delta/text").asText("");
                String json = event.at("/delta/partial_json").asText("");
                o.text.append(text);
                o.toolText.append(json);
                return !text.isEmpty() || !json.isEmpty();
            }
            default -> { }
        }
        return false;
    }

    private static Oracle whole(WireRecording recording) throws IOException {
        Oracle o = new Oracle();
        JsonNode body = JSON.readTree(recording.body());
        o.firstTokenMs = recording.segments().stream().mapToLong(WireRecording.Segment::delayMs).sum();
        o.firstTokenSegment = o.endSegment = recording.segments().size() - 1;
        o.contentChunks = 1;
        o.text.append(body.at("/choices/0/message/content").asText());
        o.finishReason = body.at("/choices/0/finish_reason").asText();
        o.promptTokens = body.at("/usage/prompt_tokens").asLong();
        o.completionTokens = body.at("/usage/completion_tokens").asLong();
        return o;
    }

    // ---- llmload's request path against the replay ----

    private record Read(RequestOutcome outcome, String text, String toolText) {
    }

    private static ClientConfig config(String baseUrl, Api api) {
        return new ClientConfig(Endpoint.fromBaseUrl(baseUrl, api), Map.of(), false, true, 1, Duration.ofSeconds(2), Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(15), 1 << 20, 1 << 16, new Redactor(List.of()));
    }

    /** Opens the connection first (as a run does before its clock), then sends {@code count} requests one after another. */
    private static List<Read> send(Vertx vertx, String baseUrl, Api api, JsonNode request, int count) throws Exception {
        boolean stream = request.path("stream").asBoolean();
        Integer maxTokens = request.has("max_tokens") ? request.get("max_tokens").asInt() : null;
        @SuppressWarnings("unchecked")
        Map<String, Object> params = request.has("params") ? JSON.convertValue(request.get("params"), LinkedHashMap.class) : Map.of();
        Buffer body = ChatRequestBody.encode(ApiRequestBody.fields(api, "m", List.of(Map.of("role", "user", "content", "hi")),
                maxTokens, false, false, stream, params, List.of()));
        CompletableFuture<List<Read>> done = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(v -> {
            ChatClient client = new ChatClient(vertx, config(baseUrl, api));
            Exchange ex = client.newExchange();
            List<Read> reads = new ArrayList<>();
            Future<Void> chain = client.openUpFront(1, 2_000).mapEmpty();
            for (int i = 0; i < count; i++) {
                chain = chain.compose(x -> ex.start(body, stream, System.nanoTime()).map(o -> {
                    reads.add(new Read(o, ex.content().text(), ex.toolCallText().text()));
                    return null;
                }));
            }
            chain.onComplete(ar -> client.close().onComplete(c -> {
                if (ar.failed()) {
                    done.completeExceptionally(ar.cause());
                } else {
                    done.complete(reads);
                }
            }));
        });
        return done.get(30, TimeUnit.SECONDS);
    }
}

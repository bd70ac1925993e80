package io.llmload.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Oracle test: what the zero-allocation scanner extracts must equal what a full Jackson parse of
 * the same chunk says, for chunks in the shapes real servers send.
 */
class ChunkScannerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> realChunks() throws IOException {
        return Stream.of("/chunks/real-chunks.jsonl", "/chunks/reasoning-chunks.jsonl", "/chunks/tool-call-chunks.jsonl")
                .flatMap(ChunkScannerTest::linesUnchecked);
    }

    private static Stream<String> linesUnchecked(String resource) {
        try {
            return lines(resource);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Stream<String> lines(String resource) throws IOException {
        try (InputStream in = ChunkScannerTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("realChunks")
    void agreesWithJackson(String chunk) throws IOException {
        JsonNode tree = JSON.readTree(chunk);
        ChunkScanner s = new ChunkScanner();
        byte[] bytes = chunk.getBytes(StandardCharsets.UTF_8);
        assertThat(s.scan(bytes, 0, bytes.length)).isTrue();
        boolean content = false;
        boolean reasoning = false;
        boolean tools = false;
        String reasoningText = null;
        for (JsonNode choice : tree.path("choices")) {
            for (String holder : new String[] {"delta", "message"}) {
                JsonNode d = choice.path(holder);
                content |= nonEmpty(d.path("content"));
                reasoning |= nonEmpty(d.path("reasoning_content")) || nonEmpty(d.path("reasoning"));
                for (JsonNode call : d.path("tool_calls")) {
                    tools |= nonEmpty(call.at("/function/name")) || nonEmpty(call.at("/function/arguments"));
                }
                for (var it = d.fields(); it.hasNext() && reasoningText == null; ) {
                    var field = it.next();
                    boolean named = field.getKey().equals("reasoning_content") || field.getKey().equals("reasoning");
                    if (named && field.getValue().isTextual() && !field.getValue().asText().isEmpty()) {
                        reasoningText = field.getValue().asText(); // the first one only: newer vLLM sends the same text under both names
                    }
                }
            }
        }
        String scannedReasoning = s.reasoningStart() < 0 ? null
                : JSON.readValue("\"" + new String(bytes, s.reasoningStart(), s.reasoningEnd() - s.reasoningStart(), StandardCharsets.UTF_8)
                        + "\"", String.class);
        assertThat(scannedReasoning).as("reasoning text in %s", chunk).isEqualTo(reasoningText);
        assertThat(s.hasContent()).as("content in %s", chunk).isEqualTo(content);
        assertThat(s.hasReasoning()).as("reasoning in %s", chunk).isEqualTo(reasoning);
        assertThat(s.hasToolCalls()).as("tool_calls in %s", chunk).isEqualTo(tools);
        // the tool calls' names and argument fragments, in order, and how many calls (by index, else by entries)
        StringBuilder toolText = new StringBuilder();
        StringBuilder scannedToolText = new StringBuilder();
        int calls = 0;
        for (JsonNode choice : tree.path("choices")) {
            for (String holder : new String[] {"delta", "message"}) {
                JsonNode list = choice.path(holder).path("tool_calls");
                calls = Math.max(calls, list.size());
                for (JsonNode call : list) {
                    calls = Math.max(calls, call.path("index").asInt(-1) + 1);
                    for (var it = call.path("function").fields(); it.hasNext(); ) {
                        var field = it.next();
                        if ((field.getKey().equals("name") || field.getKey().equals("arguments")) && field.getValue().isTextual()) {
                            toolText.append(field.getValue().asText());
                        }
                    }
                }
            }
        }
        for (int i = 0; i < s.toolSpanCount(); i++) {
            scannedToolText.append(JSON.readValue("\"" + new String(bytes, s.toolSpanStart(i), s.toolSpanEnd(i) - s.toolSpanStart(i),
                    StandardCharsets.UTF_8) + "\"", String.class));
        }
        assertThat(scannedToolText.toString()).as("tool-call names and arguments in %s", chunk).isEqualTo(toolText.toString());
        assertThat(s.toolCalls()).as("tool calls in %s", chunk).isEqualTo(tools ? calls : 0);
        JsonNode usage = tree.path("usage");
        boolean hasUsage = usage.isObject() && usage.has("completion_tokens");
        assertThat(s.hasUsage()).isEqualTo(hasUsage);
        if (hasUsage) {
            assertThat(s.completionTokens()).isEqualTo(usage.get("completion_tokens").asLong());
            assertThat(s.promptTokens()).isEqualTo(usage.path("prompt_tokens").asLong(-1));
            assertThat(s.reasoningTokens()).as("reasoning tokens in %s", chunk)
                    .isEqualTo(usage.path("completion_tokens_details").path("reasoning_tokens").asLong(-1));
        }
        assertThat(s.hasError()).isEqualTo(tree.has("error") && !tree.get("error").isNull());
        String finish = null;
        for (JsonNode choice : tree.path("choices")) {
            if (choice.path("finish_reason").isTextual()) {
                finish = choice.get("finish_reason").asText();
            }
        }
        assertThat(s.finishReason()).isEqualTo(finish);
    }

    private static boolean nonEmpty(JsonNode n) {
        return (n.isTextual() && !n.asText().isEmpty()) || (n.isArray() && n.size() > 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "[]", "\"text\"", "{", "{\"a\":}", "{\"a\" 1}", "{\"a\":1,}", "{\"a\":tru}",
        "{\"a\":\"unterminated}", "{\"a\":\"bad \\q escape\"}", "{\"a\":1} trailing", "{\"a\":01x}", "{\"a\":-}",
        "{\"a\":1.}", "{\"a\":1e}", "{\"choices\":[{\"delta\":{\"content\":\"x\"}}]", "data: {}"})
    void rejectsMalformedJson(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertThat(new ChunkScanner().scan(bytes, 0, bytes.length)).as(text).isFalse();
    }

    @Test
    void rejectsDeepNestingInsteadOfOverflowingTheStack() {
        String deep = "{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        byte[] bytes = deep.getBytes(StandardCharsets.UTF_8);
        assertThat(new ChunkScanner().scan(bytes, 0, bytes.length)).isFalse();
    }

    @Test
    void aRoleOnlyChunkCarriesNoToken() {
        byte[] b = "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}".getBytes(StandardCharsets.UTF_8);
        ChunkScanner s = new ChunkScanner();
        assertThat(s.scan(b, 0, b.length)).isTrue();
        assertThat(s.carriesToken()).isFalse();
    }

    @Test
    void readsTheSeedPagesNonStreamingBody() throws IOException {
        byte[] b;
        try (InputStream in = getClass().getResourceAsStream("/seed/aimlapi-response.json")) {
            b = in.readAllBytes();
        }
        ChunkScanner s = new ChunkScanner();
        assertThat(s.scan(b, 0, b.length)).isTrue();
        assertThat(s.hasContent()).isTrue();
        assertThat(s.promptTokens()).isEqualTo(11);
        assertThat(s.completionTokens()).isEqualTo(78);
        assertThat(s.finishReason()).isEqualTo("stop");
        String content = new String(b, s.contentStart(), s.contentEnd() - s.contentStart(), StandardCharsets.UTF_8);
        assertThat(content).startsWith("Hello!\\n\\nHow can I assist you today?");
    }

    /** The hot path stays allocation-free with tool calls: scanning their chunks and keeping their names and arguments. */
    @Test
    void toolCallChunksAreReadWithoutAllocating() throws IOException {
        byte[][] chunks = lines("/chunks/tool-call-chunks.jsonl").map(l -> l.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        ChunkScanner s = new ChunkScanner();
        AnswerTally t = new AnswerTally();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = 0;
        for (int round = 0; round < 2; round++) { // the first round warms up (JIT, the buffers' growth)
            if (round == 1) {
                before = threads.getThreadAllocatedBytes(tid);
            }
            for (int i = 0; i < 20_000; i++) {
                if (i % 100 == 0) {
                    t.reset();
                }
                byte[] c = chunks[i % chunks.length];
                s.scan(c, 0, c.length);
                t.chunk(s, i + 1L, c);
            }
        }
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        assertThat(allocated).as("bytes allocated for 20,000 tool-call chunks").isLessThan(4096);
    }
}

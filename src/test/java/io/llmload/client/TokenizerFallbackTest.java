package io.llmload.client;

import static io.llmload.client.ScriptedServer.DONE;
import static io.llmload.client.ScriptedServer.ROLE;
import static io.llmload.client.ScriptedServer.content;
import static io.llmload.client.ScriptedServer.sse;
import static io.llmload.client.ScriptedServer.usage;
import static io.llmload.client.ScriptedServer.writeSpaced;
import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Output tokens when the server sends no usage: counted from the answer text with the tokenizer. */
@ExtendWith(VertxExtension.class)
class TokenizerFallbackTest {
    private static final EncodingRegistry ORACLE = Encodings.newLazyEncodingRegistry();
    private static final Buffer BODY = ChatRequestBody.encode(ChatRequestBody.fields("m", List.of(Map.of("role", "user", "content", "hi")),
            null, true, Map.of()));
    /** The answer as the server escapes it, in four chunks, and as text. */
    private static final String[] CHUNKS = {"Hello", ", wor", "ld! \\\"quoted\\\"\\n caf\\u00e9 ", "日本語 \\ud83d\\ude00 done."};
    private static final String TEXT = "Hello, world! \"quoted\"\n café 日本語 \uD83D\uDE00 done.";

    private static ClientConfig config(String baseUrl, String tokenizer) {
        return new ClientConfig(Endpoint.fromBaseUrl(baseUrl), Map.of(), false, true, 1, Duration.ofSeconds(2), Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(15), 1 << 20, 1 << 16, new Redactor(List.of())).withTokenizer(tokenizer);
    }

    /** Sends {@code count} requests one after another on one exchange. */
    private static List<RequestOutcome> send(Vertx vertx, ClientConfig config, boolean stream, int count) throws Exception {
        CompletableFuture<List<RequestOutcome>> done = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(v -> {
            ChatClient client = new ChatClient(vertx, config);
            Exchange ex = client.newExchange();
            List<RequestOutcome> outcomes = new java.util.ArrayList<>();
            Future<Void> chain = Future.succeededFuture();
            for (int i = 0; i < count; i++) {
                chain = chain.compose(x -> ex.start(BODY, stream, System.nanoTime()).map(o -> {
                    outcomes.add(o);
                    return null;
                }));
            }
            chain.onComplete(ar -> client.close().onComplete(c -> done.complete(outcomes)));
        });
        return done.get(20, TimeUnit.SECONDS);
    }

    private static String[] stream(String... extra) {
        String[] parts = new String[CHUNKS.length + 2 + extra.length];
        parts[0] = ROLE;
        for (int i = 0; i < CHUNKS.length; i++) {
            parts[i + 1] = content(CHUNKS[i]);
        }
        System.arraycopy(extra, 0, parts, CHUNKS.length + 1, extra.length);
        parts[parts.length - 1] = DONE;
        return parts;
    }

    /** A streamed tool call without usage: the function's name and its argument fragments (escaped as servers send them). */
    private static final String[] TOOL_CHUNKS = {
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"search_flights\",\"arguments\":\"\"}}]}}]}\n\n",
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"from\\\": \\\"Z\\u00fcrich\\\", \"}}]}}]}\n\n",
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"to\\\": \\\"東京\\\"}\"}}]}}]}\n\n",
        "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\n"};
    private static final String TOOL_TEXT = "search_flights{\"from\": \"Z\u00fcrich\", \"to\": \"東京\"}";

    @Test
    void aToolCallWithoutUsageIsCountedFromItsNameAndArguments(Vertx vertx) throws Exception {
        String[] parts = new String[TOOL_CHUNKS.length + 2];
        parts[0] = ROLE;
        System.arraycopy(TOOL_CHUNKS, 0, parts, 1, TOOL_CHUNKS.length);
        parts[parts.length - 1] = DONE;
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) -> writeSpaced(vertx, sse(req), 5, parts))) {
            List<RequestOutcome> outcomes = send(vertx, config(server.baseUrl(), "cl100k_base"), true, 2);
            int expected = ORACLE.getEncoding(EncodingType.CL100K_BASE).countTokensOrdinary(TOOL_TEXT);
            assertThat(expected).as("differs from the chunk count, so the test tells them apart").isNotEqualTo(3);
            for (RequestOutcome o : outcomes) {
                assertThat(o.succeeded()).as(String.valueOf(o.errorMessage())).isTrue();
                assertThat(o.outputSource()).isEqualTo(TokenSource.TOKENIZER);
                assertThat(o.outputTokens()).as("the name and the arguments, unescaped, counted once per request").isEqualTo(expected);
                assertThat(o.contentChunks()).isEqualTo(3);
                assertThat(o.finishReason()).isEqualTo("tool_calls");
                assertThat(o.toolCalls()).isEqualTo(1);
            }
        }
    }

    @Test
    void aStreamWithoutUsageIsCountedWithTheTokenizer(Vertx vertx) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) -> writeSpaced(vertx, sse(req), 5, stream()))) {
            List<RequestOutcome> outcomes = send(vertx, config(server.baseUrl(), "cl100k_base"), true, 2);
            int expected = ORACLE.getEncoding(EncodingType.CL100K_BASE).countTokensOrdinary(TEXT);
            assertThat(expected).as("differs from the chunk count, so the test tells them apart").isNotEqualTo(CHUNKS.length);
            for (RequestOutcome o : outcomes) {
                assertThat(o.succeeded()).isTrue();
                assertThat(o.outputSource()).isEqualTo(TokenSource.TOKENIZER);
                assertThat(o.outputTokens()).as("the second request on the same exchange starts from an empty text").isEqualTo(expected);
                assertThat(o.contentChunks()).isEqualTo(CHUNKS.length);
            }
        }
    }

    @Test
    void theConfiguredEncodingCounts(Vertx vertx) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) -> writeSpaced(vertx, sse(req), 2, stream()))) {
            RequestOutcome o = send(vertx, config(server.baseUrl(), "o200k_base"), true, 1).get(0);
            assertThat(o.outputSource()).isEqualTo(TokenSource.TOKENIZER);
            assertThat(o.outputTokens()).isEqualTo(ORACLE.getEncoding(EncodingType.O200K_BASE).countTokensOrdinary(TEXT));
        }
    }

    @Test
    void usageWinsWhenTheServerSendsIt(Vertx vertx) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) -> writeSpaced(vertx, sse(req), 2, stream(usage(3, 99))))) {
            RequestOutcome o = send(vertx, config(server.baseUrl(), "cl100k_base"), true, 1).get(0);
            assertThat(o.outputSource()).isEqualTo(TokenSource.USAGE);
            assertThat(o.outputTokens()).isEqualTo(99);
        }
    }

    @Test
    void aWholeBodyWithoutUsageIsCountedToo(Vertx vertx) throws Exception {
        String body = "{\"id\":\"x\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
                + String.join("", CHUNKS) + "\"},\"finish_reason\":\"stop\"}]}";
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) ->
                req.response().putHeader("content-type", "application/json").end(body))) {
            for (boolean stream : new boolean[] {false, true}) {
                RequestOutcome o = send(vertx, config(server.baseUrl(), "cl100k_base"), stream, 1).get(0);
                assertThat(o.succeeded()).isTrue();
                assertThat(o.outputSource()).as("stream=%s", stream).isEqualTo(TokenSource.TOKENIZER);
                assertThat(o.outputTokens()).isEqualTo(ORACLE.getEncoding(EncodingType.CL100K_BASE).countTokensOrdinary(TEXT));
            }
        }
    }
}

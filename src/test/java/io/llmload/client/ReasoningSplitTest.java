package io.llmload.client;

import static io.llmload.client.ScriptedServer.DONE;
import static io.llmload.client.ScriptedServer.ROLE;
import static io.llmload.client.ScriptedServer.content;
import static io.llmload.client.ScriptedServer.sse;
import static io.llmload.client.ScriptedServer.usage;
import static io.llmload.client.ScriptedServer.writeSpaced;
import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
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

/**
 * Reasoning and answer counted apart, and the first answer token timed apart from the first
 * token, over a real socket from scripted servers in the shapes vLLM and OpenAI send.
 */
@ExtendWith(VertxExtension.class)
class ReasoningSplitTest {
    private static final Encoding ORACLE = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    private static final Buffer BODY = ChatRequestBody.encode(ChatRequestBody.fields("m", List.of(Map.of("role", "user", "content", "hi")),
            null, true, Map.of()));
    private static final String[] THOUGHTS = {"The user greets me", "; a short, friendly", " reply \\\"fits\\\" best."};
    private static final String THOUGHT_TEXT = "The user greets me; a short, friendly reply \"fits\" best.";
    private static final String[] ANSWER = {"Hello", " there, how can I help?"};
    private static final String ANSWER_TEXT = "Hello there, how can I help?";
    private static final long GAP_MS = 30;

    private static String reasoningContent(String text) {
        return "data: {\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"" + text + "\"},\"finish_reason\":null}]}\n\n";
    }

    /** Newer vLLM: the text under {@code reasoning}, and again under the deprecated {@code reasoning_content}. */
    private static String bothNames(String text) {
        return "data: {\"choices\":[{\"index\":0,\"delta\":{\"reasoning\":\"" + text + "\",\"reasoning_content\":\"" + text
                + "\"},\"finish_reason\":null}]}\n\n";
    }

    private static String[] stream(java.util.function.UnaryOperator<String> reasoning, String... tail) {
        List<String> parts = new java.util.ArrayList<>();
        parts.add(ROLE);
        for (String t : THOUGHTS) {
            parts.add(reasoning.apply(t));
        }
        for (String a : ANSWER) {
            parts.add(content(a));
        }
        parts.addAll(List.of(tail));
        parts.add(DONE);
        return parts.toArray(String[]::new);
    }

    private static RequestOutcome send(Vertx vertx, String baseUrl, boolean stream) throws Exception {
        ClientConfig config = new ClientConfig(Endpoint.fromBaseUrl(baseUrl), Map.of(), false, true, 1, Duration.ofSeconds(2),
                Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(15), 1 << 20, 1 << 16, new Redactor(List.of()))
                .withTokenizer("cl100k_base");
        CompletableFuture<RequestOutcome> done = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(v -> {
            ChatClient client = new ChatClient(vertx, config);
            client.newExchange().start(BODY, stream, System.nanoTime())
                    .onComplete(ar -> client.close().onComplete(c -> done.complete(ar.result())));
        });
        return done.get(20, TimeUnit.SECONDS);
    }

    private static void assertAnswerBeganAfterTheReasoning(RequestOutcome o) {
        assertThat(o.succeeded()).as(String.valueOf(o.errorMessage())).isTrue();
        assertThat(o.firstTokenNanos()).isPositive();
        // three reasoning chunks GAP_MS apart come between the first token and the first answer token (timers
        // jitter on a loaded machine: two gaps is a generous floor that a first answer at the first token misses)
        assertThat(o.ttfatNanos() - o.ttftNanos()).isGreaterThanOrEqualTo(2 * GAP_MS * 1_000_000);
        assertThat(o.firstAnswerNanos()).isLessThan(o.endNanos());
    }

    @Test
    void usageWithReasoningTokensIsTakenAsTheServerSaysIt(Vertx vertx) throws Exception {
        String openAiUsage = "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":300,\"total_tokens\":309,"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":256}}}\n\n";
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) -> writeSpaced(vertx, sse(req), GAP_MS,
                stream(ReasoningSplitTest::reasoningContent, openAiUsage)))) {
            RequestOutcome o = send(vertx, server.baseUrl(), true);
            assertAnswerBeganAfterTheReasoning(o);
            assertThat(o.outputTokens()).isEqualTo(300);
            assertThat(o.outputSource()).isEqualTo(TokenSource.USAGE);
            assertThat(o.reasoningTokens()).isEqualTo(256);
            assertThat(o.split().reasoningSource()).isEqualTo(TokenSource.USAGE);
            assertThat(o.answerTokens()).isEqualTo(44);
        }
    }

    @Test
    void usageWithoutReasoningTokensHasTheReasoningTextCounted(Vertx vertx) throws Exception {
        // vLLM: usage.completion_tokens but no completion_tokens_details; newer vLLM sends the reasoning under two names
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) -> writeSpaced(vertx, sse(req), GAP_MS,
                stream(ReasoningSplitTest::bothNames, usage(9, 40))))) {
            RequestOutcome o = send(vertx, server.baseUrl(), true);
            assertAnswerBeganAfterTheReasoning(o);
            assertThat(o.outputTokens()).isEqualTo(40);
            assertThat(o.outputSource()).isEqualTo(TokenSource.USAGE);
            assertThat(o.reasoningTokens()).as("the copy under reasoning_content is not counted twice")
                    .isEqualTo(ORACLE.countTokensOrdinary(THOUGHT_TEXT));
            assertThat(o.split().reasoningSource()).isEqualTo(TokenSource.TOKENIZER);
            assertThat(o.answerTokens()).isEqualTo(40 - ORACLE.countTokensOrdinary(THOUGHT_TEXT));
        }
    }

    @Test
    void withoutUsageTheTokenizerCountsReasoningAndAnswerApart(Vertx vertx) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) -> writeSpaced(vertx, sse(req), GAP_MS,
                stream(ReasoningSplitTest::reasoningContent)))) {
            RequestOutcome o = send(vertx, server.baseUrl(), true);
            assertAnswerBeganAfterTheReasoning(o);
            int reasoning = ORACLE.countTokensOrdinary(THOUGHT_TEXT);
            int answer = ORACLE.countTokensOrdinary(ANSWER_TEXT);
            assertThat(reasoning).as("differs from the chunk count, so the test tells them apart").isNotEqualTo(THOUGHTS.length);
            assertThat(o.outputSource()).isEqualTo(TokenSource.TOKENIZER);
            assertThat(o.outputTokens()).isEqualTo(reasoning + answer);
            assertThat(o.reasoningTokens()).isEqualTo(reasoning);
            assertThat(o.split().reasoningSource()).isEqualTo(TokenSource.TOKENIZER);
            assertThat(o.answerTokens()).isEqualTo(answer);
        }
    }

    @Test
    void anAnswerWithoutReasoningHasItsFirstAnswerTokenFirst(Vertx vertx) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) -> writeSpaced(vertx, sse(req), 5,
                ROLE, content("Hi"), content(" there"), usage(3, 2), DONE))) {
            RequestOutcome o = send(vertx, server.baseUrl(), true);
            assertThat(o.succeeded()).isTrue();
            assertThat(o.firstAnswerNanos()).isEqualTo(o.firstTokenNanos());
            assertThat(o.reasoningTokens()).isZero();
            assertThat(o.split().reasoningSource()).isNull();
            assertThat(o.answerTokens()).isEqualTo(2);
        }
    }

    @Test
    void aWholeBodyWithReasoningIsSplitToo(Vertx vertx) throws Exception {
        String body = "{\"id\":\"x\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"reasoning_content\":\""
                + String.join("", THOUGHTS) + "\",\"content\":\"" + String.join("", ANSWER) + "\"},\"finish_reason\":\"stop\"}]}";
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) ->
                req.response().putHeader("content-type", "application/json").end(body))) {
            RequestOutcome o = send(vertx, server.baseUrl(), false);
            assertThat(o.succeeded()).isTrue();
            assertThat(o.firstAnswerNanos()).as("non-streaming: the answer arrives with the body").isEqualTo(o.firstTokenNanos());
            assertThat(o.reasoningTokens()).isEqualTo(ORACLE.countTokensOrdinary(THOUGHT_TEXT));
            assertThat(o.answerTokens()).isEqualTo(ORACLE.countTokensOrdinary(ANSWER_TEXT));
        }
    }
}

package io.llmload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.workload.SyntheticPng;
import io.llmload.workload.SyntheticWav;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Images, audio, tools and response formats through the real CLI entry to a server on 127.0.0.1
 * that keeps every body it is sent: each API's content parts and field names as they went over
 * the socket, the synthetic media the same bytes in every request, and the report's {@code inputs}
 * equal to what the server received.
 */
@ExtendWith(VertxExtension.class)
class MultimodalCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAT_ANSWER = "{\"id\":\"c\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":"
            + "{\"role\":\"assistant\",\"content\":\"ok then\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,"
            + "\"completion_tokens\":2,\"total_tokens\":5}}";
    private static final String RESPONSES_ANSWER = "{\"id\":\"r\",\"object\":\"response\",\"status\":\"completed\",\"output\":[{\"type\":"
            + "\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"ok then\"}]}],"
            + "\"usage\":{\"input_tokens\":3,\"output_tokens\":2,\"total_tokens\":5}}";
    private static final String MESSAGES_ANSWER = "{\"id\":\"m\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":"
            + "\"text\",\"text\":\"ok then\"}],\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":3,\"output_tokens\":2}}";

    @TempDir
    Path tmp;
    private HttpServer server;
    private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();

    @BeforeEach
    void capture(Vertx vertx) throws Exception {
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0));
        server.requestHandler(req -> req.body().onSuccess(b -> {
            if (!req.method().name().equals("POST")) {
                // the connection warm-up's GET {base}/models, no request of the workload
                req.response().setStatusCode(404).end();
                return;
            }
            try {
                bodies.add(JSON.readTree(b.getBytes()));
            } catch (java.io.IOException e) {
                bodies.add(JSON.getNodeFactory().textNode("not JSON: " + e.getMessage()));
            }
            String path = req.path();
            String answer = path.endsWith("/responses") ? RESPONSES_ANSWER : path.endsWith("/messages") ? MESSAGES_ANSWER : CHAT_ANSWER;
            req.response().putHeader("content-type", "application/json").end(answer);
        }));
        server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private JsonNode run(String api, String request, String workload, int requests) throws Exception {
        Path file = tmp.resolve(api + ".yaml");
        Files.writeString(file, """
                name: multimodal-%s
                target: {url: "http://127.0.0.1:%d/v1", model: m, api: %s}
                request:
                  stream: false
                  max_tokens: 8
                %s
                workload:
                %s
                load: {concurrency: 1, requests: %d}
                report: {formats: [json]}
                """.formatted(api, server.actualPort(), api, request.indent(2).stripTrailing(), workload.indent(2).stripTrailing(), requests));
        Path out = tmp.resolve("out-" + api);
        CliTest.Outcome o = CliTest.llmload("run", file.toString(), "--out", out.toString());
        assertThat(o.code()).as(o.all()).isZero();
        assertThat(o.out()).contains("inputs      of " + bodies.size() + " requests sent: ");
        return JSON.readTree(out.resolve("report.json").toFile());
    }

    @Test
    void chatCarriesImageAndAudioPartsAfterTheTextAndTheToolsAsGiven() throws Exception {
        JsonNode report = run("chat", """
                images: {count: 2, width: 24, height: 16}
                audio: {seconds: 0.5}
                tools: [{type: function, function: {name: look, parameters: {type: object}}}]
                tool_choice: required
                response_format: {type: json_object}
                """, "synthetic: {input_tokens: 40}", 4);
        assertThat(bodies).hasSizeGreaterThanOrEqualTo(4);
        Set<String> images = new HashSet<>();
        Set<String> clips = new HashSet<>();
        for (JsonNode body : bodies) {
            JsonNode content = body.at("/messages/0/content");
            assertThat(body.get("messages")).hasSize(1);
            assertThat(content).as(body.toString().substring(0, 200)).hasSize(4);
            assertThat(content.at("/0/type").asText()).isEqualTo("text");
            assertThat(content.at("/0/text").asText()).isNotBlank();
            for (int i = 1; i <= 2; i++) {
                assertThat(content.at("/" + i + "/type").asText()).isEqualTo("image_url");
                images.add(content.at("/" + i + "/image_url/url").asText());
            }
            assertThat(content.at("/3/type").asText()).isEqualTo("input_audio");
            assertThat(content.at("/3/input_audio/format").asText()).isEqualTo("wav");
            clips.add(content.at("/3/input_audio/data").asText());
            assertThat(body.at("/tools/0/function/name").asText()).isEqualTo("look");
            assertThat(body.at("/tool_choice").asText()).isEqualTo("required");
            assertThat(body.at("/response_format/type").asText()).isEqualTo("json_object");
        }
        assertThat(images).as("one synthetic image, generated once, in every request").hasSize(1);
        assertThat(clips).hasSize(1);
        String url = images.iterator().next();
        assertThat(url).startsWith("data:image/png;base64,");
        byte[] png = Base64.getDecoder().decode(url.substring("data:image/png;base64,".length()));
        assertThat(SyntheticPng.size(png)).containsExactly(24, 16);
        byte[] wav = Base64.getDecoder().decode(clips.iterator().next());
        assertThat(SyntheticWav.seconds(wav)).isEqualTo(0.5);

        JsonNode inputs = report.get("inputs");
        long n = bodies.size();
        assertThat(inputs.get("requests").asLong()).isEqualTo(n);
        assertThat(inputs.get("requests_with_images").asLong()).isEqualTo(n);
        assertThat(inputs.get("images").asLong()).isEqualTo(2 * n);
        assertThat(inputs.get("image_bytes").asLong()).isEqualTo(2 * n * png.length);
        assertThat(inputs.get("requests_with_audio").asLong()).isEqualTo(n);
        assertThat(inputs.get("audio_clips").asLong()).isEqualTo(n);
        assertThat(inputs.get("audio_bytes").asLong()).isEqualTo(n * wav.length);
        assertThat(inputs.get("requests_with_tools").asLong()).isEqualTo(n);
        assertThat(inputs.get("requests_with_response_format").asLong()).isEqualTo(n);
    }

    @Test
    void responsesTakesInputTextAndInputImageAndItsStructuredOutputAsTextFormat() throws Exception {
        JsonNode report = run("responses", """
                images: {count: 1, width: 8, height: 8}
                tools: [{type: function, name: look, parameters: {type: object}}]
                response_format: {type: json_schema, name: answer, schema: {type: object}}
                """, "messages: [{role: system, content: Be brief.}, {role: user, content: Describe it.}]", 3);
        assertThat(bodies).hasSizeGreaterThanOrEqualTo(3);
        for (JsonNode body : bodies) {
            assertThat(body.at("/input/0/content").asText()).isEqualTo("Be brief.");
            JsonNode content = body.at("/input/1/content");
            assertThat(content).hasSize(2);
            assertThat(content.at("/0/type").asText()).isEqualTo("input_text");
            assertThat(content.at("/0/text").asText()).isEqualTo("Describe it.");
            assertThat(content.at("/1/type").asText()).isEqualTo("input_image");
            assertThat(content.at("/1/image_url").asText()).startsWith("data:image/png;base64,");
            assertThat(body.has("response_format")).isFalse();
            assertThat(body.at("/text/format/name").asText()).isEqualTo("answer");
            assertThat(body.at("/tools/0/name").asText()).isEqualTo("look");
        }
        assertThat(report.at("/inputs/images").asLong()).isEqualTo(bodies.size());
        assertThat(report.at("/inputs/requests_with_response_format").asLong()).isEqualTo(bodies.size());
    }

    @Test
    void messagesTakesImageBlocksByUrlAndBase64AndItsOwnTools() throws Exception {
        byte[] png = SyntheticPng.of(4, 4, 7);
        String data = Base64.getEncoder().encodeToString(png);
        JsonNode report = run("messages", """
                images:
                  urls: ["https://images.example/cat.jpg", "data:image/png;base64,%s"]
                tools: [{name: look, description: Look closer, input_schema: {type: object}}]
                tool_choice: {type: any}
                """.formatted(data), "messages: [{role: system, content: Be brief.}, {role: user, content: \"What is it?\"}]", 3);
        for (JsonNode body : bodies) {
            assertThat(body.at("/system").asText()).isEqualTo("Be brief.");
            assertThat(body.get("messages")).hasSize(1);
            JsonNode content = body.at("/messages/0/content");
            assertThat(content).hasSize(3);
            assertThat(content.at("/0/text").asText()).isEqualTo("What is it?");
            assertThat(content.at("/0/type").asText()).isEqualTo("text");
            assertThat(content.at("/1/type").asText()).isEqualTo("image");
            assertThat(content.at("/1/source/type").asText()).isEqualTo("url");
            assertThat(content.at("/1/source/url").asText()).isEqualTo("https://images.example/cat.jpg");
            assertThat(content.at("/2/source/type").asText()).isEqualTo("base64");
            assertThat(content.at("/2/source/media_type").asText()).isEqualTo("image/png");
            assertThat(content.at("/2/source/data").asText()).isEqualTo(data);
            assertThat(body.at("/tools/0/input_schema/type").asText()).isEqualTo("object");
            assertThat(body.at("/tool_choice/type").asText()).isEqualTo("any");
        }
        assertThat(report.at("/inputs/images").asLong()).isEqualTo(2L * bodies.size());
        assertThat(report.at("/inputs/image_bytes").asLong()).as("the URL's image is not fetched: 0 bytes").isEqualTo((long) png.length * bodies.size());
    }

    @Test
    void aDatasetMessageWithItsOwnPartsGoesAsItIsAndOnlyBodiesWithImagesAreCounted() throws Exception {
        Path dataset = tmp.resolve("d.jsonl");
        Files.writeString(dataset, """
                {"messages": [{"role": "user", "content": [{"type": "text", "text": "own parts"}, {"type": "image_url", "image_url": {"url": "https://x.example/own.png"}}]}]}
                {"messages": [{"role": "user", "content": "plain text"}]}
                """);
        JsonNode report = run("chat", "images: {count: 1, width: 4, height: 4}",
                "dataset: {path: d.jsonl, format: openai}", 6);
        long withSynthetic = 0;
        for (JsonNode body : bodies) {
            JsonNode content = body.at("/messages/0/content");
            if (content.at("/0/text").asText().equals("own parts")) {
                assertThat(content).hasSize(2);
                assertThat(content.at("/1/image_url/url").asText()).isEqualTo("https://x.example/own.png");
            } else {
                assertThat(content.at("/0/text").asText()).isEqualTo("plain text");
                assertThat(content.at("/1/image_url/url").asText()).startsWith("data:image/png;base64,");
                withSynthetic++;
            }
        }
        assertThat(withSynthetic).isPositive().isLessThan(bodies.size());
        assertThat(report.at("/inputs/requests").asLong()).isEqualTo(bodies.size());
        assertThat(report.at("/inputs/requests_with_images").asLong()).isEqualTo(withSynthetic);
        assertThat(report.at("/inputs/images").asLong()).isEqualTo(withSynthetic);
    }

    @Test
    void inAConversationOnlyTheNewUserTurnCarriesTheImages() throws Exception {
        // the opening is [system, user]; the second turn sends it back with the reply and the user message again
        JsonNode report = run("chat", "images: {count: 1, width: 4, height: 4}", """
                messages: [{role: system, content: Be brief.}, {role: user, content: first}]
                conversation: {turns: 2}
                """, 4);
        List<JsonNode> second = new ArrayList<>();
        for (JsonNode body : bodies) {
            JsonNode messages = body.get("messages");
            JsonNode last = messages.get(messages.size() - 1);
            assertThat(last.get("role").asText()).isEqualTo("user");
            assertThat(last.at("/content/1/type").asText()).as(body.toString()).isEqualTo("image_url");
            if (messages.size() > 2) {
                second.add(body);
                assertThat(messages.get(1).get("content").isTextual()).as("the first turn went as text: %s", messages).isTrue();
                assertThat(messages.get(1).get("content").asText()).isEqualTo("first");
                assertThat(messages.get(2).get("role").asText()).as(messages.toString()).isEqualTo("assistant");
                assertThat(last.at("/content/0/text").asText()).as("fixed conversations repeat the last user message").isEqualTo("first");
            }
        }
        assertThat(second).as("second turns were sent").isNotEmpty();
        assertThat(report.at("/inputs/requests_with_images").asLong()).isEqualTo(bodies.size());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"chat", "responses", "messages"})
    void aNonStreamedConversationSendsTheServersWholeReplyBackInEachApi(String api) throws Exception {
        // one user, six requests: exactly three conversations of [opening, second turn]
        run(api, "images: {count: 1, width: 4, height: 4}", """
                messages: [{role: system, content: Be brief.}, {role: user, content: first}]
                conversation: {turns: 2}
                """, 6);
        assertThat(bodies).hasSize(6);
        String field = api.equals("responses") ? "input" : "messages";
        // the Messages API takes the system text apart, so its history is one message shorter
        int opening = api.equals("messages") ? 1 : 2;
        for (int i = 0; i < bodies.size(); i++) {
            JsonNode messages = bodies.get(i).get(field);
            List<String> roles = new ArrayList<>();
            messages.forEach(m -> roles.add(m.get("role").asText()));
            if (i % 2 == 0) {
                assertThat(messages).as("an opening: %s", messages).hasSize(opening);
                continue;
            }
            assertThat(messages).as("a second turn: %s", messages).hasSize(opening + 2);
            assertThat(roles.subList(opening - 1, opening + 2)).as(messages.toString()).containsExactly("user", "assistant", "user");
            assertThat(messages.get(opening).get("content").asText()).as("the server's reply as it answered").isEqualTo("ok then");
            if (api.equals("messages")) {
                assertThat(bodies.get(i).get("system").asText()).isEqualTo("Be brief.");
            }
        }
    }

    @Test
    void imagesOnEmbeddingsAreRefusedAtTheirLineWithExitTwo() throws Exception {
        Path file = tmp.resolve("e.yaml");
        Files.writeString(file, """
                target: {url: embedded, model: m, api: embeddings}
                request:
                  images: {count: 1}
                workload: {messages: [{role: user, content: hi}]}
                """);
        CliTest.Outcome o = CliTest.llmload("validate", file.toString());
        assertThat(o.code()).as(o.all()).isEqualTo(2);
        assertThat(o.all()).contains("e.yaml:3:3: request.images: target.api embeddings takes text only").doesNotContain("Exception");
        assertThat(bodies).isEmpty();
    }
}

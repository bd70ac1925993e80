package io.llmload.mock;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The mock's {@code /completions} answers, as vLLM v0.8 writes them ({@code protocol.py}
 * CompletionStreamResponse): one {@code text_completion} chunk per token with
 * {@code choices[0].text}, a finish chunk, a usage chunk with empty {@code choices} when
 * {@code stream_options.include_usage} is set, then {@code data: [DONE]}. No role chunk and no
 * reasoning: the legacy API has neither.
 */
final class MockCompletions implements MockWire {
    private final String id;
    private final String model;
    private final long created;

    MockCompletions(String id, String model, long created) {
        this.id = id;
        this.model = model;
        this.created = created;
    }

    @Override
    public Buffer start() {
        return Buffer.buffer();
    }

    @Override
    public Buffer reasoning(int i) {
        return token(i);
    }

    @Override
    public Buffer token(int i) {
        return chunk(MockChunks.word(i), null);
    }

    @Override
    public Buffer huge(int bytes) {
        return chunk("x".repeat(bytes), null);
    }

    @Override
    public Buffer malformed() {
        return Buffer.buffer("data: {\"id\":\"" + id + "\",\"object\":\"text_completion\",\"choices\":[{\"text\":\" broken\n\n");
    }

    @Override
    public Buffer end(String finishReason, int promptTokens, int reasoning, int answer, boolean usage, boolean terminal) {
        Buffer out = chunk("", finishReason);
        if (usage) {
            out.appendBuffer(event(envelope().put("choices", new JsonArray()).put("usage", usage(promptTokens, reasoning + answer))));
        }
        return terminal ? out.appendBuffer(MockChunks.done()) : out;
    }

    @Override
    public Buffer whole(int reasoning, int tokens, int promptTokens, String finishReason, int padBytes) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < reasoning + tokens; i++) {
            text.append(MockChunks.word(i));
        }
        text.append("x".repeat(padBytes));
        return envelope().put("choices", new JsonArray().add(new JsonObject().put("index", 0).put("text", text.toString())
                .putNull("logprobs").put("finish_reason", finishReason))).put("usage", usage(promptTokens, reasoning + tokens)).toBuffer();
    }

    private Buffer chunk(String text, String finishReason) {
        JsonObject choice = new JsonObject().put("index", 0).put("text", text).putNull("logprobs");
        choice.put("finish_reason", finishReason);
        return event(envelope().put("choices", new JsonArray().add(choice)));
    }

    private JsonObject envelope() {
        return new JsonObject().put("id", id).put("object", "text_completion").put("created", created).put("model", model);
    }

    private static JsonObject usage(int prompt, int completion) {
        return new JsonObject().put("prompt_tokens", prompt).put("completion_tokens", completion).put("total_tokens", prompt + completion);
    }

    static Buffer event(JsonObject json) {
        return Buffer.buffer("data: ").appendBuffer(json.toBuffer()).appendString("\n\n");
    }
}

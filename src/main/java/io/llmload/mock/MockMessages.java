package io.llmload.mock;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The mock's {@code /messages} answers (Anthropic Messages API), event for event as
 * docs.anthropic.com/en/api/messages-streaming describes them ("Event types"; "Streaming request
 * with extended thinking"): {@code message_start} with {@code usage.input_tokens}, a
 * {@code thinking} content block of {@code thinking_delta}s when the answer reasons first, a
 * {@code text} block of {@code text_delta}s, each opened by {@code content_block_start} and closed
 * by {@code content_block_stop}, then {@code message_delta} ({@code stop_reason} {@code end_turn}
 * or {@code max_tokens}, cumulative {@code usage.output_tokens}) and {@code message_stop}; no
 * {@code [DONE]}. A tool call (when the request asks for one, {@link MockToolCall}) is a
 * {@code tool_use} block instead of the text block: {@code content_block_start} with its name,
 * {@code input_json_delta}s with {@code partial_json} fragments, and {@code stop_reason: tool_use}.
 * Each event is {@code event: <type>} plus its data.
 */
final class MockMessages implements MockWire {
    private final String id;
    private final String model;
    private final int promptTokens;
    /** Reasoning tokens in this answer: a thinking block (index 0) comes first when there are any. */
    private final int reasoning;
    /** The tool the answer calls instead of writing text, or null. */
    private final MockToolCall tool;

    MockMessages(String id, String model, int promptTokens, int reasoning) {
        this(id, model, promptTokens, reasoning, null);
    }

    MockMessages(String id, String model, int promptTokens, int reasoning, MockToolCall tool) {
        this.tool = tool;
        this.id = id;
        this.model = model;
        this.promptTokens = promptTokens;
        this.reasoning = reasoning;
    }

    @Override
    public Buffer start() {
        return event("message_start", new JsonObject().put("message", message(new JsonArray(), null,
                new JsonObject().put("input_tokens", promptTokens).put("output_tokens", 1))));
    }

    @Override
    public Buffer reasoning(int i) {
        Buffer out = i == 0 ? blockStart(0, new JsonObject().put("type", "thinking").put("thinking", "")) : Buffer.buffer();
        return out.appendBuffer(event("content_block_delta", new JsonObject().put("index", 0)
                .put("delta", new JsonObject().put("type", "thinking_delta").put("thinking", MockChunks.thought(i)))));
    }

    @Override
    public Buffer token(int i) {
        Buffer out = Buffer.buffer();
        if (i == 0) {
            if (reasoning > 0) {
                out.appendBuffer(event("content_block_stop", new JsonObject().put("index", 0)));
            }
            if (tool != null) {
                // a tool_use block opens with the name and empty input, then a first, empty input_json_delta
                // (anthropic-sdk-python types/tool_use_block.py at 00dcf921, input_json_delta.py at ad7adbd2)
                return out.appendBuffer(blockStart(textIndex(), new JsonObject().put("type", "tool_use").put("id", tool.id())
                        .put("name", tool.name()).put("input", new JsonObject()))).appendBuffer(inputJson(""));
            }
            out.appendBuffer(blockStart(textIndex(), new JsonObject().put("type", "text").put("text", "")));
        }
        return out.appendBuffer(tool != null ? inputJson(tool.fragment(i)) : text(MockChunks.word(i)));
    }

    @Override
    public Buffer huge(int bytes) {
        return text("x".repeat(bytes));
    }

    @Override
    public Buffer malformed() {
        return Buffer.buffer("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\" broken\n\n");
    }

    @Override
    public Buffer end(String finishReason, int prompt, int reasoningTokens, int answer, boolean usage, boolean terminal) {
        Buffer out = event("content_block_stop", new JsonObject().put("index", answer > 0 ? textIndex() : 0));
        out.appendBuffer(event("message_delta", new JsonObject().put("delta", new JsonObject().put("stop_reason", stopReason(finishReason))
                .putNull("stop_sequence")).put("usage", new JsonObject().put("output_tokens", reasoningTokens + answer))));
        return terminal ? out.appendBuffer(event("message_stop", new JsonObject())) : out;
    }

    @Override
    public Buffer whole(int reasoningTokens, int tokens, int prompt, String finishReason, int padBytes) {
        JsonArray content = new JsonArray();
        if (reasoningTokens > 0) {
            StringBuilder thoughts = new StringBuilder();
            for (int i = 0; i < reasoningTokens; i++) {
                thoughts.append(MockChunks.thought(i));
            }
            content.add(new JsonObject().put("type", "thinking").put("thinking", thoughts.toString()).put("signature", "mock"));
        }
        if (tool != null) {
            JsonObject input = new JsonObject(tool.arguments());
            if (padBytes > 0) {
                input.put("padding", "x".repeat(padBytes));
            }
            content.add(new JsonObject().put("type", "tool_use").put("id", tool.id()).put("name", tool.name()).put("input", input));
        } else {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < tokens; i++) {
                text.append(MockChunks.word(i));
            }
            text.append("x".repeat(padBytes));
            content.add(new JsonObject().put("type", "text").put("text", text.toString()));
        }
        return message(content, stopReason(finishReason),
                new JsonObject().put("input_tokens", prompt).put("output_tokens", reasoningTokens + tokens)).toBuffer();
    }

    private int textIndex() {
        return reasoning > 0 ? 1 : 0;
    }

    private static String stopReason(String finishReason) {
        return "length".equals(finishReason) ? "max_tokens" : "tool_calls".equals(finishReason) ? "tool_use" : "end_turn";
    }

    private Buffer inputJson(String partialJson) {
        return event("content_block_delta", new JsonObject().put("index", textIndex())
                .put("delta", new JsonObject().put("type", "input_json_delta").put("partial_json", partialJson)));
    }

    private JsonObject message(JsonArray content, String stopReason, JsonObject usage) {
        JsonObject m = new JsonObject().put("id", "msg_" + id).put("type", "message").put("role", "assistant").put("content", content)
                .put("model", model);
        m.put("stop_reason", stopReason);
        return m.putNull("stop_sequence").put("usage", usage);
    }

    private Buffer blockStart(int index, JsonObject block) {
        return event("content_block_start", new JsonObject().put("index", index).put("content_block", block));
    }

    private Buffer text(String text) {
        return event("content_block_delta", new JsonObject().put("index", textIndex())
                .put("delta", new JsonObject().put("type", "text_delta").put("text", text)));
    }

    private static Buffer event(String type, JsonObject fields) {
        JsonObject data = new JsonObject().put("type", type);
        fields.forEach(e -> data.put(e.getKey(), e.getValue()));
        return Buffer.buffer("event: " + type + "\ndata: ").appendBuffer(data.toBuffer()).appendString("\n\n");
    }
}

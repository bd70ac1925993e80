package io.llmload.mock;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The mock's {@code /responses} answers (OpenAI Responses API): a stream of typed events, each
 * {@code event: <type>} with the same {@code type} in its data and a growing
 * {@code sequence_number} — {@code response.created}, {@code response.reasoning_text.delta} per
 * reasoning token (vLLM v0.10 {@code serving_responses.py}'s name; OpenAI's own models send
 * {@code response.reasoning_summary_text.delta}), {@code response.output_text.delta} per answer
 * token, then {@code response.completed} (or, cut by {@code max_output_tokens}, {@code status:
 * incomplete}) with {@code usage.input_tokens}, {@code output_tokens} and
 * {@code output_tokens_details.reasoning_tokens}; no {@code [DONE]}. Source: OpenAI API reference,
 * "Streaming events" and "The response object" (platform.openai.com/docs/api-reference/responses-streaming).
 * A function call (when the request asks for one, {@link MockToolCall}) streams as
 * {@code response.output_item.added} with the {@code function_call} item, one
 * {@code response.function_call_arguments.delta} per further token, then
 * {@code response.function_call_arguments.done} and {@code response.output_item.done}.
 * Sequence numbers are per response; the mock writes one response at a time per stream.
 */
final class MockResponses implements MockWire {
    private final String id;
    private final String model;
    private final long created;
    private int sequence;
    /** The function call the answer makes instead of text, or null. */
    private final MockToolCall tool;

    MockResponses(String id, String model, long created) {
        this(id, model, created, null);
    }

    MockResponses(String id, String model, long created, MockToolCall tool) {
        this.tool = tool;
        this.id = id;
        this.model = model;
        this.created = created;
    }

    @Override
    public Buffer start() {
        return event("response.created", new JsonObject().put("response", response("in_progress", null, new JsonArray())));
    }

    @Override
    public Buffer reasoning(int i) {
        return event("response.reasoning_text.delta", new JsonObject().put("item_id", "rs_" + id).put("output_index", 0)
                .put("content_index", 0).put("delta", MockChunks.thought(i)));
    }

    @Override
    public Buffer token(int i) {
        if (tool != null) {
            // the call opens as an output item with its name, then its arguments stream as deltas
            return i == 0 ? event("response.output_item.added", new JsonObject().put("output_index", 1).put("item", call("in_progress", "")))
                    : event("response.function_call_arguments.delta", new JsonObject().put("item_id", "fc_" + id).put("output_index", 1)
                            .put("delta", tool.fragment(i)));
        }
        return delta(MockChunks.word(i));
    }

    /**
     * The {@code function_call} output item (openai-python {@code types/responses/response_function_tool_call.py}
     * at 068ea67f: {@code id}, {@code call_id}, {@code name}, {@code arguments}, {@code type}, {@code status}).
     */
    private JsonObject call(String status, String arguments) {
        return new JsonObject().put("type", "function_call").put("id", "fc_" + id).put("call_id", tool.id()).put("name", tool.name())
                .put("arguments", arguments).put("status", status);
    }

    @Override
    public Buffer huge(int bytes) {
        return delta("x".repeat(bytes));
    }

    @Override
    public Buffer malformed() {
        return Buffer.buffer("event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"delta\":\" broken\n\n");
    }

    @Override
    public Buffer end(String finishReason, int promptTokens, int reasoning, int answer, boolean usage, boolean terminal) {
        Buffer out = Buffer.buffer();
        if (tool != null) {
            // response_function_call_arguments_done_event.py (04448952): the whole arguments once more, then the item done
            out.appendBuffer(event("response.function_call_arguments.done", new JsonObject().put("item_id", "fc_" + id).put("output_index", 1)
                    .put("arguments", tool.arguments())));
            out.appendBuffer(event("response.output_item.done", new JsonObject().put("output_index", 1)
                    .put("item", call("completed", tool.arguments()))));
        }
        if (!terminal) {
            return out;
        }
        return out.appendBuffer(event("response.completed", new JsonObject().put("response",
                response(status(finishReason), usage(promptTokens, reasoning, answer), output(reasoning, answer, 0)))));
    }

    @Override
    public Buffer whole(int reasoning, int tokens, int promptTokens, String finishReason, int padBytes) {
        return response(status(finishReason), usage(promptTokens, reasoning, tokens), output(reasoning, tokens, padBytes)).toBuffer();
    }

    private static String status(String finishReason) {
        return "length".equals(finishReason) ? "incomplete" : "completed";
    }

    private Buffer delta(String text) {
        return event("response.output_text.delta", new JsonObject().put("item_id", "msg_" + id).put("output_index", 1)
                .put("content_index", 0).put("delta", text));
    }

    private JsonObject response(String status, JsonObject usage, JsonArray output) {
        JsonObject r = new JsonObject().put("id", "resp_" + id).put("object", "response").put("created_at", created)
                .put("status", status).put("model", model).put("output", output);
        if (status.equals("incomplete")) {
            r.put("incomplete_details", new JsonObject().put("reason", "max_output_tokens"));
        }
        return usage == null ? r.putNull("usage") : r.put("usage", usage);
    }

    private JsonArray output(int reasoning, int answer, int padBytes) {
        JsonArray out = new JsonArray();
        if (reasoning > 0) {
            StringBuilder thoughts = new StringBuilder();
            for (int i = 0; i < reasoning; i++) {
                thoughts.append(MockChunks.thought(i));
            }
            out.add(new JsonObject().put("type", "reasoning").put("id", "rs_" + id).put("summary", new JsonArray())
                    .put("content", new JsonArray().add(new JsonObject().put("type", "reasoning_text").put("text", thoughts.toString()))));
        }
        if (tool != null) {
            return out.add(call("completed", tool.arguments() + "x".repeat(padBytes)));
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < answer; i++) {
            text.append(MockChunks.word(i));
        }
        text.append("x".repeat(padBytes));
        out.add(new JsonObject().put("type", "message").put("id", "msg_" + id).put("status", "completed").put("role", "assistant")
                .put("content", new JsonArray().add(new JsonObject().put("type", "output_text").put("text", text.toString())
                        .put("annotations", new JsonArray()))));
        return out;
    }

    private static JsonObject usage(int prompt, int reasoning, int answer) {
        return new JsonObject().put("input_tokens", prompt).put("input_tokens_details", new JsonObject().put("cached_tokens", 0))
                .put("output_tokens", reasoning + answer)
                .put("output_tokens_details", new JsonObject().put("reasoning_tokens", reasoning))
                .put("total_tokens", prompt + reasoning + answer);
    }

    private Buffer event(String type, JsonObject fields) {
        JsonObject data = new JsonObject().put("type", type).put("sequence_number", sequence++);
        fields.forEach(e -> data.put(e.getKey(), e.getValue()));
        return Buffer.buffer("event: " + type + "\ndata: ").appendBuffer(data.toBuffer()).appendString("\n\n");
    }
}

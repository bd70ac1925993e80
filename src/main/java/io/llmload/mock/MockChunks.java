package io.llmload.mock;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * Renders one mock response's bytes in the shapes real servers use: OpenAI/vLLM streaming chunks
 * (a role-only first chunk, one chunk per token, a finish chunk, a usage chunk with empty
 * choices, then {@code data: [DONE]}), and the non-streaming body of the AI/ML API seed page
 * ({@code logprobs: {content: [], refusal: []}}, {@code refusal: null}, {@code usage}).
 * A reasoning phase, when there is one, streams as {@code reasoning_content} deltas (the name
 * DeepSeek's API and vLLM before its rename to {@code reasoning} use) and is counted in
 * {@code usage.completion_tokens_details.reasoning_tokens} (OpenAI's name); a non-streaming answer
 * carries it as {@code message.reasoning_content}.
 * The constant parts of a token chunk are encoded once per response.
 */
final class MockChunks implements MockWire {
    static final String[] WORDS = {"the", "model", "answers", "with", "tokens", "that", "stream", "back", "to",
        "you", "at", "a", "steady", "pace", "while", "llmload", "measures", "every", "gap", "between", "them"};
    private static final byte[] SUFFIX = "\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[][] WORD_BYTES = new byte[WORDS.length][];
    static final String[] THOUGHTS = {"first", "let", "me", "think", "about", "what", "is", "asked", "and", "how", "to", "answer", "it"};
    private static final byte[][] THOUGHT_BYTES = new byte[THOUGHTS.length][];

    static {
        for (int i = 0; i < WORDS.length; i++) {
            WORD_BYTES[i] = (" " + WORDS[i]).getBytes(StandardCharsets.UTF_8);
        }
        for (int i = 0; i < THOUGHTS.length; i++) {
            THOUGHT_BYTES[i] = (" " + THOUGHTS[i]).getBytes(StandardCharsets.UTF_8);
        }
    }

    private final String id;
    private final String model;
    private final long created;
    private final byte[] prefix;
    private final byte[] reasoningPrefix;
    /** The tool call the answer makes instead of text, or null. */
    private final MockToolCall tool;

    MockChunks(String id, String model, long created) {
        this(id, model, created, null);
    }

    MockChunks(String id, String model, long created, MockToolCall tool) {
        this.tool = tool;
        this.id = id;
        this.model = model;
        this.created = created;
        this.prefix = ("data: {\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":" + created
                + ",\"model\":" + quote(model) + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"")
                .getBytes(StandardCharsets.UTF_8);
        this.reasoningPrefix = ("data: {\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":" + created
                + ",\"model\":" + quote(model) + ",\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"")
                .getBytes(StandardCharsets.UTF_8);
    }

    static String thought(int i) {
        return " " + THOUGHTS[i % THOUGHTS.length];
    }

    static String word(int i) {
        return " " + WORDS[i % WORDS.length];
    }

    @Override
    public Buffer start() {
        return role();
    }

    @Override
    public Buffer end(String finishReason, int promptTokens, int reasoning, int answer, boolean usage, boolean terminal) {
        Buffer out = finish(finishReason);
        if (usage) {
            out.appendBuffer(usage(promptTokens, reasoning + answer, reasoning));
        }
        return terminal ? out.appendBuffer(done()) : out;
    }

    Buffer role() {
        return event(envelope().put("choices", new JsonArray().add(new JsonObject().put("index", 0)
                .put("delta", new JsonObject().put("role", "assistant").put("content", ""))
                .putNull("logprobs").putNull("finish_reason"))));
    }

    @Override
    public Buffer token(int i) {
        if (tool != null) {
            return toolToken(i);
        }
        byte[] word = WORD_BYTES[i % WORD_BYTES.length];
        return Buffer.buffer(prefix.length + word.length + SUFFIX.length).appendBytes(prefix).appendBytes(word).appendBytes(SUFFIX);
    }

    /**
     * Answer token {@code i} of a tool call, as OpenAI streams one (openai-python
     * {@code types/chat/chat_completion_chunk.py} {@code ChoiceDeltaToolCall} at 1527e23b): the first
     * delta has the call's {@code index}, {@code id}, {@code type} and {@code function.name} with
     * empty {@code arguments}, the later ones only {@code index} and a fragment of {@code function.arguments}.
     */
    private Buffer toolToken(int i) {
        JsonObject function = new JsonObject();
        JsonObject call = new JsonObject().put("index", 0);
        if (i == 0) {
            call.put("id", tool.id()).put("type", "function");
            function.put("name", tool.name()).put("arguments", tool.tokens() == 1 ? tool.arguments() : "");
        } else {
            function.put("arguments", tool.fragment(i));
        }
        return event(envelope().put("choices", new JsonArray().add(new JsonObject().put("index", 0)
                .put("delta", new JsonObject().put("tool_calls", new JsonArray().add(call.put("function", function))))
                .putNull("logprobs").putNull("finish_reason"))));
    }

    /** Reasoning token {@code i}: a {@code reasoning_content} delta. */
    @Override
    public Buffer reasoning(int i) {
        byte[] word = THOUGHT_BYTES[i % THOUGHT_BYTES.length];
        return Buffer.buffer(reasoningPrefix.length + word.length + SUFFIX.length).appendBytes(reasoningPrefix).appendBytes(word)
                .appendBytes(SUFFIX);
    }

    /** A valid content chunk whose content is {@code bytes} characters long. */
    @Override
    public Buffer huge(int bytes) {
        byte[] content = new byte[bytes];
        java.util.Arrays.fill(content, (byte) 'x');
        return Buffer.buffer(prefix.length + bytes + SUFFIX.length).appendBytes(prefix).appendBytes(content).appendBytes(SUFFIX);
    }

    /** A chunk whose JSON is cut off in the middle, as a broken server or proxy might send it. */
    @Override
    public Buffer malformed() {
        return Buffer.buffer(prefix).appendString(" broken\n\n");
    }

    Buffer finish(String reason) {
        return event(envelope().put("choices", new JsonArray().add(new JsonObject().put("index", 0)
                .put("delta", new JsonObject()).putNull("logprobs").put("finish_reason", reason))));
    }

    Buffer usage(int promptTokens, int completionTokens) {
        return usage(promptTokens, completionTokens, 0);
    }

    /** The usage chunk; {@code reasoningTokens} of the completion tokens were reasoning. */
    Buffer usage(int promptTokens, int completionTokens, int reasoningTokens) {
        return event(envelope().put("choices", new JsonArray()).put("usage", usageJson(promptTokens, completionTokens, reasoningTokens)));
    }

    static Buffer done() {
        return Buffer.buffer("data: [DONE]\n\n");
    }

    /** The whole non-streaming answer, in the seed page's shape. */
    Buffer whole(int tokens, int promptTokens, String finishReason) {
        return whole(0, tokens, promptTokens, finishReason, 0);
    }

    /** The whole answer after {@code reasoning} reasoning tokens, with {@code padBytes} extra characters of content (a huge answer). */
    @Override
    public Buffer whole(int reasoning, int tokens, int promptTokens, String finishReason, int padBytes) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < tokens; i++) {
            text.append(word(i));
        }
        text.append("x".repeat(padBytes));
        JsonObject message = new JsonObject().put("role", "assistant").put("content", text.toString()).putNull("refusal");
        if (tool != null) {
            // a tool call instead of text (a huge answer's padding goes into its arguments)
            message.putNull("content").put("tool_calls", new JsonArray().add(new JsonObject().put("id", tool.id()).put("type", "function")
                    .put("function", new JsonObject().put("name", tool.name()).put("arguments", tool.arguments() + "x".repeat(padBytes)))));
        }
        if (reasoning > 0) {
            StringBuilder thoughts = new StringBuilder();
            for (int i = 0; i < reasoning; i++) {
                thoughts.append(thought(i));
            }
            message.put("reasoning_content", thoughts.toString());
        }
        JsonObject choice = new JsonObject().put("index", 0).put("finish_reason", finishReason)
                .put("logprobs", new JsonObject().put("content", new JsonArray()).put("refusal", new JsonArray()))
                .put("message", message);
        return new JsonObject().put("id", id).put("object", "chat.completion")
                .put("choices", new JsonArray().add(choice)).put("created", created).put("model", model)
                .put("usage", usageJson(promptTokens, reasoning + tokens, reasoning)).toBuffer();
    }

    private JsonObject envelope() {
        return new JsonObject().put("id", id).put("object", "chat.completion.chunk").put("created", created).put("model", model);
    }

    private static JsonObject usageJson(int prompt, int completion, int reasoning) {
        JsonObject usage = new JsonObject().put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
        return reasoning > 0 ? usage.put("completion_tokens_details", new JsonObject().put("reasoning_tokens", reasoning)) : usage;
    }

    private static Buffer event(JsonObject json) {
        return Buffer.buffer("data: ").appendBuffer(json.toBuffer()).appendString("\n\n");
    }

    private static String quote(String s) {
        return new JsonArray().add(s).encode().replaceAll("^\\[|]$", "");
    }
}

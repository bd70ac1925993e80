package io.llmload.client;

/**
 * Reads one OpenAI chat-completion chunk (the JSON in an SSE {@code data:} event) without
 * allocating: a small recursive-descent pass over the bytes that validates the JSON and picks out
 * only what the metrics need: whether any choice's delta carries non-empty {@code content},
 * {@code reasoning_content}/{@code reasoning} or {@code tool_calls}; where the first content and
 * the first reasoning string lie, and each tool call's {@code function.name} and
 * {@code function.arguments} fragment (for the tokenizer when no usage comes); {@code usage} token
 * counts, with {@code usage.completion_tokens_details.reasoning_tokens}; {@code finish_reason};
 * and a top-level {@code error}. The same pass reads a non-streaming {@code choices[].message}.
 *
 * <p>Reasoning comes under two names. vLLM's {@code DeltaMessage} had {@code reasoning_content}
 * (docs/source/features/reasoning_outputs.md at vllm-project/vllm 2758bed7), and newer vLLM names
 * it {@code reasoning}, keeping {@code reasoning_content} as a deprecated copy of the same text
 * (vllm/entrypoints/openai/engine/protocol.py at 040a2cc2: {@code handle_deprecated_reasoning_content}
 * sets {@code reasoning_content = reasoning}), so one delta can carry both: only the first
 * reasoning string of a scan is taken, so the copy is never counted twice. That vLLM's
 * {@code UsageInfo} has no {@code completion_tokens_details}, so its reasoning tokens are counted
 * from that text; OpenAI reports them in {@code usage.completion_tokens_details.reasoning_tokens}.
 *
 * <p>A streamed tool call comes as {@code delta.tool_calls[{index, id, type, function: {name,
 * arguments}}]}: the first fragment of a call carries its {@code id}, {@code type} and
 * {@code function.name}, the later ones only {@code index} and a piece of
 * {@code function.arguments} (openai-python {@code src/openai/types/chat/chat_completion_chunk.py},
 * {@code ChoiceDeltaToolCall}, at 1527e23b; vLLM {@code vllm/entrypoints/openai/serving_chat.py}
 * at 003fe593 streams {@code DeltaToolCall(id, type="function", function=DeltaFunctionCall(name,
 * arguments), index)} first, then {@code DeltaToolCall(index, function=DeltaFunctionCall(arguments))},
 * and ends with {@code finish_reason: "tool_calls"}). A whole answer's {@code message.tool_calls}
 * has the same fields without {@code index}.
 *
 * <p>Thread contract: not thread-safe; one instance per event loop (or per parser) is enough
 * because results are read right after {@link #scan} returns.
 */
public final class ChunkScanner extends JsonLexer {
    private static final int MAX_DEPTH = 64;

    private static final byte[] CHOICES = bytes("choices");
    private static final byte[] USAGE = bytes("usage");
    private static final byte[] ERROR = bytes("error");
    private static final byte[] DELTA = bytes("delta");
    private static final byte[] MESSAGE = bytes("message");
    private static final byte[] CONTENT = bytes("content");
    private static final byte[] REASONING_CONTENT = bytes("reasoning_content");
    private static final byte[] REASONING = bytes("reasoning");
    private static final byte[] TOOL_CALLS = bytes("tool_calls");
    private static final byte[] FUNCTION = bytes("function");
    private static final byte[] NAME = bytes("name");
    private static final byte[] ARGUMENTS = bytes("arguments");
    private static final byte[] INDEX = bytes("index");
    /** Name and argument strings kept per scan; a chunk with more (many parallel calls at once) is not countable. */
    static final int MAX_TOOL_SPANS = 16;
    private static final byte[] FINISH_REASON = bytes("finish_reason");
    private static final byte[] PROMPT_TOKENS = bytes("prompt_tokens");
    private static final byte[] COMPLETION_TOKENS = bytes("completion_tokens");
    private static final byte[] COMPLETION_TOKENS_DETAILS = bytes("completion_tokens_details");
    private static final byte[] REASONING_TOKENS = bytes("reasoning_tokens");
    private static final String[] COMMON_FINISH_REASONS = {"stop", "length", "tool_calls"};
    private static final byte[][] COMMON_FINISH_BYTES = {bytes("stop"), bytes("length"), bytes("tool_calls")};

    private enum Ctx { ROOT, CHOICES, CHOICE, DELTA, TOOL_CALLS, TOOL_CALL, FUNCTION, USAGE, USAGE_DETAILS, OTHER }

    private int depth;

    // results of the last scan
    private boolean valid;
    private boolean hasContent;
    private boolean hasReasoning;
    private boolean hasToolCalls;
    private boolean hasError;
    private boolean hasUsage;
    private long promptTokens;
    private long completionTokens;
    private long reasoningTokens;
    private int contentStart;
    private int contentEnd;
    private int reasoningStart;
    private int reasoningEnd;
    private int finishStart;
    private int finishEnd;
    /** Raw spans of the tool calls' {@code function.name} and {@code function.arguments} strings: start, end pairs. */
    private final int[] toolSpans = new int[2 * MAX_TOOL_SPANS];
    private int toolSpanCount;
    private boolean toolSpansOverflowed;
    /** Tool calls this scan saw: entries of {@code tool_calls}, or the highest {@code index} + 1 when that is more. */
    private int toolCallEntries;
    private long toolCallMaxIndex;

    /** Scans {@code data[0..length)}; returns false when it is not one valid JSON object. */
    public boolean scan(byte[] data, int offset, int length) {
        reset(data, offset, length);
        depth = 0;
        hasContent = hasReasoning = hasToolCalls = hasError = hasUsage = false;
        promptTokens = completionTokens = reasoningTokens = -1;
        contentStart = contentEnd = reasoningStart = reasoningEnd = finishStart = finishEnd = -1;
        toolSpanCount = 0;
        toolSpansOverflowed = false;
        toolCallEntries = 0;
        toolCallMaxIndex = -1;
        valid = false;
        try {
            skipWs();
            if (pos >= end || buf[pos] != '{') {
                return false;
            }
            value(Ctx.ROOT);
            skipWs();
            valid = pos == end;
        } catch (Malformed e) {
            valid = false;
        }
        return valid;
    }

    public boolean valid() {
        return valid;
    }

    /** True when a delta (or message) carries non-empty content, reasoning, or a tool call's name or arguments. */
    public boolean carriesToken() {
        return hasContent || hasReasoning || hasToolCalls;
    }

    public boolean hasContent() {
        return hasContent;
    }

    public boolean hasReasoning() {
        return hasReasoning;
    }

    public boolean hasToolCalls() {
        return hasToolCalls;
    }

    public boolean hasError() {
        return hasError;
    }

    public boolean hasUsage() {
        return hasUsage && completionTokens >= 0;
    }

    public long promptTokens() {
        return promptTokens;
    }

    public long completionTokens() {
        return completionTokens;
    }

    /** {@code usage.completion_tokens_details.reasoning_tokens}, or -1 when the server did not say. */
    public long reasoningTokens() {
        return reasoningTokens;
    }

    /** Offsets of the first choice's raw (still JSON-escaped) content string, or -1. */
    public int contentStart() {
        return contentStart;
    }

    public int contentEnd() {
        return contentEnd;
    }

    /** Offsets of the first non-empty raw reasoning string ({@code reasoning_content} or {@code reasoning}), or -1. */
    public int reasoningStart() {
        return reasoningStart;
    }

    public int reasoningEnd() {
        return reasoningEnd;
    }

    /** Non-empty {@code function.name} and {@code function.arguments} strings of the tool calls in the last scan. */
    public int toolSpanCount() {
        return toolSpanCount;
    }

    /** Start of tool span {@code i} (raw, still JSON-escaped). */
    public int toolSpanStart(int i) {
        return toolSpans[2 * i];
    }

    public int toolSpanEnd(int i) {
        return toolSpans[2 * i + 1];
    }

    /** True when the chunk had more tool-call strings than are kept (its tool text is then incomplete). */
    public boolean toolSpansOverflowed() {
        return toolSpansOverflowed;
    }

    /**
     * How many tool calls the last scan saw: a stream's deltas carry each call's {@code index}
     * (0-based), so the highest index + 1; a whole message's calls have none, so their number.
     */
    public int toolCalls() {
        return !hasToolCalls ? 0 : (int) Math.max(toolCallEntries, Math.min(Integer.MAX_VALUE, toolCallMaxIndex + 1));
    }

    /** The finish reason of the last scan, or null; allocates, so call it once per request at most. */
    public String finishReason() {
        if (finishStart < 0) {
            return null;
        }
        for (int i = 0; i < COMMON_FINISH_REASONS.length; i++) { // the usual ones without a new String per request
            if (key(finishStart, finishEnd, COMMON_FINISH_BYTES[i])) {
                return COMMON_FINISH_REASONS[i];
            }
        }
        return new String(buf, finishStart, finishEnd - finishStart, java.nio.charset.StandardCharsets.UTF_8);
    }

    private void value(Ctx ctx) {
        skipWs();
        if (pos >= end) {
            throw Malformed.INSTANCE;
        }
        byte b = buf[pos];
        switch (b) {
            case '{' -> object(ctx);
            case '[' -> array(ctx);
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        }
    }

    private void object(Ctx ctx) {
        if (++depth > MAX_DEPTH) {
            throw Malformed.INSTANCE;
        }
        pos++;
        skipWs();
        if (peek() == '}') {
            pos++;
            depth--;
            return;
        }
        while (true) {
            skipWs();
            if (peek() != '"') {
                throw Malformed.INSTANCE;
            }
            int keyStart = pos + 1;
            string();
            int keyEnd = pos - 1;
            skipWs();
            if (peek() != ':') {
                throw Malformed.INSTANCE;
            }
            pos++;
            field(ctx, keyStart, keyEnd);
            skipWs();
            byte c = peek();
            pos++;
            if (c == '}') {
                depth--;
                return;
            }
            if (c != ',') {
                throw Malformed.INSTANCE;
            }
        }
    }

    private void field(Ctx ctx, int keyStart, int keyEnd) {
        switch (ctx) {
            case ROOT -> {
                if (key(keyStart, keyEnd, CHOICES)) {
                    value(Ctx.CHOICES);
                } else if (key(keyStart, keyEnd, USAGE)) {
                    skipWs();
                    if (peek() == '{') {
                        hasUsage = true;
                    }
                    value(Ctx.USAGE);
                } else if (key(keyStart, keyEnd, ERROR)) {
                    skipWs();
                    hasError = peek() != 'n';
                    value(Ctx.OTHER);
                } else {
                    value(Ctx.OTHER);
                }
            }
            case CHOICE -> {
                if (key(keyStart, keyEnd, DELTA) || key(keyStart, keyEnd, MESSAGE)) {
                    value(Ctx.DELTA);
                } else if (key(keyStart, keyEnd, FINISH_REASON)) {
                    skipWs();
                    if (peek() == '"') {
                        finishStart = pos + 1;
                        string();
                        finishEnd = pos - 1;
                    } else {
                        value(Ctx.OTHER);
                    }
                } else {
                    value(Ctx.OTHER);
                }
            }
            case DELTA -> delta(keyStart, keyEnd);
            case TOOL_CALL -> {
                if (key(keyStart, keyEnd, FUNCTION)) {
                    value(Ctx.FUNCTION);
                } else if (key(keyStart, keyEnd, INDEX)) {
                    toolCallMaxIndex = Math.max(toolCallMaxIndex, integerOrSkip());
                } else {
                    value(Ctx.OTHER);
                }
            }
            case FUNCTION -> {
                skipWs();
                if ((key(keyStart, keyEnd, NAME) || key(keyStart, keyEnd, ARGUMENTS)) && peek() == '"') {
                    int start = pos + 1;
                    string();
                    toolSpan(start, pos - 1);
                } else {
                    value(Ctx.OTHER);
                }
            }
            case USAGE -> {
                if (key(keyStart, keyEnd, PROMPT_TOKENS)) {
                    promptTokens = integerOrSkip();
                } else if (key(keyStart, keyEnd, COMPLETION_TOKENS)) {
                    completionTokens = integerOrSkip();
                } else if (key(keyStart, keyEnd, COMPLETION_TOKENS_DETAILS)) {
                    value(Ctx.USAGE_DETAILS);
                } else {
                    value(Ctx.OTHER);
                }
            }
            case USAGE_DETAILS -> {
                if (key(keyStart, keyEnd, REASONING_TOKENS)) {
                    reasoningTokens = integerOrSkip();
                } else {
                    value(Ctx.OTHER);
                }
            }
            default -> value(Ctx.OTHER);
        }
    }

    private void delta(int keyStart, int keyEnd) {
        boolean content = key(keyStart, keyEnd, CONTENT);
        if (content || key(keyStart, keyEnd, REASONING_CONTENT) || key(keyStart, keyEnd, REASONING)) {
            skipWs();
            if (peek() == '"') {
                int start = pos + 1;
                string();
                boolean nonEmpty = pos - 1 > start;
                if (content) {
                    hasContent |= nonEmpty;
                    if (nonEmpty && contentStart < 0) {
                        contentStart = start;
                        contentEnd = pos - 1;
                    }
                } else {
                    hasReasoning |= nonEmpty;
                    if (nonEmpty && reasoningStart < 0) {
                        reasoningStart = start;
                        reasoningEnd = pos - 1;
                    }
                }
            } else {
                // content may be null, or a list of parts in some servers; a non-empty list counts.
                boolean list = peek() == '[';
                int before = pos;
                value(Ctx.OTHER);
                if (list && !emptyArray(before)) {
                    hasContent |= content;
                    hasReasoning |= !content;
                }
            }
        } else if (key(keyStart, keyEnd, TOOL_CALLS)) {
            skipWs();
            int spansBefore = toolSpanCount;
            value(peek() == '[' ? Ctx.TOOL_CALLS : Ctx.OTHER);
            // Only a call's name or a piece of its arguments is output: vLLM's named tool_choice sends its
            // EOS as {"index":0,"function":{"arguments":""}} with finish_reason "tool_calls" (serving_chat.py @ 003fe593)
            hasToolCalls |= toolSpanCount > spansBefore || toolSpansOverflowed;
        } else {
            value(Ctx.OTHER);
        }
    }

    /** Keeps a non-empty tool-call string's span in the preallocated array (no allocation per chunk). */
    private void toolSpan(int start, int stop) {
        if (stop <= start) {
            return;
        }
        if (toolSpanCount == MAX_TOOL_SPANS) {
            toolSpansOverflowed = true;
            return;
        }
        toolSpans[2 * toolSpanCount] = start;
        toolSpans[2 * toolSpanCount + 1] = stop;
        toolSpanCount++;
    }

    private void array(Ctx ctx) {
        if (++depth > MAX_DEPTH) {
            throw Malformed.INSTANCE;
        }
        Ctx item = ctx == Ctx.CHOICES ? Ctx.CHOICE : ctx == Ctx.TOOL_CALLS ? Ctx.TOOL_CALL : Ctx.OTHER;
        pos++;
        skipWs();
        if (peek() == ']') {
            pos++;
            depth--;
            return;
        }
        while (true) {
            value(item);
            if (item == Ctx.TOOL_CALL) {
                toolCallEntries++;
            }
            skipWs();
            byte c = peek();
            pos++;
            if (c == ']') {
                depth--;
                return;
            }
            if (c != ',') {
                throw Malformed.INSTANCE;
            }
        }
    }
}

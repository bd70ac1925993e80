package io.llmload.client;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Reads the answers of one {@link Api} other than chat (which {@link ChunkScanner} reads without
 * allocating): each SSE event's data, or a whole JSON body, into an {@link AnswerTally}. These
 * APIs are parsed with Jackson: their events are fewer or their answers unstreamed, and the tree
 * keeps each reader a page long.
 *
 * <p>Thread contract: stateless apart from the tally it is handed; used on one event loop.
 */
abstract class WireReader {
    /** What one event or body said. */
    enum Read { OK, DONE, ERROR, MALFORMED }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The reader of {@code api}, or null for chat. */
    static WireReader of(Api api) {
        return switch (api) {
            case CHAT -> null;
            case COMPLETIONS -> new CompletionsReader();
            case EMBEDDINGS, RERANK -> new VectorsReader();
            case RESPONSES -> new ResponsesReader();
            case MESSAGES -> new MessagesReader();
        };
    }

    /** Reads one streamed event's data ({@code [DONE]} is handled before). */
    final Read event(byte[] data, int length, long arrivalNanos, AnswerTally tally) {
        JsonNode node = parse(data, length);
        return node == null ? Read.MALFORMED : event(node, arrivalNanos, tally);
    }

    /** Reads a whole JSON answer that arrived at {@code arrivalNanos}. */
    final Read whole(byte[] data, int length, long arrivalNanos, AnswerTally tally) {
        JsonNode node = parse(data, length);
        if (node == null) {
            return Read.MALFORMED;
        }
        if (node.has("error") && !node.get("error").isNull() || "error".equals(node.path("type").asText())) {
            return Read.ERROR;
        }
        tally.firstTokenNanos = tally.lastTokenNanos = tally.doneNanos = arrivalNanos;
        return whole(node, arrivalNanos, tally);
    }

    abstract Read event(JsonNode event, long arrivalNanos, AnswerTally tally);

    abstract Read whole(JsonNode body, long arrivalNanos, AnswerTally tally);

    private static JsonNode parse(byte[] data, int length) {
        try {
            JsonNode node = JSON.readTree(data, 0, length);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Counts a piece of streamed text as tokens: reasoning or answer. Empty text carries none. */
    static void text(AnswerTally tally, long arrivalNanos, String text, boolean reasoning) {
        if (text == null || text.isEmpty()) {
            return;
        }
        tally.tokens(arrivalNanos, reasoning, !reasoning);
        keep(tally, text, reasoning);
    }

    /** Keeps a text for the tokenizer, JSON-escaped as {@link ContentBuffer} keeps it. */
    static void keep(AnswerTally tally, String text, boolean reasoning) {
        keep(reasoning ? tally.reasoning : tally.content, text);
    }

    /** A whole answer's texts: one token-carrying piece, its reasoning counted apart. */
    static void wholeText(AnswerTally tally, long arrivalNanos, String answer, String reasoning) {
        boolean hasAnswer = answer != null && !answer.isEmpty();
        boolean hasReasoning = reasoning != null && !reasoning.isEmpty();
        tally.contentChunks = hasAnswer || hasReasoning ? 1 : 0;
        tally.reasoningChunks = hasReasoning ? 1 : 0;
        tally.firstAnswerNanos = hasAnswer ? arrivalNanos : 0;
        if (hasAnswer) {
            keep(tally, answer, false);
        }
        if (hasReasoning) {
            keep(tally, reasoning, true);
        }
    }

    /**
     * A streamed piece of a tool call: its name (when it opens) or a fragment of its arguments.
     * Either is answer tokens (the first is the first output token when nothing came before) and
     * is kept for the tokenizer; an empty piece (Anthropic's first {@code partial_json: ""}) carries none.
     */
    static void toolPiece(AnswerTally tally, long arrivalNanos, String piece) {
        if (piece == null || piece.isEmpty()) {
            return;
        }
        tally.tokens(arrivalNanos, false, true);
        keep(tally.tools, piece);
    }

    /** A whole answer's tool call: its name and arguments kept for the tokenizer, and the answer counted as carrying tokens. */
    static void wholeTool(AnswerTally tally, long arrivalNanos, String name, String arguments) {
        tally.toolCalls++;
        keep(tally.tools, name);
        keep(tally.tools, arguments);
        if (tally.contentChunks == 0) {
            tally.contentChunks = 1;
        }
        if (tally.firstAnswerNanos == 0) {
            tally.firstAnswerNanos = arrivalNanos;
        }
    }

    /** Keeps a text JSON-escaped in {@code into}, as {@link ContentBuffer} keeps the chat chunks' raw strings. */
    static void keep(ContentBuffer into, String text) {
        if (text != null && !text.isEmpty()) {
            byte[] escaped = JsonStringEncoder.getInstance().quoteAsUTF8(text);
            into.append(escaped, 0, escaped.length);
        }
    }

    static long longOr(JsonNode node, long fallback) {
        return node != null && node.isNumber() ? node.asLong() : fallback;
    }
}

package io.llmload.mock;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The mock's {@code /embeddings} and {@code /rerank} answers, never streamed. Embeddings: OpenAI's
 * {@code {"object":"list","data":[{"object":"embedding","index":i,"embedding":[…]}],"usage":{"prompt_tokens","total_tokens"}}}
 * (vLLM v0.8 {@code protocol.py} EmbeddingResponse), one small vector per input. Rerank: the
 * Jina/Cohere shape vLLM serves, {@code {"results":[{"index","document":{"text"},"relevance_score"}],"usage":{"total_tokens"}}}
 * (vLLM v0.8 {@code protocol.py} RerankResponse), one result per document, best first.
 * Only the whole answer exists; the stream methods are never used (requests with these APIs never stream).
 */
final class MockVectors implements MockWire {
    static final int DIMENSIONS = 8;

    private final String id;
    private final String model;
    private final boolean rerank;
    /** Inputs embedded, or documents scored. */
    private final int items;

    MockVectors(String id, String model, boolean rerank, int items) {
        this.id = id;
        this.model = model;
        this.rerank = rerank;
        this.items = items;
    }

    @Override
    public Buffer whole(int reasoning, int tokens, int promptTokens, String finishReason, int padBytes) {
        JsonArray data = new JsonArray();
        for (int i = 0; i < items; i++) {
            if (rerank) {
                data.add(new JsonObject().put("index", i).put("document", new JsonObject().put("text", "document " + i))
                        .put("relevance_score", 1.0 / (i + 2)));
            } else {
                JsonArray vector = new JsonArray();
                for (int d = 0; d < DIMENSIONS; d++) {
                    vector.add(((i * 31 + d * 7) % 17) / 17.0 - 0.5);
                }
                data.add(new JsonObject().put("object", "embedding").put("index", i).put("embedding", vector));
            }
        }
        JsonObject body = new JsonObject().put("id", (rerank ? "rerank-" : "embd-") + id).put("model", model);
        if (rerank) {
            body.put("usage", new JsonObject().put("total_tokens", promptTokens)).put("results", data);
        } else {
            body.put("object", "list").put("data", data)
                    .put("usage", new JsonObject().put("prompt_tokens", promptTokens).put("total_tokens", promptTokens));
        }
        if (padBytes > 0) {
            body.put("padding", "x".repeat(padBytes));
        }
        return body.toBuffer();
    }

    @Override
    public Buffer start() {
        return Buffer.buffer();
    }

    @Override
    public Buffer reasoning(int i) {
        return Buffer.buffer();
    }

    @Override
    public Buffer token(int i) {
        return Buffer.buffer();
    }

    @Override
    public Buffer huge(int bytes) {
        return Buffer.buffer();
    }

    @Override
    public Buffer malformed() {
        return Buffer.buffer();
    }

    @Override
    public Buffer end(String finishReason, int promptTokens, int reasoning, int answer, boolean usage, boolean terminal) {
        return Buffer.buffer();
    }
}

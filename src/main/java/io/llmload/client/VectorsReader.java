package io.llmload.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Embeddings and rerank answers, never streamed. Embeddings ({@code POST /v1/embeddings}):
 * {@code {"object":"list","data":[{"object":"embedding","index":0,"embedding":[…]}],"usage":{"prompt_tokens":n,"total_tokens":n}}}
 * (OpenAI's embeddings reference; vLLM v0.8 {@code protocol.py} EmbeddingResponse). Rerank
 * ({@code POST /v1/rerank}, the Jina/Cohere shape vLLM serves): {@code {"results":[{"index":0,"relevance_score":0.9,
 * "document":{"text":"…"}}],"usage":{"total_tokens":n}}} (vLLM v0.8 {@code protocol.py} RerankResponse;
 * vllm-project/recipes {@code Jina/Jina-reranker-m0.md}). Each vector or scored document counts as one item;
 * no token stream, so no first token and no output tokens.
 */
final class VectorsReader extends WireReader {

    @Override
    Read event(JsonNode event, long arrivalNanos, AnswerTally tally) {
        // A server that streamed anyway: read each event as a whole answer in parts.
        return whole(event, arrivalNanos, tally);
    }

    @Override
    Read whole(JsonNode body, long arrivalNanos, AnswerTally tally) {
        JsonNode items = body.has("results") ? body.get("results") : body.path("data");
        int count = 0;
        for (JsonNode item : items) {
            if (item.has("embedding") || item.has("relevance_score") || item.has("score")) {
                count++;
            }
        }
        tally.items += count;
        tally.doneNanos = arrivalNanos;
        JsonNode usage = body.path("usage");
        if (usage.isObject()) {
            tally.usagePrompt = longOr(usage.get("prompt_tokens"), longOr(usage.get("total_tokens"), -1));
        }
        return Read.OK;
    }
}

package io.llmload.workload;

import io.llmload.scenario.RequestSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The documents a rerank request scores: {@code request.documents} when given, else
 * {@code request.document_count} synthetic documents of {@code request.document_words} words
 * each, drawn once from a small vocabulary with the workload's seed (the same for every request,
 * as a retrieval step over one corpus would hand a reranker similar sets).
 */
final class RerankDocuments {
    private static final String[] WORDS = {"server", "latency", "token", "batch", "model", "cache", "prefix", "memory",
        "throughput", "request", "stream", "queue", "kernel", "tensor", "weights", "context", "window", "prompt", "answer", "score"};

    private RerankDocuments() {
    }

    static List<String> of(RequestSpec request, long seed) {
        if (!request.documents().isEmpty()) {
            return request.documents();
        }
        Random random = new Random(seed);
        List<String> out = new ArrayList<>();
        for (int d = 0; d < request.documentCount(); d++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < request.documentWords(); w++) {
                text.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
            }
            out.add(text.toString());
        }
        return List.copyOf(out);
    }
}

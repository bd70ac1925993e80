package io.llmload.scaffold;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The choices a starter scenario is written from. Filled in steps — defaults, then a curl
 * command, then flags, then answers to questions — so it is mutable; used by one thread (the
 * {@code init} command) and rendered once by {@link StarterScenario}.
 */
public final class StarterDraft {
    public static final String EMBEDDED = "embedded";
    public static final String MOCK_MODEL = "mock-llm";

    public String name;
    public String description;
    public String url = EMBEDDED;
    public String model;
    /** {@code target.api} (chat, completions, embeddings, rerank, responses, messages); chat when null. */
    public String api;
    /** {@code request.documents} of a rerank request. */
    public final List<String> documents = new ArrayList<>();
    /** Name of the environment variable holding the API key; null when the server needs none. */
    public String apiKeyEnv;
    /** Extra headers, values as written in the scenario (secrets as {@code ${env:NAME}}). */
    public final Map<String, String> headers = new LinkedHashMap<>();
    public boolean stream = true;
    public Integer maxTokens = 256;
    /** Extra body fields, copied as-is. */
    public final Map<String, Object> params = new LinkedHashMap<>();
    /** Chat messages as plain values; empty means the default greeting. */
    public final List<Object> messages = new ArrayList<>();
    public int concurrency = 8;
    public String warmup = "5s";
    public String duration = "30s";
    public String connectTimeout = "5s";
    public String totalTimeout = "300s";
    public Boolean tlsVerify;
    public String httpVersion;
    /** What the scenario was made from, for its header comment (e.g. "a curl command for https://..."). */
    public String origin;

    public boolean embedded() {
        return EMBEDDED.equals(url);
    }

    /** The model, or the mock's when the target is embedded and none was given. */
    public String modelOrDefault() {
        return model != null ? model : embedded() ? MOCK_MODEL : null;
    }

    /** The scenario name: as given, else derived from the model ({@code nvidia/Llama-3.1-8B} gives {@code llama-3.1-8b}). */
    public String nameOrDefault() {
        if (name != null) {
            return name;
        }
        String m = modelOrDefault();
        if (m == null || embedded()) {
            return "starter";
        }
        String last = m.substring(m.lastIndexOf('/') + 1).toLowerCase().replaceAll("[^a-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        return last.isEmpty() ? "starter" : last;
    }
}

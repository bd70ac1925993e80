package io.llmload.scenario;

import static io.llmload.scenario.Shape.mapOf;
import static io.llmload.scenario.Shape.obj;
import static io.llmload.scenario.Shape.optional;
import static io.llmload.scenario.Shape.required;
import static io.llmload.scenario.Shape.str;

import java.util.List;
import java.util.Map;

/**
 * The endpoint under test. {@code url} is the API base (the path of {@code api} is appended:
 * {@code /chat/completions} for chat) or {@code embedded} for the built-in mock, which speaks every API. The API key is never stored here: only the name
 * of the environment variable that holds it.
 */
public record Target(String url, String api, String model, String apiKeyEnv, Map<String, String> headers,
                     List<String> secretHeaders, Timeouts timeouts, HttpSettings http) {

    public static final String EMBEDDED = "embedded";
    /** The values of {@code target.api}, as {@code io.llmload.client.Api} names them. */
    public static final String[] APIS = {"chat", "completions", "embeddings", "rerank", "responses", "messages"};

    public static final Shape.Obj SHAPE = obj(
            required("url", str(), "base URL such as http://127.0.0.1:8000/v1, or 'embedded' for the built-in mock"),
            optional("api", str(APIS), "chat", "the API spoken: chat (/chat/completions), completions (/completions), embeddings "
                    + "(/embeddings), rerank (/rerank), responses (OpenAI Responses, /responses), messages (Anthropic Messages, /messages)"),
            required("model", str(), "model name sent in every request"),
            optional("api_key_env", str(), null, "name of the environment variable holding the API key (sent as Bearer; "
                    + "as x-api-key with api: messages)"),
            optional("headers", mapOf(str()), Map.of(), "extra HTTP headers"),
            optional("timeouts", Timeouts.SHAPE, Map.of(), "per-request time limits"),
            optional("http", HttpSettings.SHAPE, Map.of(), "transport settings"));

    static Target from(ObjView v) {
        return new Target(v.str("url"), v.str("api"), v.str("model"), v.str("api_key_env"), v.strings("headers"),
                v.secretKeys("headers"), Timeouts.from(v.obj("timeouts")), HttpSettings.from(v.obj("http")));
    }

    /** Whether the API carries conversation turns (multi-turn workloads): chat, responses, messages. */
    public boolean hasTurns() {
        return api.equals("chat") || api.equals("responses") || api.equals("messages");
    }

    public boolean embedded() {
        return EMBEDDED.equals(url);
    }
}

package io.llmload.scaffold;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link StarterDraft} as a commented scenario file: every written key says what it
 * does, and the common next edits are there as comments. The text never contains a key: secrets
 * are only ever names of environment variables. Stateless.
 */
public final class StarterScenario {
    private static final int COMMENT_COLUMN = 34;

    private StarterScenario() {
    }

    /**
     * @param fileName  how the scenario will be called in the "next steps" comment
     * @param schemaRef the {@code $schema} reference for editors, or null to leave the modeline out
     */
    public static String render(StarterDraft d, String fileName, String schemaRef) {
        if (d.modelOrDefault() == null) {
            throw new IllegalArgumentException("a model is needed for target " + d.url);
        }
        StringBuilder y = new StringBuilder();
        if (schemaRef != null) {
            y.append("# yaml-language-server: $schema=").append(schemaRef).append('\n');
        }
        y.append("# Written by `llmload init`").append(d.origin == null ? "" : " from " + d.origin).append(". Edit freely;\n");
        y.append("# every key is explained in the llmload README and completed by editors that read the schema.\n");
        y.append("#   llmload validate ").append(fileName).append("   # check it without sending anything\n");
        y.append("#   llmload run ").append(fileName).append("        # run it; reports go to reports/\n");
        line(y, 0, "name: " + YamlText.string(d.nameOrDefault()), "used in report paths");
        if (d.description != null) {
            line(y, 0, "description: " + YamlText.string(d.description), null);
        }
        y.append("target:\n");
        line(y, 2, "url: " + YamlText.string(d.url), d.embedded() ? "the built-in mock LLM, in-process; or a base URL such as http://127.0.0.1:8000/v1"
                : "API base; " + CurlImport.pathOf(d.api) + " is appended");
        line(y, 2, "model: " + YamlText.string(d.modelOrDefault()), null);
        if (d.api != null && !d.api.equals("chat")) {
            line(y, 2, "api: " + d.api, "the API the server speaks: POST {url}" + CurlImport.pathOf(d.api));
        }
        if (d.apiKeyEnv != null) {
            line(y, 2, "api_key_env: " + d.apiKeyEnv, "the key is read from $" + d.apiKeyEnv + " when the run starts, never from this file");
        } else if (!d.embedded()) {
            line(y, 2, "# api_key_env: LLM_API_KEY", "if the server needs a key: the env var holding it");
        }
        if (!d.headers.isEmpty()) {
            line(y, 2, "headers: " + YamlText.value(d.headers), "sent with every request; ${env:NAME} reads a variable");
        }
        line(y, 2, "timeouts: {connect: " + d.connectTimeout + ", first_token: 60s, idle: 30s, total: " + d.totalTimeout + "}",
                "per request; each has its own error kind");
        if (d.tlsVerify != null || d.httpVersion != null) {
            StringBuilder http = new StringBuilder("http: {");
            if (d.httpVersion != null) {
                http.append("version: \"").append(d.httpVersion).append('"');
            }
            if (d.tlsVerify != null) {
                http.append(d.httpVersion != null ? ", " : "").append("tls_verify: ").append(d.tlsVerify);
            }
            line(y, 2, http.append('}').toString(), null);
        }
        y.append("request:\n");
        line(y, 2, "stream: " + d.stream, d.stream ? "server-sent events: measures time to first token and inter-token latency"
                : "the answer arrives whole, so time to first token equals end-to-end latency");
        if (!d.documents.isEmpty()) {
            line(y, 2, "documents: " + YamlText.value(d.documents), "what every rerank request scores against its query");
        }
        if (d.maxTokens != null) {
            line(y, 2, "max_tokens: " + d.maxTokens, "caps each answer, so runs are comparable");
        } else {
            line(y, 2, "# max_tokens: 256", "not sent when unset; set it so answers have comparable lengths");
        }
        if (!d.params.isEmpty()) {
            line(y, 2, "params: " + YamlText.value(d.params), "copied into the request body as-is");
        } else {
            line(y, 2, "# params: {temperature: 0}", "copied into the request body as-is");
        }
        y.append("workload:\n");
        y.append("  messages:                       # sent with every request\n");
        Map<String, Object> greeting = new LinkedHashMap<>();
        greeting.put("role", "user");
        greeting.put("content", "Write a short story about a lighthouse keeper who finds a message in a bottle.");
        List<Object> messages = d.messages.isEmpty() ? List.of(greeting) : d.messages;
        for (Object m : messages) {
            y.append("    - ").append(YamlText.value(m)).append('\n');
        }
        y.append("load:\n");
        line(y, 2, "concurrency: " + d.concurrency, "virtual users; each sends its next request when its last one ends");
        line(y, 2, "warmup: " + d.warmup, "requests started in the warmup are not measured");
        line(y, 2, "duration: " + d.duration, "measured time; add requests: N to stop after N requests");
        y.append("thresholds:                       # any failure makes the exit code 1\n");
        y.append("  - \"error_rate < 1%\"\n");
        y.append("  # - \"ttft.p99 < 2s\"\n");
        y.append("report:\n");
        line(y, 2, "formats: [json, html]", "written to reports/<name>-<time>/");
        if (d.embedded()) {
            y.append("mock:                             # how the built-in mock answers (only for url: embedded)\n");
            line(y, 2, "ttft: 200ms", "or {mean: 200ms, stddev: 50ms}, or {min: 100ms, max: 300ms}");
            line(y, 2, "itl: 20ms", null);
            line(y, 2, "output_tokens: 128", "capped by max_tokens");
        }
        return y.toString();
    }

    private static void line(StringBuilder y, int indent, String text, String comment) {
        int start = y.length();
        y.append(" ".repeat(indent)).append(text);
        if (comment != null) {
            int width = y.length() - start;
            y.append(" ".repeat(Math.max(1, COMMENT_COLUMN - width))).append("# ").append(comment);
        }
        y.append('\n');
    }
}

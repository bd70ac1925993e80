package io.llmload.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a scenario from code for the common fields; anything else through {@link #set}. The
 * result is written as a YAML file (in a temporary directory) and read back by the same loader
 * as the command line's, so a built scenario is validated exactly like a hand-written one. The
 * API key is named by its environment variable only: a key itself is never written.
 */
public final class ScenarioBuilder {
    private final Map<String, Object> root = new LinkedHashMap<>();
    private final List<Map<String, String>> messages = new ArrayList<>();
    private final List<String> thresholds = new ArrayList<>();

    ScenarioBuilder(String name) {
        root.put("name", name);
    }

    /** {@code target.url}: a base URL such as {@code http://127.0.0.1:8000/v1}, or {@code embedded} for the built-in mock. */
    public ScenarioBuilder target(String url) {
        return set("target.url", url);
    }

    /** {@code target.model}. */
    public ScenarioBuilder model(String model) {
        return set("target.model", model);
    }

    /** {@code target.api_key_env}: the environment variable that holds the API key. */
    public ScenarioBuilder apiKeyEnv(String variable) {
        return set("target.api_key_env", variable);
    }

    /** {@code load.concurrency}: a closed model of {@code n} users. */
    public ScenarioBuilder concurrency(int n) {
        return set("load.concurrency", n);
    }

    /** {@code load.rate}: an open model of {@code perSecond} requests per second. */
    public ScenarioBuilder rate(double perSecond) {
        return set("load.rate", perSecond);
    }

    /** {@code load.duration}, e.g. {@code 30s}. */
    public ScenarioBuilder duration(String duration) {
        return set("load.duration", duration);
    }

    /** {@code load.warmup}, e.g. {@code 2s}. */
    public ScenarioBuilder warmup(String warmup) {
        return set("load.warmup", warmup);
    }

    /** One more message of {@code workload.messages} (role system, user or assistant). */
    public ScenarioBuilder message(String role, String content) {
        messages.add(Map.of("role", role, "content", content));
        return this;
    }

    /** {@code workload.synthetic}: generated prompts of about {@code inputTokens} tokens. */
    public ScenarioBuilder synthetic(int inputTokens) {
        return set("workload.synthetic.input_tokens", inputTokens);
    }

    /** {@code request.max_tokens}. */
    public ScenarioBuilder maxTokens(int n) {
        return set("request.max_tokens", n);
    }

    /** One more check, e.g. {@code ttft.p99 < 500ms}. */
    public ScenarioBuilder threshold(String expr) {
        thresholds.add(expr);
        return this;
    }

    /** Any scenario value by its dotted path (e.g. {@code mock.ttft}, {@code 50ms}); the schema names them all. */
    @SuppressWarnings("unchecked")
    public ScenarioBuilder set(String path, Object value) {
        String[] parts = path.split("\\.");
        Map<String, Object> at = root;
        for (int i = 0; i < parts.length - 1; i++) {
            at = (Map<String, Object>) at.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
        }
        at.put(parts[parts.length - 1], value);
        return this;
    }

    /** Writes the scenario to a temporary YAML file and returns it. */
    @SuppressWarnings("unchecked")
    public Scenario build() {
        Map<String, Object> doc = new LinkedHashMap<>(root);
        if (!messages.isEmpty()) {
            ((Map<String, Object>) doc.computeIfAbsent("workload", k -> new LinkedHashMap<String, Object>())).put("messages", messages);
        }
        if (!thresholds.isEmpty()) {
            doc.put("thresholds", thresholds);
        }
        try {
            Path dir = Files.createTempDirectory("llmload-scenario");
            Path file = dir.resolve(root.get("name") + ".yaml");
            new ObjectMapper(new YAMLFactory()).writeValue(file.toFile(), doc);
            return Scenario.load(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the built scenario", e);
        }
    }
}

package io.llmload.cli;

import io.llmload.client.ClientConfig;
import io.llmload.client.Endpoint;
import io.llmload.client.Redactor;
import io.llmload.client.RetryPolicy;
import io.llmload.load.RunPlan;
import io.llmload.mock.MockConfig;
import io.llmload.scenario.RetrySpec;
import io.llmload.scenario.Scenario;
import io.llmload.scenario.Target;
import io.llmload.workload.FixedMessages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Turns a validated scenario into a {@link RunPlan}, reading the API key from the environment. */
final class PlanFactory {
    private static final List<String> SECRET_HEADERS = List.of("authorization", "proxy-authorization", "x-api-key", "api-key");

    private PlanFactory() {
    }

    static RunPlan plan(Scenario s, Function<String, String> env) {
        Target t = s.target();
        Map<String, String> headers = new LinkedHashMap<>(t.headers());
        List<String> secrets = new ArrayList<>();
        if (t.apiKeyEnv() != null) {
            String key = env.apply(t.apiKeyEnv());
            if (key == null || key.isBlank()) {
                throw new UsageException("target.api_key_env names " + t.apiKeyEnv() + ", which is not set; export "
                        + t.apiKeyEnv() + "=<your key> (the key is read from the environment only)");
            }
            headers.put("Authorization", "Bearer " + key.trim());
            secrets.add(key.trim());
        }
        t.headers().forEach((k, v) -> {
            if (SECRET_HEADERS.contains(k.toLowerCase()) || t.secretHeaders().contains(k)) {
                secrets.add(v);
                int space = v.indexOf(' ');
                if (space > 0) {
                    secrets.add(v.substring(space + 1));
                }
            }
        });
        Endpoint endpoint = t.embedded() ? null : Endpoint.fromBaseUrl(t.url());
        int maxConnections = t.http().maxConnections() == null ? 0 : t.http().maxConnections();
        RetrySpec retry = s.request().retry();
        ClientConfig client = new ClientConfig(endpoint, headers, t.http().http2(), t.http().tlsVerify(), maxConnections,
                t.timeouts().connect(), t.timeouts().firstToken(), t.timeouts().idle(), t.timeouts().total(),
                t.http().maxResponseBytes(), ClientConfig.eventLimit(t.http().maxResponseBytes()), new Redactor(secrets),
                t.http().caFile(), retry.enabled() ? new RetryPolicy(retry.max(), retry.backoff(), retry.maxBackoff(), retry.on())
                        : RetryPolicy.NONE);
        MockConfig mock = t.embedded() ? MockConfig.from(s.mock(), MockConfig.DEFAULT_HOST, 0, 1) : null;
        FixedMessages requests = new FixedMessages(t.model(), s.workload().messages(), s.request().maxTokens(),
                s.request().stream(), s.request().params());
        int drivers = Runtime.getRuntime().availableProcessors();
        return new RunPlan(s.name(), t.model(), client, mock, requests, s.request().stream(), s.load().concurrency(),
                s.load().warmup(), s.load().duration(), s.load().requests(), s.load().drain(), drivers);
    }
}

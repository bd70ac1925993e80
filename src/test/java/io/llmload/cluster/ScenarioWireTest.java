package io.llmload.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.scenario.EnvSubstitution;
import io.llmload.scenario.Overrides;
import io.llmload.scenario.Scenario;
import io.llmload.scenario.ScenarioLoader;
import io.llmload.scenario.SweepSpec;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scenario an agent receives binds to the same scenario the coordinator loaded: every shipped
 * scenario, sent in {@link ScenarioWire}'s form and loaded as an agent loads it, resolves to the
 * same values (less what only the coordinator uses).
 */
class ScenarioWireTest {
    private static final ScenarioLoader LOADER = new ScenarioLoader(new EnvSubstitution(name -> null));

    static Stream<Path> shippedScenarios() throws Exception {
        return Files.list(Path.of("scenarios")).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest
    @MethodSource("shippedScenarios")
    void anAgentBindsTheSameScenario(Path file) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(java.nio.file.Files.readString(file).contains("trace:"),
                "trace replay is refused for distributed runs");
        Scenario original = LOADER.load(file, firstTrial(LOADER.load(file, List.of())));
        Map<String, Object> wire = ScenarioWire.forAgents(original.resolved());
        removeDataset(wire); // an agent gets a dataset's bodies instead of its file
        Scenario onAgent = LOADER.loadText(new JsonObject(wire).encode(), "from-coordinator.json", List.of());

        Map<String, Object> expected = new LinkedHashMap<>(original.resolved());
        List.of("sweep", "variants", "repeat", "thresholds", "report", "cluster").forEach(expected::remove);
        removeDataset(expected);
        Map<String, Object> got = new LinkedHashMap<>(onAgent.resolved());
        List.of("repeat", "thresholds", "report").forEach(got::remove);
        assertThat(withoutNulls(new JsonObject(got))).isEqualTo(withoutNulls(new JsonObject(expected)));
        assertThat(onAgent.load()).isEqualTo(original.load());
        assertThat(onAgent.request()).isEqualTo(original.request());
    }

    @Test
    void defaultsAreLeftOutSoAClosedModelStaysClosed() throws Exception {
        Scenario s = LOADER.loadText("target: {url: embedded, model: m}\nload: {concurrency: 3}\n", "s.yaml", List.of());
        Map<String, Object> wire = ScenarioWire.forAgents(s.resolved());
        assertThat(s.resolved().get("load")).asString().contains("arrival");
        assertThat(new JsonObject(wire).encode()).doesNotContain("arrival").doesNotContain("max_in_flight").contains("\"concurrency\":3");
    }

    @Test
    void secretValuesAreFoundSoTheyAreNeverSent() throws Exception {
        Scenario s = LOADER.loadText("""
                target: {url: "http://127.0.0.1:8000/v1", model: m, api_key_env: OPENAI_API_KEY, headers: {Authorization: "Bearer sk-1", X-Team: perf}}
                """, "s.yaml", List.of());
        assertThat(ScenarioWire.secretPaths(s.resolved())).containsExactly("target.headers.Authorization");
        Scenario keyByName = LOADER.loadText("target: {url: 'http://127.0.0.1:8000/v1', model: m, api_key_env: OPENAI_API_KEY}\n",
                "s.yaml", List.of());
        assertThat(ScenarioWire.secretPaths(keyByName.resolved())).isEmpty();
        assertThat(new JsonObject(ScenarioWire.forAgents(keyByName.resolved())).encode()).contains("\"api_key_env\":\"OPENAI_API_KEY\"");
    }

    /** A campaign runs trials of derived scenarios; a sweep's first point, as the campaign derives it. */
    private static List<Overrides.Override> firstTrial(Scenario s) {
        SweepSpec sweep = s.sweep();
        if (sweep == null) {
            return List.of();
        }
        String rate = sweep.findMax() != null ? Double.toString(sweep.findMax().rateFrom())
                : sweep.rate() != null ? Double.toString(sweep.rate().get(0)) : null;
        if (rate != null) {
            return List.of(new Overrides.Override("load.concurrency", "null", "t"), new Overrides.Override("load.stages", "null", "t"),
                    new Overrides.Override("load.rate", rate, "t"));
        }
        return List.of(new Overrides.Override("load.rate", "null", "t"), new Overrides.Override("load.stages", "null", "t"),
                new Overrides.Override("load.max_in_flight", "null", "t"), new Overrides.Override("load.arrival", "null", "t"),
                new Overrides.Override("load.concurrency", sweep.concurrency().get(0).toString(), "t"));
    }

    /** A key set to null counts as not set, in the file and on the wire alike. */
    private static JsonObject withoutNulls(JsonObject o) {
        JsonObject out = new JsonObject();
        o.forEach(e -> {
            if (e.getValue() instanceof JsonObject child) {
                out.put(e.getKey(), withoutNulls(child));
            } else if (e.getValue() != null) {
                out.put(e.getKey(), e.getValue());
            }
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void removeDataset(Map<String, Object> scenario) {
        if (scenario.get("workload") instanceof Map<?, ?> w && w.containsKey("dataset")) {
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) w);
            copy.remove("dataset");
            scenario.put("workload", copy);
        }
    }
}

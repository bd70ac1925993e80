package io.llmload.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LoadSplitTest {

    @ParameterizedTest(name = "{0} over {1} agents")
    @CsvSource({"10,3,4;3;3", "9,3,3;3;3", "3,3,1;1;1", "7,2,4;3", "1000,7,143;143;143;143;143;143;142", "5,1,5"})
    void wholeNumbersSplitWithTheRemainderOnTheFirstAgents(long total, int count, String expected) {
        List<Long> shares = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            shares.add(LoadSplit.share(total, i, count));
        }
        assertThat(shares).containsExactlyElementsOf(List.of(expected.split(";")).stream().map(Long::parseLong).toList());
        assertThat(shares.stream().mapToLong(Long::longValue).sum()).isEqualTo(total);
    }

    @Test
    void concurrencyRequestsAndConnectionsAreSharedRatesDivided() throws Exception {
        Map<String, Object> scenario = scenario(Map.of("concurrency", 10L, "requests", 301L));
        ((Map<String, Object>) scenario.get("target")).put("http", new LinkedHashMap<>(Map.of("max_connections", 10L)));
        long users = 0;
        long requests = 0;
        for (int i = 0; i < 3; i++) {
            Map<String, Object> agent = LoadSplit.forAgent(scenario, i, 3);
            users += ((Number) load(agent).get("concurrency")).longValue();
            requests += ((Number) load(agent).get("requests")).longValue();
            assertThat(((Map<?, ?>) ((Map<?, ?>) agent.get("target")).get("http")).get("max_connections")).isEqualTo(4L);
        }
        assertThat(users).isEqualTo(10);
        assertThat(requests).isEqualTo(301);
        assertThat(load(scenario).get("concurrency")).as("the original is not changed").isEqualTo(10L);

        Map<String, Object> open = scenario(Map.of("rate", 10.0, "max_in_flight", 100L));
        assertThat(load(LoadSplit.forAgent(open, 2, 4)).get("rate")).isEqualTo(2.5);
        assertThat(load(LoadSplit.forAgent(open, 0, 4)).get("max_in_flight")).isEqualTo(25L);
    }

    @Test
    void everyStageIsSplit() throws Exception {
        List<Object> stages = new ArrayList<>();
        stages.add(new LinkedHashMap<>(Map.of("duration", "10s", "concurrency", 5L)));
        stages.add(new LinkedHashMap<>(Map.of("duration", "10s", "concurrency", 1L, "ramp", "linear")));
        Map<String, Object> scenario = scenario(Map.of("stages", stages));
        Map<String, Object> first = LoadSplit.forAgent(scenario, 0, 2);
        Map<String, Object> second = LoadSplit.forAgent(scenario, 1, 2);
        assertThat(stage(first, 0).get("concurrency")).isEqualTo(3L);
        assertThat(stage(second, 0).get("concurrency")).isEqualTo(2L);
        assertThat(stage(first, 1).get("concurrency")).isEqualTo(1L);
        assertThat(stage(second, 1).get("concurrency")).as("a stage may give an agent no users").isEqualTo(0L);
        assertThat(stage(second, 1).get("ramp")).isEqualTo("linear");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTraceIsLeftWholeForEachAgentToTakeItsShare() throws Exception {
        Map<String, Object> trace = new LinkedHashMap<>(Map.of("path", "/data/trace.jsonl"));
        Map<String, Object> split = LoadSplit.forAgent(scenario(Map.of("trace", trace, "requests", 90L)), 2, 3);
        Map<String, Object> load = (Map<String, Object>) split.get("load");
        assertThat(load).doesNotContainKey("concurrency").containsEntry("requests", 30L);
        assertThat((Map<String, Object>) load.get("trace")).containsEntry("path", "/data/trace.jsonl");
    }

    @Test
    void tooLittleLoadForTheAgentsIsAClearError() {
        assertThatThrownBy(() -> LoadSplit.forAgent(scenario(Map.of("concurrency", 2L)), 0, 3))
                .hasMessage("load.concurrency 2 cannot be split among 3 agents: each needs at least 1 users");
        assertThatThrownBy(() -> LoadSplit.forAgent(scenario(Map.of()), 0, 2))
                .hasMessageContaining("load.concurrency 1 cannot be split among 2 agents");
        assertThatThrownBy(() -> LoadSplit.forAgent(scenario(Map.of("concurrency", 4L, "requests", 3L)), 0, 4))
                .hasMessageContaining("load.requests 3");
    }

    @Test
    void eachAgentGetsADistinctSeedAndTheFirstKeepsTheScenarios() throws Exception {
        Map<String, Object> scenario = scenario(Map.of("concurrency", 100L));
        scenario.put("workload", new LinkedHashMap<>(Map.of("seed", 7L)));
        Set<Object> seeds = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            seeds.add(((Map<?, ?>) LoadSplit.forAgent(scenario, i, 50).get("workload")).get("seed"));
        }
        assertThat(seeds).hasSize(50).contains(7L);
        assertThat(LoadSplit.seed(7, 1)).isNotEqualTo(LoadSplit.seed(8, 0)).isNotEqualTo(8L);
    }

    private static Map<String, Object> scenario(Map<String, Object> load) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("target", new LinkedHashMap<>(Map.of("url", "embedded", "model", "m")));
        s.put("load", new LinkedHashMap<>(load));
        return s;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(Map<String, Object> scenario) {
        return (Map<String, Object>) scenario.get("load");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stage(Map<String, Object> scenario, int i) {
        return (Map<String, Object>) ((List<Object>) load(scenario).get("stages")).get(i);
    }
}

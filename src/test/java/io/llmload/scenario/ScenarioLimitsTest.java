package io.llmload.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Values too large to hold or to run are refused at validation, each with its file:line:col (or
 * flag) and the allowed range, never an overflow later: whole numbers beyond int or long, load
 * beyond one process (times the agents of a distributed run), durations beyond a month.
 */
class ScenarioLimitsTest {
    private static final String TARGET = "target: {url: embedded, model: m}\n";
    private final ScenarioLoader loader = new ScenarioLoader(new EnvSubstitution(Map.<String, String>of()::get));

    private Scenario load(String yaml, Overrides.Override... overrides) throws ScenarioException {
        return loader.loadText(TARGET + yaml, "t.yaml", List.of(overrides));
    }

    private List<String> problems(String yaml, Overrides.Override... overrides) {
        return ScenarioProblems.of(y -> load(y, overrides), yaml);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "load: {concurrency: 99999999999}|t.yaml:2:21: load.concurrency: expected an integer from 1 to 100000000, got 99999999999",
        "load: {concurrency: 99999999999999999999}|t.yaml:2:21: load.concurrency: expected an integer from 1 to 100000000, got 99999999999999999999",
        "request: {max_tokens: 99999999999}|t.yaml:2:23: request.max_tokens: expected an integer from 1 to 2147483647, got 99999999999",
        "load: {rate: 1, max_in_flight: 2147483648}|t.yaml:2:32: load.max_in_flight: expected an integer from 1 to 100000000, got 2147483648",
        "mock: {max_batch: 3000000000}|t.yaml:2:19: mock.max_batch: expected an integer from 0 to 2147483647, got 3000000000",
        "cluster: {agents: 99999999999}|t.yaml:2:19: cluster.agents: expected an integer from 1 to 1000, got 99999999999",
        "cluster: {agents: 2, port: 70000}|t.yaml:2:28: cluster.port: expected an integer from 1 to 65535, got 70000",
        "repeat: 99999999999|t.yaml:2:9: repeat: expected an integer from 1 to 2147483647, got 99999999999",
        "load: {concurrency: 1, requests: 99999999999999999999}|t.yaml:2:34: load.requests: expected an integer >= 1, got 99999999999999999999",
        "load: {rate: 1e12}|t.yaml:2:14: load.rate: expected a number from 0.001 to 100000000, got 1.0E12",
    })
    void wholeNumbersBeyondWhatTheyAreHeldInAreRefusedWithTheirPlaceAndRange(String yaml, String expected) {
        assertThat(problems(yaml + "\n")).containsExactly(expected);
    }

    @Test
    void aFlagValueBeyondTheRangeNamesTheFlag() {
        assertThat(problems("load: {concurrency: 2}\n", new Overrides.Override("load.concurrency", "99999999999", "--concurrency 99999999999")))
                .containsExactly("--concurrency 99999999999: load.concurrency: expected an integer from 1 to 100000000, got 99999999999");
        assertThat(problems("", new Overrides.Override("request.max_tokens", "99999999999", "--set request.max_tokens=99999999999")))
                .containsExactly("--set request.max_tokens=99999999999: request.max_tokens: "
                        + "expected an integer from 1 to 2147483647, got 99999999999");
    }

    @Test
    void longSettingsKeepTheirRange() throws ScenarioException {
        Scenario s = load("workload: {messages: [{role: user, content: hi}], seed: -9223372036854775808}\n"
                + "load: {concurrency: 1, requests: 9223372036854775807}\n");
        assertThat(s.workload().seed()).isEqualTo(Long.MIN_VALUE);
        assertThat(s.load().requests()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void oneProcessDrivesAtMostOneHundredThousandUsersOrRequestsPerSecond() throws ScenarioException {
        assertThat(load("load: {concurrency: 100000}\n").load().concurrency()).isEqualTo(LoadSpec.MAX_USERS);
        assertThat(load("load: {rate: 100000, max_in_flight: 100000}\n").load().maxInFlight()).isEqualTo(100_000);
        assertThat(problems("load: {concurrency: 2147483647}\n")).containsExactly(
                "t.yaml:2:21: load.concurrency: expected an integer from 1 to 100000000, got 2147483647");
        assertThat(problems("load: {concurrency: 100001}\n")).containsExactly(
                "t.yaml:2:21: load.concurrency: 100001 users exceed what one llmload process can drive (at most 100000);"
                        + " lower it, or split it among 2 agents (cluster.agents, or --agents 2)");
        assertThat(problems("load: {rate: 250000.5}\n")).containsExactly(
                "t.yaml:2:14: load.rate: 250000.5 req/s exceed what one llmload process can drive (at most 100000 req/s);"
                        + " lower it, or split it among 3 agents (cluster.agents, or --agents 3)");
        assertThat(problems("load: {rate: 10, max_in_flight: 100001}\n")).singleElement().asString()
                .startsWith("t.yaml:2:33: load.max_in_flight: 100001 requests in flight exceed what one llmload process can drive");
        assertThat(problems("load:\n  stages:\n    - {duration: 5s, concurrency: 100001}\n")).singleElement().asString()
                .startsWith("t.yaml:4:35: load.stages[0].concurrency: 100001 users exceed");
        assertThat(problems("load: {duration: 5s}\nsweep: {concurrency: [1, 200000]}\n")).singleElement().asString()
                .startsWith("t.yaml:3:26: sweep.concurrency[1]: 200000 users exceed");
        assertThat(problems("load: {duration: 5s}\nsweep: {rate: [100001]}\n")).singleElement().asString()
                .startsWith("t.yaml:3:16: sweep.rate[0]: 100001 req/s exceed");
        assertThat(problems("load: {duration: 5s}\nsweep: {find_max: {rate_from: 1, rate_to: 1000000, until: ['ttft.p99 < 1s']}}\n"))
                .singleElement().asString().startsWith("t.yaml:3:43: sweep.find_max.rate_to: 1000000 req/s exceed");
    }

    @Test
    void aDistributedRunMayAskForTheLimitTimesItsAgents() throws ScenarioException {
        Scenario s = load("load: {concurrency: 400000}\ncluster: {agents: 4}\n");
        assertThat(s.load().concurrency()).isEqualTo(400_000);
        assertThat(problems("load: {concurrency: 400001}\ncluster: {agents: 4}\n")).containsExactly(
                "t.yaml:2:21: load.concurrency: 400001 users over 4 agents exceed 100000 each, the most one llmload process can drive;"
                        + " lower it, or use 5 agents");
        // --agents is an override of cluster.agents, so it counts the same way
        assertThat(load("load: {rate: 300000}\n", new Overrides.Override("cluster.agents", "3", "--agents 3")).load().rate())
                .isEqualTo(300_000.0);
        assertThat(problems("load: {rate: 300000}\n", new Overrides.Override("cluster.agents", "2", "--agents 2")))
                .singleElement().asString().contains("load.rate: 300000 req/s over 2 agents exceed 100000 req/s each");
    }

    @Test
    void durationsBeyondThirtyDaysAreRefusedNotClamped() throws ScenarioException {
        assertThat(load("load: {concurrency: 1, duration: 720h}\n").load().duration()).isEqualTo(Duration.ofDays(30));
        String limit = "expected a duration of at most 30 days (720h), got ";
        assertThat(problems("load: {concurrency: 1, duration: 99999999999999999999s}\n"))
                .containsExactly("t.yaml:2:34: load.duration: " + limit + "'99999999999999999999s'");
        assertThat(problems("load: {concurrency: 1, duration: 99999999999999999999}\n"))
                .containsExactly("t.yaml:2:34: load.duration: " + limit + "99999999999999999999");
        assertThat(problems("load: {concurrency: 1, duration: 720h1s}\n"))
                .containsExactly("t.yaml:2:34: load.duration: " + limit + "'720h1s'");
        // parts that would wrap past Long.MAX_VALUE nanoseconds do not come back small or negative
        assertThat(problems("load: {concurrency: 1, warmup: 5000000000h5000000000h}\n"))
                .containsExactly("t.yaml:2:32: load.warmup: " + limit + "'5000000000h5000000000h'");
        assertThat(problems("load:\n  stages:\n    - {duration: 720h, concurrency: 1}\n    - {duration: 1s, concurrency: 2}\n"))
                .containsExactly("t.yaml:3:3: load.stages: the stages last 720h1s in all; at most 30 days (720h)");
    }
}

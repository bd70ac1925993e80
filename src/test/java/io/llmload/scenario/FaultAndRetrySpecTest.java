package io.llmload.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmload.scenario.MockFaults.Fault;
import io.llmload.scenario.MockFaults.Kind;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code mock.faults}, {@code --fault} and {@code request.retry}: parsing, validation and the fault schedule. */
class FaultAndRetrySpecTest {
    private static final String BASE = "target: {url: embedded, model: m}\n";
    private final ScenarioLoader loader = new ScenarioLoader(new EnvSubstitution(Map.<String, String>of()::get));

    private Scenario load(String yaml) throws ScenarioException {
        return loader.loadText(BASE + yaml, "t.yaml", List.of());
    }

    private List<String> problems(String yaml) {
        return ScenarioProblems.of(this::load, yaml);
    }

    @Test
    void faultsReadBothFormsWithTheirDefaults() throws ScenarioException {
        Scenario s = load("mock:\n  faults:\n    http_429: 0.1\n    stall_mid_stream: {rate: 0.05, duration: 2s}\n    huge_chunk: {rate: 0.01}\n");
        List<Fault> f = s.mock().faults().faults();
        assertThat(f).extracting(Fault::kind).containsExactly(Kind.HTTP_429, Kind.STALL_MID_STREAM, Kind.HUGE_CHUNK);
        assertThat(f.get(0).rate()).isEqualTo(0.1);
        assertThat(f.get(0).retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(f.get(1).duration()).isEqualTo(Duration.ofSeconds(2));
        assertThat(f.get(1).afterTokens()).isEqualTo(2);
        assertThat(f.get(2).bytes()).isEqualTo(1 << 20);
        assertThat(load("").mock().faults().isEmpty()).isTrue();
    }

    @Test
    void badFaultsAreNamedWithTheirPlace() {
        assertThat(problems("mock:\n  faults: {http_492: 0.1}\n"))
                .containsExactly("t.yaml:3:12: mock.faults.http_492: unknown key 'http_492' (did you mean 'http_429'?)");
        assertThat(problems("mock:\n  faults: {reset: 1.5}\n"))
                .containsExactly("t.yaml:3:19: mock.faults.reset: expected a rate from 0 to 1, or a mapping such as {rate: 0.05}, got 1.5");
        assertThat(problems("mock:\n  faults: {reset: {rate: 0.1, after: 3}}\n")).singleElement().asString()
                .isEqualTo("t.yaml:3:31: mock.faults.reset.after: unknown key 'after'; known keys: rate, after_tokens");
        assertThat(problems("mock:\n  faults: {reset: 0.6, http_500: 0.6}\n")).singleElement().asString()
                .contains("mock.faults: the fault rates add up to 1.2; together they must be at most 1");
    }

    @Test
    void faultFlagsAreValidatedLikeTheScenario() throws ScenarioException {
        MockFaults f = MockFaults.parseFlags(List.of("http_429=0.1", "stall_first_token={rate: 0.2, duration: 3s}"));
        assertThat(f.faults()).extracting(Fault::kind).containsExactly(Kind.HTTP_429, Kind.STALL_FIRST_TOKEN);
        assertThat(f.faults().get(1).duration()).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> MockFaults.parseFlags(List.of("resett=0.1"))).hasMessageContaining("did you mean 'reset'");
        assertThatThrownBy(() -> MockFaults.parseFlags(List.of("reset"))).hasMessageContaining("expected NAME=RATE");
        assertThatThrownBy(() -> MockFaults.parseFlags(List.of("reset=lots"))).hasMessage("--fault reset=lots: reset: expected a rate from 0 to 1, or a mapping such as {rate: 0.05}, got 'lots'");
    }

    @Test
    void theScheduleIsAPureFunctionOfSeedAndSequenceAndHonoursTheRates() {
        MockFaults f = new MockFaults(List.of(new Fault(Kind.HTTP_429, 0.1, null, null, 0, 0, null),
                new Fault(Kind.RESET, 0.05, null, null, 0, 0, null), new Fault(Kind.NOT_SSE, 0.2, null, null, 0, 0, null)));
        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        int n = 200_000;
        for (long seq = 0; seq < n; seq++) {
            Fault a = f.pick(42, seq);
            assertThat(f.pick(42, seq)).isSameAs(a);
            if (a != null) {
                counts.merge(a.kind(), 1, Integer::sum);
            }
        }
        assertThat(counts.get(Kind.HTTP_429) / (double) n).isCloseTo(0.10, org.assertj.core.data.Offset.offset(0.004));
        assertThat(counts.get(Kind.RESET) / (double) n).isCloseTo(0.05, org.assertj.core.data.Offset.offset(0.003));
        assertThat(counts.get(Kind.NOT_SSE) / (double) n).isCloseTo(0.20, org.assertj.core.data.Offset.offset(0.005));
        // Another seed picks other requests.
        long differ = 0;
        for (long seq = 0; seq < 1000; seq++) {
            if (f.pick(42, seq) != f.pick(43, seq)) {
                differ++;
            }
        }
        assertThat(differ).isGreaterThan(200);
    }

    @Test
    void retryIsOffByDefaultAndReadsStatusesAndKinds() throws ScenarioException {
        RetrySpec off = load("").request().retry();
        assertThat(off.enabled()).isFalse();
        assertThat(off.on()).containsExactly("http_429", "http_503", "reset");
        RetrySpec r = load("request:\n  retry: {max: 3, backoff: 100ms, on: [429, http_500, timeout_first_token]}\n").request().retry();
        assertThat(r.enabled()).isTrue();
        assertThat(r.max()).isEqualTo(3);
        assertThat(r.backoff()).isEqualTo(Duration.ofMillis(100));
        assertThat(r.maxBackoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(r.on()).containsExactly("http_429", "http_500", "timeout_first_token");
    }

    @Test
    void badRetrySettingsAreNamed() {
        assertThat(problems("request:\n  retry: {max: 2, on: [429, rest]}\n")).singleElement().asString()
                .startsWith("t.yaml:3:29: request.retry.on[1]: expected an HTTP status such as 429 or an error kind")
                .endsWith("got 'rest' (did you mean 'reset'?)");
        assertThat(problems("request:\n  retry: {max: 50}\n")).singleElement().asString()
                .contains("request.retry.max: at most 10 retries; got 50");
    }

    @Test
    void everyRetryableKindIsAKindTheClientReports() throws Exception {
        for (String kind : RetrySpec.RETRYABLE_KINDS) {
            boolean found = false;
            for (var field : io.llmload.client.ErrorKind.class.getFields()) {
                if (kind.equals(field.get(null))) {
                    found = true;
                }
            }
            assertThat(found).as(kind).isTrue();
        }
    }
}

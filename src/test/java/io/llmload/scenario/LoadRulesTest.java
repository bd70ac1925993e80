package io.llmload.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadRulesTest {
    private static final String TARGET = "target: {url: embedded, model: m}\n";
    private final ScenarioLoader loader = new ScenarioLoader(new EnvSubstitution(Map.<String, String>of()::get));

    private Scenario load(String yaml) throws ScenarioException {
        return loader.loadText(TARGET + yaml, "t.yaml", List.of());
    }

    private List<String> problems(String yaml) {
        return ScenarioProblems.of(this::load, yaml);
    }

    @Test
    void openModel() throws ScenarioException {
        Scenario s = load("load: {rate: 20, arrival: gamma, burstiness: 0.5, max_in_flight: 64, duration: 10s}\n");
        assertThat(s.load().open()).isTrue();
        assertThat(s.load().rate()).isEqualTo(20.0);
        assertThat(s.load().concurrency()).isNull();
        assertThat(s.load().burstiness()).isEqualTo(0.5);
        assertThat(s.load().maxInFlight()).isEqualTo(64);
    }

    @Test
    void stagesSetTheDuration() throws ScenarioException {
        Scenario s = load("load:\n  stages:\n    - {duration: 10s, concurrency: 8, ramp: linear}\n    - {duration: 20s, concurrency: 8}\n");
        assertThat(s.load().duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.load().open()).isFalse();
        assertThat(s.load().stages()).extracting(StageSpec::linear).containsExactly(true, false);
    }

    @Test
    void autoWarmup() throws ScenarioException {
        Scenario s = load("load: {concurrency: 4, warmup: auto, steady_state: {window: 3s, max_cv: 0.05, max: 20s}}\n");
        assertThat(s.load().warmupAuto()).isTrue();
        assertThat(s.load().warmup()).isNull();
        assertThat(s.load().steadyState().window()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void oneModelAtATime() {
        assertThat(problems("load: {concurrency: 4, rate: 10}\n")).singleElement().asString()
                .contains("load.rate: set only one of concurrency (closed model), rate (open model), stages or trace");
        assertThat(problems("load:\n  stages:\n    - {duration: 5s, concurrency: 4}\n    - {duration: 5s, rate: 3}\n"))
                .singleElement().asString().contains("all stages use the same model");
        assertThat(problems("load:\n  stages: [{duration: 5s}]\n")).singleElement().asString().contains("give exactly one of concurrency or rate");
        assertThat(problems("load: {stages: [{duration: 5s, rate: 1}], duration: 9s}\n")).singleElement().asString()
                .contains("the stages set the duration");
    }

    @Test
    void openModelKeysNeedARate() {
        assertThat(problems("load: {concurrency: 4, arrival: poisson}\n")).singleElement().asString()
                .isEqualTo("t.yaml:2:24: load.arrival: applies to the open model only; set load.rate (or stages with rate)");
        assertThat(problems("load: {rate: 4, arrival: poisson, burstiness: 0.3}\n")).singleElement().asString()
                .contains("applies to arrival: gamma");
        assertThat(problems("load: {warmup: sometime}\n")).singleElement().asString()
                .contains("expected a duration such as 5s, or auto, got 'sometime'");
    }

    @Test
    void sweepsAndVariants() throws ScenarioException {
        Scenario s = load("sweep: {concurrency: [1, 2, 4]}\nrepeat: 3\ngoodput: {ttft: 500ms}\n");
        assertThat(s.sweep().concurrency()).containsExactly(1, 2, 4);
        assertThat(s.repeat()).isEqualTo(3);
        assertThat(s.goodput().ttft()).isEqualTo(Duration.ofMillis(500));
        Scenario f = load("load: {arrival: constant}\nsweep:\n  find_max: {rate_from: 1, rate_to: 50, until: ['ttft.p99 < 1s']}\n");
        assertThat(f.sweep().findMax().precision()).isEqualTo(1.0);
        Scenario v = load("variants:\n  order: interleaved\n  list:\n    - {name: a, set: {target.model: x}}\n    - {name: b}\n");
        assertThat(v.variants().interleaved()).isTrue();
        assertThat(v.variants().list()).extracting(VariantsSpec.Variant::name).containsExactly("a", "b");
        assertThat(v.variants().list().get(0).set()).containsKey("target.model");
    }

    @Test
    void traceReplayMayBeDistributed() throws ScenarioException {
        Scenario s = load("load: {trace: {path: scenarios/data/trace-sample.jsonl}}\ncluster: {agents: 2}\n");
        assertThat(s.load().trace()).isNotNull();
        assertThat(s.cluster().agents()).isEqualTo(2);
    }

    @Test
    void sweepRules() {
        assertThat(problems("sweep: {concurrency: [1], rate: [2]}\n")).singleElement().asString()
                .contains("give exactly one of concurrency, rate or find_max");
        assertThat(problems("sweep:\n  find_max: {rate_from: 9, rate_to: 3, until: ['ttft.p99 < 1s']}\n")).singleElement().asString()
                .contains("sweep.find_max.rate_to: must be above rate_from");
        assertThat(problems("sweep: {rate: [1]}\nvariants: {list: [{name: a}]}\n")).singleElement().asString()
                .contains("use either sweep or variants");
        assertThat(problems("variants: {list: [{name: a}, {name: a}]}\n")).singleElement().asString()
                .contains("duplicate variant name 'a'");
        assertThat(problems("variants: {order: zigzag, list: [{name: a}]}\n")).singleElement().asString()
                .contains("expected one of sequential, interleaved, got 'zigzag'");
    }
}

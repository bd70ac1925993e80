package io.llmload.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workload section: its three kinds, their keys, and the rules between them. */
class WorkloadScenarioTest {
    private static final String MINIMAL = "target:\n  url: http://127.0.0.1:8000/v1\n  model: m\n";
    private final ScenarioLoader loader = new ScenarioLoader(new EnvSubstitution(Map.<String, String>of()::get));

    @TempDir
    Path tmp;

    private Scenario load(String yaml) throws ScenarioException {
        return loader.loadText(yaml, "test.yaml", List.of());
    }

    private List<String> problems(String yaml) {
        return ScenarioProblems.of(this::load, yaml);
    }

    @Test
    void withNothingWrittenOneHelloIsSentAndNoOtherKindAppears() throws ScenarioException {
        Scenario s = load(MINIMAL);
        assertThat(s.workload().kind()).isEqualTo("messages");
        assertThat(s.workload().messages()).isEqualTo(Workload.DEFAULT_MESSAGES);
        assertThat(s.workload().tokenizer()).isEqualTo("cl100k_base");
        @SuppressWarnings("unchecked")
        Map<String, Object> workload = (Map<String, Object>) s.resolved().get("workload");
        assertThat(workload).containsOnlyKeys("tokenizer", "seed");
    }

    @Test
    void syntheticReadsItsDistributions() throws ScenarioException {
        Scenario s = load(MINIMAL + """
                request: {min_tokens: true, ignore_eos: true}
                workload:
                  synthetic:
                    input_tokens: {mean: 512, stddev: 64}
                    output_tokens: {min: 100, max: 300}
                    prefix_tokens: 128
                  tokenizer: o200k_base
                  seed: 9
                """);
        SyntheticSpec syn = s.workload().synthetic();
        assertThat(s.workload().kind()).isEqualTo("synthetic");
        assertThat(s.workload().messages()).isNull();
        assertThat(syn.inputTokens()).isEqualTo(new DistSpec(DistSpec.NORMAL, 512, 64, 0, Double.MAX_VALUE));
        assertThat(syn.outputTokens().kind()).isEqualTo(DistSpec.UNIFORM);
        assertThat(syn.prefixTokens()).isEqualTo(128);
        assertThat(s.workload().tokenizer()).isEqualTo("o200k_base");
        assertThat(s.request().minTokens()).isTrue();
        assertThat(s.request().ignoreEos()).isTrue();
        @SuppressWarnings("unchecked")
        Map<String, Object> workload = (Map<String, Object>) s.resolved().get("workload");
        assertThat(workload).containsKeys("synthetic", "tokenizer").doesNotContainKeys("messages", "dataset");
    }

    @Test
    void onlyOneKindMayBeGiven() {
        assertThat(problems(MINIMAL + """
                workload:
                  messages: [{role: user, content: hi}]
                  synthetic: {input_tokens: 100}
                  dataset: {path: x.jsonl}
                """)).contains(
                "test.yaml:6:14: workload.synthetic: give only one of messages, synthetic, dataset (found messages and synthetic and dataset)",
                "test.yaml:7:12: workload.dataset: give only one of messages, synthetic, dataset (found messages and synthetic and dataset)");
    }

    @Test
    void promptsLeaveRoomForThePrefixAndTheMarker() {
        assertThat(problems(MINIMAL + "workload:\n  synthetic: {input_tokens: 100, prefix_tokens: 100}\n")).containsExactly(
                "test.yaml:5:29: workload.synthetic.input_tokens: prompts need at least 104 tokens (prefix_tokens 100 + 4 for the"
                        + " marker that keeps each prompt distinct); got 100");
        assertThat(problems(MINIMAL + "workload:\n  synthetic: {input_tokens: {min: 2, max: 50}}\n")).singleElement().asString()
                .contains("prompts need at least 4 tokens").endsWith("got 2");
    }

    @Test
    void syntheticNeedsInputTokensAndKnowsItsKeys() {
        assertThat(problems(MINIMAL + "workload:\n  synthetic: {output_tokens: 10, prefix_tokenz: 3}\n")).containsExactlyInAnyOrder(
                "test.yaml:5:34: workload.synthetic.prefix_tokenz: unknown key 'prefix_tokenz' (did you mean 'prefix_tokens'?)",
                "test.yaml:5:14: workload.synthetic.input_tokens: missing required key 'input_tokens' (prompt length in tokens:"
                        + " 512, or {mean, stddev} or {min, max})");
        assertThat(problems(MINIMAL + "workload:\n  tokenizer: gpt2\n  synthetic: {input_tokens: 10}\n")).singleElement().asString()
                .startsWith("test.yaml:5:14: workload.tokenizer: expected one of cl100k_base, o200k_base");
    }

    @Test
    void minTokensNeedsAnOutputLength() {
        assertThat(problems(MINIMAL + "request: {min_tokens: true}\n")).containsExactly(
                "test.yaml:4:23: request.min_tokens: min_tokens is sent equal to max_tokens: set request.max_tokens"
                        + " (or workload.synthetic.output_tokens)");
    }

    @Test
    void aDatasetPathIsRelativeToTheScenarioFile() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("scenarios/data"));
        Files.writeString(dir.resolve("p.jsonl"), "{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}]}\n");
        Path file = tmp.resolve("scenarios/s.yaml");
        Files.writeString(file, MINIMAL + "workload:\n  dataset: {path: data/p.jsonl, format: openai, max_input_tokens: 100}\n");
        Scenario s = loader.load(file, List.of());
        assertThat(s.workload().dataset().path()).isEqualTo(dir.resolve("p.jsonl"));
        assertThat(s.workload().dataset().maxInputTokens()).isEqualTo(100);
        assertThat(s.workload().dataset().poolSize()).isEqualTo(10_000);
        assertThat(s.workload().dataset().outputTokens()).isEqualTo(DatasetSpec.OUTPUT_REQUEST);
        // given on the command line, a path is relative to the working directory
        Scenario flag = loader.load(file, List.of(Overrides.Override.parse("workload.dataset.path=" + dir.resolve("p.jsonl"))));
        assertThat(flag.workload().dataset().path()).isEqualTo(dir.resolve("p.jsonl"));
    }

    @Test
    void aMissingDatasetFileIsAProblemAtItsPath() {
        assertThat(problems(MINIMAL + "workload:\n  dataset: {path: nowhere.jsonl, format: sharegpt}\n")).containsExactly(
                "test.yaml:5:19: workload.dataset.path: dataset file not found or not readable: nowhere.jsonl");
        assertThat(problems(MINIMAL + "workload:\n  dataset: {path: a.json, format: alpaca}\n")).contains(
                "test.yaml:5:35: workload.dataset.format: expected one of openai, sharegpt, got 'alpaca'");
    }
}

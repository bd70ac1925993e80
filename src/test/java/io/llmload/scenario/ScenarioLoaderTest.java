package io.llmload.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScenarioLoaderTest {
    private static final String MINIMAL = "target:\n  url: http://127.0.0.1:8000/v1\n  model: m\n";

    private final ScenarioLoader loader = new ScenarioLoader(new EnvSubstitution(Map.of("HOST", "10.0.0.1", "API_TOKEN", "s3cret")::get));

    private Scenario load(String yaml) throws ScenarioException {
        return loader.loadText(yaml, "test.yaml", List.of());
    }

    private List<String> problems(String yaml) {
        return ScenarioProblems.of(this::load, yaml);
    }

    @Test
    void fillsDefaults() throws ScenarioException {
        Scenario s = load(MINIMAL);
        assertThat(s.name()).isEqualTo("test");
        assertThat(s.request().stream()).isTrue();
        assertThat(s.request().maxTokens()).isNull();
        assertThat(s.target().timeouts().connect()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.target().timeouts().firstToken()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.target().timeouts().idle()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.target().timeouts().total()).isEqualTo(Duration.ofSeconds(300));
        assertThat(s.target().http().version()).isEqualTo("1.1");
        assertThat(s.target().http().tlsVerify()).isTrue();
        assertThat(s.load().concurrency()).isEqualTo(1);
        assertThat(s.load().duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.load().requests()).isNull();
        assertThat(s.report().formats()).containsExactly("json", "html");
        assertThat(s.workload().messages()).hasSize(1);
    }

    @Test
    void readsEveryCoreKey() throws ScenarioException {
        Scenario s = load("""
                name: full
                target:
                  url: https://api.example.com/v1
                  model: big-model
                  api_key_env: MY_KEY
                  headers: {X-Team: perf}
                  timeouts: {connect: 2s, first_token: 1m, idle: 500ms, total: 1h}
                  http: {version: "2", max_connections: 64, tls_verify: false}
                request:
                  stream: false
                  max_tokens: 256
                  params: {temperature: 0.2, top_p: 0.9, stop: ["\\n"]}
                workload:
                  messages:
                    - {role: system, content: Be brief.}
                    - {role: user, content: Hi}
                  seed: 7
                load: {concurrency: 32, warmup: 5s, duration: 2m, requests: 1000}
                thresholds: ["ttft.p99 < 800ms"]
                report: {dir: out, formats: [json]}
                """);
        assertThat(s.name()).isEqualTo("full");
        assertThat(s.target().apiKeyEnv()).isEqualTo("MY_KEY");
        assertThat(s.target().headers()).containsEntry("X-Team", "perf");
        assertThat(s.target().timeouts().idle()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.target().timeouts().total()).isEqualTo(Duration.ofHours(1));
        assertThat(s.target().http().http2()).isTrue();
        assertThat(s.target().http().maxConnections()).isEqualTo(64);
        assertThat(s.request().stream()).isFalse();
        assertThat(s.request().params()).containsEntry("top_p", 0.9).containsEntry("stop", List.of("\n"));
        assertThat(s.workload().seed()).isEqualTo(7);
        assertThat(s.load().concurrency()).isEqualTo(32);
        assertThat(s.load().duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.load().requests()).isEqualTo(1000);
        assertThat(s.thresholds()).extracting(ThresholdSpec::expr).containsExactly("ttft.p99 < 800ms");
        assertThat(s.report().dir()).isEqualTo("out");
    }

    @Test
    void readsJson() throws ScenarioException {
        Scenario s = loader.loadText("{\"target\": {\"url\": \"embedded\", \"model\": \"m\"}, \"load\": {\"requests\": 5}}",
                "s.json", List.of());
        assertThat(s.target().embedded()).isTrue();
        assertThat(s.load().requests()).isEqualTo(5);
        assertThat(s.load().duration()).isNull();
    }

    @Test
    void misspelledKeyNamesLineColumnPathAndSuggestion() {
        assertThat(problems(MINIMAL + "load:\n  concurency: 8\n"))
                .containsExactly("test.yaml:5:3: load.concurency: unknown key 'concurency' (did you mean 'concurrency'?)");
    }

    @Test
    void misspelledTopLevelKey() {
        assertThat(problems(MINIMAL + "requests:\n  stream: true\n"))
                .containsExactly("test.yaml:4:1: requests: unknown key 'requests' (did you mean 'request'?)");
    }

    @Test
    void unknownKeyWithoutCloseMatchListsKnownKeys() {
        assertThat(problems(MINIMAL + "request:\n  banana: 1\n")).singleElement().asString()
                .startsWith("test.yaml:5:3: request.banana: unknown key 'banana'; known keys: stream, max_tokens, min_tokens, ignore_eos, params");
    }

    @Test
    void wrongTypes() {
        assertThat(problems(MINIMAL + "load:\n  concurrency: many\n  warmup: soon\nrequest:\n  stream: yes please\n"))
                .containsExactly(
                        "test.yaml:5:16: load.concurrency: expected an integer from 1 to 100000000, got 'many'",
                        "test.yaml:6:11: load.warmup: expected a duration such as 5s, or auto, got 'soon'",
                        "test.yaml:8:11: request.stream: expected true or false, got 'yes please'");
    }

    @Test
    void outOfRangeAndEnum() {
        assertThat(problems(MINIMAL.replace("model: m\n", "model: m\n  http: {version: \"3\"}\n") + "load: {concurrency: 0}\n"))
                .containsExactly(
                        "test.yaml:4:19: target.http.version: expected one of 1.1, 2, got '3'",
                        "test.yaml:5:21: load.concurrency: expected an integer from 1 to 100000000, got 0");
    }

    @Test
    void missingRequiredKeys() {
        assertThat(problems("target:\n  url: embedded\nload: {concurrency: 2}\n"))
                .containsExactly("test.yaml:2:3: target.model: missing required key 'model' (model name sent in every request)");
        assertThat(problems("load: {concurrency: 2}\n"))
                .containsExactly("test.yaml:1:1: target: missing required key 'target' (the endpoint under test)");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThat(problems("target: {url: ftp://x, modle: m}\nload: {duraton: 5s}\n")).hasSize(3);
    }

    @Test
    void syntaxErrorHasALocation() {
        assertThat(problems("target:\n  url: [unclosed\n")).singleElement().asString().startsWith("test.yaml:").contains("syntax error");
    }

    @Test
    void aTabIsPlacedWhereItIsAndSaidInOneLine() {
        assertThat(problems("name: x\n\ttarget: {url: embedded, model: m}\n")).singleElement().asString()
                .startsWith("test.yaml:2:1: syntax error: a tab, which YAML does not allow for indentation").doesNotContain("\n");
    }

    @Test
    void rejectsAFullChatCompletionsUrl() {
        assertThat(problems("target: {url: 'http://h:8000/v1/chat/completions', model: m}\n")).singleElement().asString()
                .contains("give the base URL; /chat/completions is appended (use 'http://h:8000/v1')");
    }

    @Test
    void rejectsAFullUrlOfEveryApi() {
        for (String api : new String[] {"completions", "embeddings", "rerank", "responses", "messages"}) {
            assertThat(problems("target: {url: 'http://h:8000/v2/" + api + "', model: m}\n")).as(api).singleElement().asString()
                    .contains("give the base URL; /" + api + " is appended for target.api " + api + " (use 'http://h:8000/v2')");
        }
    }

    @Test
    void substitutesEnvironmentVariables() throws ScenarioException {
        Scenario s = load("target:\n  url: http://${env:HOST}:${env:PORT:-8000}/v1\n  model: m\n"
                + "  headers: {X-Token: \"${env:API_TOKEN}\"}\n");
        assertThat(s.target().url()).isEqualTo("http://10.0.0.1:8000/v1");
        assertThat(s.target().headers()).containsEntry("X-Token", "s3cret");
        assertThat(s.target().secretHeaders()).containsExactly("X-Token");
        @SuppressWarnings("unchecked")
        Map<String, Object> target = (Map<String, Object>) s.resolved().get("target");
        assertThat(target.get("url")).isEqualTo("http://10.0.0.1:8000/v1");
        assertThat(target.get("headers").toString()).doesNotContain("s3cret").contains(ResolvedScenario.REDACTED);
    }

    @Test
    void unsetEnvironmentVariableIsAProblem() {
        assertThat(problems("target:\n  url: http://${env:NOPE}/v1\n  model: m\n")).singleElement().asString()
                .startsWith("test.yaml:2:15: target.url: environment variable NOPE is not set");
    }

    @Test
    void resolvedScenarioRedactsSecretHeaders() throws ScenarioException {
        Scenario s = load(MINIMAL.replace("model: m\n", "model: m\n  headers: {Authorization: Bearer abc123, X-Plain: visible}\n"));
        @SuppressWarnings("unchecked")
        Map<String, Object> headers = (Map<String, Object>) ((Map<String, Object>) s.resolved().get("target")).get("headers");
        assertThat(headers).containsEntry("Authorization", ResolvedScenario.REDACTED).containsEntry("X-Plain", "visible");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "load.concurrency=8|8",
        "load.concurrency= 12 |12"})
    void overridesApplyBeforeValidation(String set, int expected) throws ScenarioException {
        Scenario s = loader.loadText(MINIMAL, "t.yaml", List.of(Overrides.Override.parse(set)));
        assertThat(s.load().concurrency()).isEqualTo(expected);
    }

    @Test
    void anOverrideMayNameAVariableAndReplacesOneThatIsNotSet() throws ScenarioException {
        String unset = "target:\n  url: http://${env:NOT_SET_ANYWHERE}:8000/v1\n  model: m\n";
        Scenario s = loader.loadText(unset, "t.yaml", List.of(new Overrides.Override("target.url", "http://${env:HOST}:9000/v1", "--target"),
                new Overrides.Override("target.model", "m-${env:HOST}", "--model")));
        assertThat(s.target().url()).isEqualTo("http://10.0.0.1:9000/v1");
        assertThat(s.target().model()).isEqualTo("m-10.0.0.1");
    }

    @Test
    void aShellStyleReferenceInATargetValueIsAProblemNotALiteral() {
        assertThat(problems("target:\n  url: http://h:8000/v1\n  model: m\n  headers: {Authorization: \"Bearer ${MY_KEY}\"}\n"))
                .singleElement().asString().startsWith("test.yaml:4:")
                .contains("target.headers.Authorization: '${MY_KEY}' is not replaced here; write ${env:MY_KEY}");
    }

    @Test
    void badOverrideIsReportedAgainstTheFlag() throws ScenarioException {
        assertThatThrownBy(() -> loader.loadText(MINIMAL, "t.yaml", List.of(Overrides.Override.parse("load.concurency=8"))))
                .isInstanceOf(ScenarioException.class)
                .hasMessage("--set load.concurency=8: load.concurency: unknown key 'concurency' (did you mean 'concurrency'?)");
        assertThatThrownBy(() -> loader.loadText(MINIMAL, "t.yaml", List.of(Overrides.Override.parse("request.stream=maybe"))))
                .hasMessage("--set request.stream=maybe: request.stream: expected true or false, got 'maybe'");
    }

    @Test
    void overrideCanSetAList() throws ScenarioException {
        Scenario s = loader.loadText(MINIMAL, "t.yaml", List.of(Overrides.Override.parse("report.formats=[json]")));
        assertThat(s.report().formats()).containsExactly("json");
    }

    @Test
    void mockDistributions() throws ScenarioException {
        Scenario s = load(MINIMAL + "mock:\n  ttft: {mean: 200ms, stddev: 20ms}\n  itl: {min: 5ms, max: 15ms}\n  output_tokens: 32\n");
        assertThat(s.mock().ttft().kind()).isEqualTo(DistSpec.NORMAL);
        assertThat(s.mock().ttft().mean()).isEqualTo(200e6);
        assertThat(s.mock().itl().kind()).isEqualTo(DistSpec.UNIFORM);
        assertThat(s.mock().itl().mean()).isEqualTo(10e6);
        assertThat(s.mock().outputTokens()).isEqualTo(DistSpec.fixed(32));
    }
}

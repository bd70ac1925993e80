package io.llmload.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public API against the embedded mock on 127.0.0.1: a real, short run each. */
class LlmLoadTest {

    private static Scenario shortRun() {
        return Scenario.builder("api-test").target("embedded").model("mock-llm").concurrency(4).warmup("0s").duration("1s")
                .maxTokens(8).message("user", "hello").set("mock.ttft", "20ms").set("mock.itl", "2ms").set("mock.output_tokens", 8)
                .threshold("error_rate < 1%").build();
    }

    @Test
    void aBuiltScenarioRunsAndPassesItsChecks(@TempDir Path dir) throws Exception {
        RunResult r = LlmLoad.create().reportsTo(dir).run(shortRun()).toCompletableFuture().get(60, TimeUnit.SECONDS);

        assertThat(r.passed()).as(r.output()).isTrue();
        assertThat(r.verdict()).startsWith("PASS");
        assertThat(r.summary().requests().succeeded()).isPositive();
        assertThat(r.ttft().p50()).isGreaterThanOrEqualTo(15.0);
        assertThat(r.checks()).extracting(Check::expr).containsExactly("error_rate < 1%");
        assertThat(dir.resolve("report.json")).isRegularFile();
        assertThat(dir.resolve("report.html")).isRegularFile();
    }

    @Test
    void aFailedThresholdCarriesItsMeasuredValue(@TempDir Path dir) {
        RunResult r = LlmLoad.create().reportsTo(dir).runBlocking(shortRun().withThreshold("ttft.p50 < 1ms"));

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.failedChecks()).singleElement().satisfies(c -> {
            assertThat(c.expr()).isEqualTo("ttft.p50 < 1ms");
            assertThat(c.measured()).isGreaterThan(1.0);
        });
        assertThat(r.failureMessage()).contains("ttft.p50 < 1ms: FAILED, measured").contains(dir.toString());
    }

    @Test
    void anEmbeddingsRunHasNoFirstTokenButItsVectors(@TempDir Path dir) {
        Scenario s = Scenario.load("scenarios/api-embeddings.yaml").with("load.warmup", "0s").with("load.duration", "1s");
        RunResult r = LlmLoad.create().reportsTo(dir).runBlocking(s);

        assertThat(r.passed()).as(r.output()).isTrue();
        assertThat(r.summary().answersInTokens()).isFalse();
        assertThat(r.ttft()).as("embeddings have no first token: no TTFT, not a TTFT of 0").isNull();
        assertThat(r.e2e().p50()).isGreaterThanOrEqualTo(70.0); // the scenario's mock answers in 80 ms
        assertThat(r.summary().tokens().items()).isEqualTo(r.summary().requests().succeeded());
    }

    @Test
    void aLoadedScenarioTakesOverrides(@TempDir Path dir) throws Exception {
        Scenario s = Scenario.load("scenarios/quickstart.yaml").with("load.warmup", "0s").with("load.duration", "1s")
                .with("load.concurrency", "2");
        RunResult r = LlmLoad.create().reportsTo(dir).runBlocking(s);

        assertThat(r.passed()).as(r.output()).isTrue();
        assertThat(r.report().run()).isNotNull();
        assertThat(Files.size(dir.resolve("report.json"))).isPositive();
    }

    @Test
    void badInputIsAResultWithTheProblem(@TempDir Path dir) {
        RunResult r = LlmLoad.create().reportsTo(dir).runBlocking(Scenario.load("scenarios/quickstart.yaml").with("load.duration", "soon"));

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.report()).isNull();
        assertThat(r.failureMessage()).contains("load.duration");
    }

    @Test
    void aBaselineItRegressesAgainstFailsTheRun(@TempDir Path dir) {
        RunResult fast = LlmLoad.create().reportsTo(dir.resolve("fast")).runBlocking(shortRun());
        assertThat(fast.passed()).as(fast.output()).isTrue();

        RunResult slow = LlmLoad.create().reportsTo(dir.resolve("slow")).baseline(dir.resolve("fast/report.json"), "ttft.p50=10%")
                .runBlocking(shortRun().with("mock.ttft", "200ms"));

        assertThat(slow.exitCode()).as(slow.output()).isEqualTo(1);
        assertThat(slow.regressionChecks()).singleElement().satisfies(c -> assertThat(c.passed()).isFalse());
        assertThat(slow.output()).as("the API prints nothing of the CLI's console: no live view, no table").doesNotContain("\r")
                .contains("report: " + dir.resolve("slow").resolve("report.json"));
    }

    @Test
    void aBaselineThatIsNotThereIsBadInput(@TempDir Path dir) {
        RunResult r = LlmLoad.create().reportsTo(dir).baseline(dir.resolve("missing.json"), null).runBlocking(shortRun());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.failureMessage()).contains("report not found: " + dir.resolve("missing.json"));
        assertThat(dir.resolve("report.json")).doesNotExist();
    }
}

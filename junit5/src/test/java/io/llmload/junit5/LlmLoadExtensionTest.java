package io.llmload.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.llmload.api.RunResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** The extension on real short runs against the embedded mock, seen from the JUnit engine. */
class LlmLoadExtensionTest {

    @Test
    void aPassingScenarioPassesTheTestAndHandsOverItsResult() {
        Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(Passing.class)).execute().testEvents();

        events.assertStatistics(s -> s.started(1).succeeded(1).failed(0));
        assertThat(Path.of("target/llmload-reports/Passing.run/report.json")).isRegularFile();
        assertThat(Path.of("target/llmload-reports/Passing.run/report.html")).isRegularFile();
    }

    @Test
    void aFailedThresholdFailsTheTestWithTheMeasuredValue() {
        Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(Failing.class)).execute().testEvents();

        events.assertStatistics(s -> s.started(1).failed(1));
        Throwable t = events.failed().stream().findFirst().orElseThrow().getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).orElseThrow();
        assertThat(t).isInstanceOf(AssertionError.class).hasMessageContaining("ttft.p50 < 1ms: FAILED, measured")
                .hasMessageContaining("llmload-reports");
    }

    /** Run only through the test kit above. */
    static class Passing {
        @Test
        @LlmLoadTest("short.yaml")
        void run(RunResult result) {
            assertThat(result.summary().requests().succeeded()).isPositive();
            assertThat(result.checks()).hasSize(1);
        }
    }

    /** Run only through the test kit above. */
    static class Failing {
        @Test
        @LlmLoadTest(value = "short.yaml", thresholds = "ttft.p50 < 1ms")
        void run() {
        }
    }
}

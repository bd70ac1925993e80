package com.example.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmload.api.Check;
import io.llmload.api.LlmLoad;
import io.llmload.api.RunResult;
import io.llmload.api.Scenario;
import io.llmload.junit5.LlmLoadExtension;
import io.llmload.junit5.LlmLoadTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A real short benchmark against the embedded mock; its thresholds are the assertions. */
@ExtendWith(LlmLoadExtension.class) // for the LlmLoad parameter of javaApi; @LlmLoadTest registers it by itself
class ChatLatencyTest {

    /** The scenario's thresholds fail this test, with the measured value, when they do not hold. */
    @Test
    @LlmLoadTest("scenarios/ci-check.yaml")
    void meetsItsThresholds(RunResult result) {
        assertTrue(result.summary().requests().succeeded() > 0, "some requests answered");
        assertEquals(2, result.checks().size());
        for (Check c : result.checks()) {
            assertTrue(c.passed(), c.describe());
        }
        assertTrue(Files.isRegularFile(Path.of("target/llmload-reports/ChatLatencyTest.meetsItsThresholds/report.html")));
    }

    /** The same from plain Java: a tighter check of its own, judged by the test. */
    @Test
    void javaApi(LlmLoad llmload) {
        Scenario s = Scenario.load("scenarios/ci-check.yaml").with("load.duration", "1s").withThreshold("ttft.p50 < 1ms");
        RunResult r = llmload.runBlocking(s);
        assertEquals(1, r.exitCode(), r.output());
        Check tight = r.failedChecks().get(0);
        assertEquals("ttft.p50 < 1ms", tight.expr());
        assertTrue(tight.measured() >= 40, "the mock's 50 ms first token, measured: " + tight.measured());
    }
}

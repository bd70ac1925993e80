package io.llmload.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Keeps bench/run.sh's driver from rotting without running a benchmark: its self-test compiles
 * every module and renders the targets and tables of a made-up run with every suite (about a
 * second). Needs Debian's python3 (standard library only), which the benchmark needs anyway.
 */
class BenchHarnessSmokeTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @Test
    void theHarnessSelfTestPasses() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3 here");
        Process p = new ProcessBuilder(PYTHON.toString(), "-B", "bench/macro/selftest.py").redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("finished in time").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("harness self-test passed");
    }
}

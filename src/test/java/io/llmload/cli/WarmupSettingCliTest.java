package io.llmload.cli;

import static io.llmload.cli.CliTest.llmload;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which warmup a run uses and how the report says it: the default for a scenario that sets none
 * (a tenth of the measured time), and exactly what the file says otherwise, {@code 0s} included.
 * How the default keeps a cold process out of the numbers is {@link ColdStartIT}'s part.
 */
class WarmupSettingCliTest {
    @TempDir
    Path tmp;

    private JsonNode run(String load) throws Exception {
        Path scenario = tmp.resolve("warmup.yaml");
        Files.writeString(scenario, """
                name: warmup-setting
                target: {url: embedded, model: m}
                request: {max_tokens: 4}
                mock: {ttft: 5ms, itl: 1ms, output_tokens: 4}
                report: {formats: [json]}
                load: %s
                """.formatted(load));
        Path out = tmp.resolve("out");
        CliTest.Outcome o = llmload("run", scenario.toString(), "--out", out.toString());
        assertThat(o.code()).as(o.all()).isZero();
        return new ObjectMapper().readTree(out.resolve("report.json").toFile());
    }

    @Test
    void anExplicitZeroWarmupIsKept() throws Exception {
        JsonNode report = run("{rate: 20, duration: 2s, warmup: 0s}");
        assertThat(report.at("/run/warmup_s").asDouble()).isZero();
        assertThat(report.at("/run/steady_state/mode").asText()).isEqualTo("fixed");
        // the client's own pauses are on record with the collector that made them
        assertThat(report.at("/run/load/client_pauses/collector").asText()).isNotEmpty();
        assertThat(report.at("/run/load/client_pauses/count").isIntegralNumber()).isTrue();
    }

    @Test
    void aScenarioWithoutWarmupGetsTheDefaultAndTheReportSaysSo() throws Exception {
        JsonNode report = run("{rate: 20, duration: 2s}");
        assertThat(report.at("/run/warmup_s").asDouble()).isEqualTo(0.2);
        assertThat(report.at("/run/steady_state/mode").asText()).isEqualTo("default");
    }
}

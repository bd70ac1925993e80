package io.llmload.engine;

import io.llmload.cli.Main;
import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.scenario.EnvSubstitution;
import io.llmload.scenario.Scenario;
import io.llmload.scenario.ScenarioException;
import io.llmload.scenario.ScenarioLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run that needs more sockets than the process may open is refused up front, not left to fail inside Netty. */
class FileHandleCheckTest {
    @TempDir
    Path tmp;

    private static Scenario scenario(String yaml) throws ScenarioException {
        return new ScenarioLoader(new EnvSubstitution(Map.<String, String>of()::get)).loadText(yaml, "t.yaml", List.of());
    }

    @Test
    void theClosedModelsLargestLevelIsCountedAndTheEmbeddedMockTwice() throws ScenarioException {
        Scenario remote = scenario("target: {url: 'http://127.0.0.1:8000/v1', model: m}\nload:\n  stages:\n"
                + "    - {duration: 5s, concurrency: 10}\n    - {duration: 5s, concurrency: 900}\n");
        assertThat(FileHandleCheck.problem(remote, 1000)).isNull();
        assertThat(FileHandleCheck.problem(remote, 899)).startsWith("900 concurrent connections need about 900 file handles")
                .contains("ulimit -n");
        Scenario embedded = scenario("target: {url: embedded, model: m}\nload: {concurrency: 300}\n");
        assertThat(FileHandleCheck.problem(embedded, 599)).contains("about 600 file handles (the embedded mock's side included)");
        assertThat(FileHandleCheck.problem(embedded, 600)).isNull();
    }

    @Test
    void aConnectionCapAgentsAndTheOpenModelNeedFewerOrUnknown() throws ScenarioException {
        assertThat(FileHandleCheck.problem(scenario("target: {url: 'http://h:1/v1', model: m, http: {max_connections: 50}}\n"
                + "load: {concurrency: 5000}\n"), 100)).isNull();
        assertThat(FileHandleCheck.problem(scenario("target: {url: 'http://h:1/v1', model: m}\nload: {concurrency: 5000}\n"
                + "cluster: {agents: 10}\n"), 600)).isNull();
        assertThat(FileHandleCheck.problem(scenario("target: {url: 'http://h:1/v1', model: m}\nload: {rate: 5000}\n"), 10)).isNull();
    }

    @Test
    void aRealProcessUnderASmallUlimitIsRefusedWithExitTwo() throws Exception {
        Path file = Files.writeString(tmp.resolve("many.yaml"), "name: many\ntarget: {url: embedded, model: m}\nload: {concurrency: 1000, duration: 2s}\n");
        Path log = tmp.resolve("out.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "ulimit -n 600 && exec '" + java + "' -cp '" + System.getProperty("java.class.path") + "' " + Main.class.getName()
                + " run '" + file + "' --quiet --out '" + tmp.resolve("never") + "'";
        Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isEqualTo(2);
        assertThat(out).contains("1000 concurrent connections need about 2000 file handles").doesNotContain("Exception");
        assertThat(tmp.resolve("never")).doesNotExist();
    }
}

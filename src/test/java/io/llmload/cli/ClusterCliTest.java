package io.llmload.cli;

import static io.llmload.cli.CliTest.llmload;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distributed run's command line: every mistake is a one-line error before anything is sent. */
class ClusterCliTest {
    private static final Map<String, String> SECRET = Map.of("LLMLOAD_CLUSTER_SECRET", "s");

    @TempDir
    Path tmp;

    private String scenario(String yaml) throws IOException {
        Path file = tmp.resolve("s.yaml");
        Files.writeString(file, yaml);
        return file.toString();
    }

    private String plain() throws IOException {
        return scenario("target: {url: embedded, model: m}\nload: {concurrency: 4, requests: 8}\n");
    }

    @Test
    void theSharedSecretIsRequiredOnBothSides() throws Exception {
        CliTest.Outcome run = llmload("run", plain(), "--agents", "2");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("the cluster needs a shared secret: set LLMLOAD_CLUSTER_SECRET");
        CliTest.Outcome agent = llmload("agent", "--cluster-secret-env", "MY_SECRET");
        assertThat(agent.code()).isEqualTo(2);
        assertThat(agent.err()).contains("set MY_SECRET");
    }

    @Test
    void badMembersAndCountsAreUsageErrors() throws Exception {
        CliTest.Outcome port = llmload(SECRET, "run", plain(), "--agents", "2", "--join", "127.0.0.1:99999");
        assertThat(port.code()).isEqualTo(2);
        assertThat(port.err()).contains("cluster.join: '127.0.0.1:99999': the port must be a number from 1 to 65535");
        CliTest.Outcome dns = llmload(SECRET, "agent", "--join", "dns:svc,127.0.0.1:5701");
        assertThat(dns.code()).isEqualTo(2);
        assertThat(dns.err()).contains("dns:SERVICE stands alone");
        CliTest.Outcome zero = llmload(SECRET, "run", plain(), "--agents", "0");
        assertThat(zero.code()).isEqualTo(2);
        assertThat(zero.err()).contains("--agents 0").contains("cluster.agents");
        // the load limit is per agent: --agents raises it, and a load beyond it is refused before waiting for anyone
        CliTest.Outcome tooMuch = llmload(SECRET, "run", plain(), "--agents", "2", "--concurrency", "250000", "--join-timeout", "1s");
        assertThat(tooMuch.code()).isEqualTo(2);
        assertThat(tooMuch.err()).contains("--concurrency 250000: load.concurrency: 250000 users over 2 agents exceed 100000 each")
                .contains("use 3 agents");
        CliTest.Outcome agents = llmload(SECRET, "run", plain(), "--agents", "99999999999");
        assertThat(agents.code()).isEqualTo(2);
        assertThat(agents.err()).contains("--agents 99999999999: cluster.agents: expected an integer from 1 to 1000, got 99999999999");
        CliTest.Outcome noCount = llmload(SECRET, "run", plain(), "--join", "127.0.0.1:5701");
        assertThat(noCount.code()).isEqualTo(2);
        assertThat(noCount.err()).contains("cluster.agents");
    }

    @Test
    void aSecretValueInTheScenarioIsNeverSentToAgents() throws Exception {
        String file = scenario("""
                target: {url: "http://127.0.0.1:9/v1", model: m, headers: {Authorization: "Bearer sk-abc"}}
                load: {concurrency: 4}
                """);
        CliTest.Outcome o = llmload(SECRET, "run", file, "--agents", "2");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("target.headers.Authorization: a secret value is never sent to agents")
                .contains("target.api_key_env").doesNotContain("sk-abc");
    }

    @Test
    void agentsThatNeverComeGiveExit3AndAreNamedWhileTheCoordinatorNeedsNoApiKey() throws Exception {
        String file = scenario("""
                target: {url: "http://127.0.0.1:9/v1", model: m, api_key_env: SOME_KEY_NOBODY_SET}
                load: {concurrency: 4, duration: 1s}
                """);
        int nobody = freePort();
        CliTest.Outcome o = llmload(SECRET, "run", file, "--agents", "2", "--join-timeout", "1s", "--cluster-port", Integer.toString(freePort()),
                "--cluster-name", "cli-" + UUID.randomUUID(), "--join", "127.0.0.1:" + nobody, "--out", tmp.resolve("out").toString());
        assertThat(o.code()).as(o.all()).isEqualTo(3);
        assertThat(o.err()).contains("waited 1 s for 2 agent(s): none joined").contains("nobody is listening at 127.0.0.1:" + nobody)
                .contains("2 more agent(s) never answered").doesNotContain("SOME_KEY_NOBODY_SET");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

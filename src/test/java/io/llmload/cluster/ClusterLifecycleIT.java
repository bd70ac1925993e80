package io.llmload.cluster;

import static io.llmload.cluster.ClusterHarness.awaitCount;
import static io.llmload.cluster.ClusterHarness.awaitLine;
import static io.llmload.cluster.ClusterHarness.countOf;
import static io.llmload.cluster.ClusterHarness.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.cluster.ClusterHarness.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster's life with real processes (run by failsafe after the jar is built): an agent of another
 * version refused at join, an agent killed mid-run, a coordinator interrupted. It has a cluster of
 * its own ({@link ClusterHarness}), apart from {@link ClusterIT}'s, so the two classes run at once
 * and killing an agent here takes nothing from the runs there.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterLifecycleIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RELEASED = "released by the coordinator";

    @TempDir
    static Path tmp;
    private static ClusterHarness c;

    @BeforeAll
    static void startMockAndAgents() throws Exception {
        c = new ClusterHarness(tmp, false);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (c != null) {
            c.close();
        }
    }

    @Test
    @Order(5)
    void anAgentOfAnotherVersionIsRefusedAndMissingAgentsAreNamed() throws Exception {
        Path classes = tmp.resolve("other-version");
        Files.createDirectories(classes.resolve("io/llmload"));
        Files.writeString(classes.resolve("io/llmload/version.properties"), "version=0.0.1-other\ncommit=\n");
        Path log = tmp.resolve("agent-old.log");
        Process old = c.startAgent(log, List.of(classes.toString()), "old-agent", freePort());
        awaitLine(log, "waiting for work", 90);

        Run run = c.coordinate("refused", "load: {concurrency: 4, requests: 40}\n", tmp.resolve("refused"), "--agents", "4",
                "--join-timeout", "4s");
        assertThat(run.code()).as(run.output()).isEqualTo(3);
        assertThat(run.err()).contains("refused agent old-agent").contains("llmload 0.0.1-other").contains("waited 4 s for 4 agent(s)")
                .contains("3 joined").contains("missing: refused old-agent");
        awaitLine(log, "refused by the coordinator", 10);
        old.destroy();
        assertThat(old.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    @Order(6)
    void aKilledAgentLeavesAMarkedGapAndTheRunGoesOn() throws Exception {
        long servedBefore = c.mock.chatRequests();
        Path out = tmp.resolve("killed");
        int trials = countOf(c.agentLogs.get(2), "starting —");
        Run run = c.coordinate("killed", "load: {concurrency: 6, duration: 7s, warmup: 0s}\n", out, "--agents", "3", "--wait-for-start");
        awaitCount(c.agentLogs.get(2), "starting —", trials + 1, 60);
        Thread.sleep(2000); // a few seconds streamed, then the agent dies

        c.agents.get(2).destroyForcibly();
        assertThat(run.process().waitFor(60, TimeUnit.SECONDS)).as("the coordinator ends:\n%s", c.logs(run)).isTrue();
        run = run.finished();
        assertThat(run.code()).as("a lost agent alone does not fail the run: " + run.output()).isZero();
        JsonNode r = JSON.readTree(out.resolve("report.json").toFile());
        JsonNode gaps = r.at("/cluster/gaps");
        assertThat(gaps).hasSize(1);
        assertThat(gaps.get(0).get("agent").asText()).isEqualTo("agent-3");
        assertThat(gaps.get(0).get("t_s").asDouble()).as("its data stops about when it was killed").isBetween(0.5, 7.0);
        assertThat(gaps.get(0).get("detected_s").asDouble()).isGreaterThanOrEqualTo(gaps.get(0).get("t_s").asDouble());
        JsonNode killed = null;
        for (JsonNode a : r.at("/cluster/agents")) {
            assertThat(a.get("status").asText()).as(a.get("name").asText()).isEqualTo(a.get("name").asText().equals("agent-3") ? "lost" : "finished");
            if (a.get("name").asText().equals("agent-3")) {
                killed = a;
            }
        }
        assertThat(killed).isNotNull();
        long total = r.at("/summary/requests/total").asLong();
        long sumOfAgents = 0;
        for (JsonNode a : r.at("/cluster/agents")) {
            sumOfAgents += a.at("/summary/requests/total").asLong();
        }
        assertThat(total).isEqualTo(sumOfAgents);
        assertThat(killed.at("/summary/requests/total").asLong()).as("the lost agent's data before the gap").isPositive();
        assertThat(total).as("requests the killed agent had in flight were served but never reported")
                .isLessThanOrEqualTo(c.mock.chatRequests() - servedBefore);
        assertThat(run.out()).contains("GAP: agent agent-3 lost");
        assertThat(Files.readString(out.resolve("report.html"))).contains("agent-3").contains("lost from");
    }

    @Test
    @Order(7)
    void interruptingTheCoordinatorStopsEveryAgentAndStillWritesTheReport() throws Exception {
        Path out = tmp.resolve("interrupted");
        int trials = countOf(c.agentLogs.get(0), "starting —");
        int[] released = {countOf(c.agentLogs.get(0), RELEASED), countOf(c.agentLogs.get(1), RELEASED)};
        Run run = c.coordinate("interrupted", "load: {concurrency: 4, duration: 120s, warmup: 0s}\n", out, "--agents", "2", "--wait-for-start");
        awaitCount(c.agentLogs.get(0), "starting —", trials + 1, 60);
        Thread.sleep(2000);
        run.process().destroy(); // SIGTERM, handled like Ctrl-C
        assertThat(run.process().waitFor(40, TimeUnit.SECONDS)).as("the agents drain and report within the bound:\n%s", c.logs(run)).isTrue();
        run = run.finished();
        assertThat(run.code()).as(run.output()).isEqualTo(143);
        JsonNode r = JSON.readTree(out.resolve("report.json").toFile());
        assertThat(r.at("/run/interrupted").asBoolean()).isTrue();
        assertThat(r.at("/summary/requests/succeeded").asLong()).isPositive();
        assertThat(r.at("/cluster/agents")).hasSize(2);
        for (JsonNode a : r.at("/cluster/agents")) {
            assertThat(a.get("status").asText()).isEqualTo("finished");
        }
        for (int i = 0; i < 2; i++) {
            assertThat(countOf(c.agentLogs.get(i), RELEASED)).as("agent-%d released once more", i + 1).isEqualTo(released[i] + 1);
        }
    }
}

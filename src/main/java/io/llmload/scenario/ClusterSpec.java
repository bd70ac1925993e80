package io.llmload.scenario;

import static io.llmload.scenario.Shape.integer;
import static io.llmload.scenario.Shape.listOf;
import static io.llmload.scenario.Shape.obj;
import static io.llmload.scenario.Shape.optional;
import static io.llmload.scenario.Shape.required;
import static io.llmload.scenario.Shape.str;

import java.time.Duration;
import java.util.List;

/**
 * A distributed run ({@code cluster}): the coordinator joins a Hazelcast cluster, waits for
 * {@code agents} llmload agents, splits the load among them and merges what they measure. The
 * shared secret is never written here: only the name of the environment variable holding it.
 *
 * @param join         members to contact, {@code HOST:PORT} each (or {@code dns:NAME} for Kubernetes DNS discovery);
 *                     empty means this host's default ports
 * @param host         the interface the coordinator binds to (Hazelcast and the event bus)
 * @param agentTimeout an agent that sends nothing for this long mid-run is counted as lost
 */
public record ClusterSpec(int agents, List<String> join, String host, int port, int busPort, String name, String secretEnv,
                          Duration joinTimeout, Duration agentTimeout) {

    public static final String DEFAULT_SECRET_ENV = "LLMLOAD_CLUSTER_SECRET";
    /** Agents a distributed run may have: far beyond any test so far, small enough to bound the load a file may ask for. */
    public static final int MAX_AGENTS = 1000;

    public static final Shape.Obj SHAPE = obj(
            required("agents", integer(1, MAX_AGENTS), "number of llmload agents to wait for and split the load among"),
            optional("join", listOf(str()), List.of(), "cluster members to contact, HOST:PORT each, or dns:SERVICE (Kubernetes headless service)"),
            optional("host", str(), "127.0.0.1", "the interface the coordinator binds to; the cluster listens on no other"),
            optional("port", integer(1, 65535), 5701L, "first Hazelcast port to try (the next free one is taken)"),
            optional("bus_port", integer(0, 65535), 0L, "the event bus port (0: a free one); fix it to open a firewall"),
            optional("name", str(), "llmload", "cluster name; members of other clusters are not joined"),
            optional("secret_env", str(), DEFAULT_SECRET_ENV, "environment variable holding the shared secret agents require"),
            optional("join_timeout", Shape.duration(), "60s", "how long to wait for the agents to join"),
            optional("agent_timeout", Shape.duration(), "5s", "an agent silent this long during a run is counted as lost"));

    static ClusterSpec from(ObjView v) {
        return new ClusterSpec(Math.toIntExact(v.integer("agents")), v.list("join").stream()
                .map(n -> String.valueOf(((Node.ScalarNode) n).value())).toList(), v.str("host"),
                Math.toIntExact(v.integer("port")), Math.toIntExact(v.integer("bus_port")), v.str("name"), v.str("secret_env"), v.duration("join_timeout"),
                v.duration("agent_timeout"));
    }
}

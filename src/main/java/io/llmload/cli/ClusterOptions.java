package io.llmload.cli;

import io.llmload.cluster.ClusterSettings;
import io.llmload.engine.UsageException;
import io.llmload.scenario.ClusterSpec;
import io.llmload.scenario.Overrides;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How to join the cluster, shared by {@code agent} (where these are the settings) and
 * {@code run} (where they override the scenario's {@code cluster} keys).
 */
final class ClusterOptions {
    @Option(names = "--cluster-host", paramLabel = "IP",
            description = "the interface to bind and announce (default 127.0.0.1: this host only); nothing else is bound")
    String host;

    @Option(names = "--cluster-port", paramLabel = "PORT", description = "first Hazelcast port to try (default 5701; the next free one is taken)")
    Integer port;

    @Option(names = "--bus-port", paramLabel = "PORT", description = "the event bus port (default 0: a free one); fix it to open a firewall")
    Integer busPort;

    @Option(names = "--join", paramLabel = "HOST:PORT", split = ",",
            description = "members to contact, comma-separated (default: this host's ports 5701-5703); dns:SERVICE for Kubernetes")
    List<String> join;

    @Option(names = "--cluster-name", paramLabel = "NAME", description = "cluster name; members of other clusters are ignored (default llmload)")
    String name;

    @Option(names = "--cluster-secret-env", paramLabel = "VAR",
            description = "environment variable holding the shared secret (default " + ClusterSpec.DEFAULT_SECRET_ENV + ")")
    String secretEnv;

    /** The agent's settings: the flags, with the defaults for those not given. */
    ClusterSettings settings() {
        List<String> members = join == null ? List.of() : join.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        List<String> problems = ClusterSettings.problems(members);
        if (!problems.isEmpty()) {
            throw new UsageException("--join " + String.join("; ", problems));
        }
        return new ClusterSettings(host != null ? host : ClusterSettings.DEFAULT_HOST, port != null ? port : ClusterSettings.DEFAULT_PORT,
                members, name != null ? name : ClusterSettings.DEFAULT_NAME, busPort != null ? busPort : 0);
    }

    /** The shared secret from the environment; a usage error naming the variable when it is not set. */
    String secret(Console console) {
        return secret(console, secretEnv != null ? secretEnv : ClusterSpec.DEFAULT_SECRET_ENV);
    }

    static String secret(Console console, String variable) {
        String value = console.env().apply(variable);
        if (value == null || value.isBlank()) {
            throw new UsageException("the cluster needs a shared secret: set " + variable + " to the same value on every agent and"
                    + " the coordinator (or name another variable with --cluster-secret-env)");
        }
        return value.trim();
    }

    /** The flags given, as overrides of the scenario's {@code cluster} keys. */
    List<Overrides.Override> overrides() {
        List<Overrides.Override> out = new ArrayList<>();
        add(out, "--cluster-host", "cluster.host", host);
        add(out, "--cluster-port", "cluster.port", port == null ? null : port.toString());
        add(out, "--bus-port", "cluster.bus_port", busPort == null ? null : busPort.toString());
        if (join != null) {
            String list = String.join(",", join);
            out.add(new Overrides.Override("cluster.join", "[" + String.join(", ", join.stream().map(j -> "\"" + j.trim() + "\"").toList()) + "]",
                    "--join " + list));
        }
        add(out, "--cluster-name", "cluster.name", name);
        add(out, "--cluster-secret-env", "cluster.secret_env", secretEnv);
        return out;
    }

    private static void add(List<Overrides.Override> out, String flag, String path, String value) {
        if (value != null) {
            out.add(new Overrides.Override(path, value, flag + " " + value));
        }
    }
}

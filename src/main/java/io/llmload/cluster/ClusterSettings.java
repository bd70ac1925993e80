package io.llmload.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * How a process joins the llmload cluster: the interface it binds to (Hazelcast and the event bus
 * listen there and nowhere else), the first Hazelcast port to try, the members to contact and the
 * cluster's name. Discovery is Hazelcast TCP-IP with the listed members (never multicast), or
 * Kubernetes DNS lookup when a member is written {@code dns:SERVICE}.
 *
 * @param join    {@code HOST:PORT} members, or one {@code dns:SERVICE}; empty means {@code host} itself (ports 5701-5703)
 * @param busPort the event bus port; 0 picks a free one
 */
public record ClusterSettings(String host, int port, List<String> join, String name, int busPort) {

    public static final int DEFAULT_PORT = 5701;
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String DEFAULT_NAME = "llmload";
    private static final String DNS = "dns:";

    public ClusterSettings {
        join = List.copyOf(join);
    }

    /** The Kubernetes service named by a {@code dns:SERVICE} member, or null for TCP-IP members. */
    public String dnsService() {
        return join.size() == 1 && join.get(0).startsWith(DNS) ? join.get(0).substring(DNS.length()) : null;
    }

    /** The TCP-IP members to contact: the join list, or this host when it is empty. */
    public List<String> members() {
        return join.isEmpty() ? List.of(host) : join;
    }

    /**
     * Checks the join list: {@code HOST:PORT} entries (a bare host means its ports 5701-5703), or a
     * single {@code dns:SERVICE}. Returns the problems in words, empty when fine.
     */
    public static List<String> problems(List<String> join) {
        List<String> out = new ArrayList<>();
        for (String member : join) {
            if (member.startsWith(DNS)) {
                if (join.size() > 1) {
                    out.add("'" + member + "': dns:SERVICE stands alone (Kubernetes discovery), not beside other members");
                } else if (member.length() == DNS.length()) {
                    out.add("'" + member + "': name the headless service, e.g. dns:llmload-agents.default.svc.cluster.local");
                }
                continue;
            }
            int colon = member.lastIndexOf(':');
            if (member.isBlank() || member.contains(",") || member.contains(" ")) {
                out.add("'" + member + "': expected HOST:PORT, one member at a time");
            } else if (colon > 0 && !member.endsWith("]")) {
                String port = member.substring(colon + 1);
                if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                    out.add("'" + member + "': the port must be a number from 1 to 65535");
                }
            }
        }
        return out;
    }
}

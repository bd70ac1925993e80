package io.llmload.cluster;

/**
 * Event-bus addresses of the cluster protocol. A coordinator publishes {@link #DISCOVER} to find
 * agents; each agent listens on its own address for control requests; the coordinator of a
 * session listens on its own for hellos, results and draining notes, and on a second one for the
 * per-second intervals (a different codec).
 */
final class Addresses {
    static final String DISCOVER = "llmload.discover";

    private Addresses() {
    }

    static String agent(String nodeId) {
        return "llmload.agent." + nodeId;
    }

    static String coordinator(String session) {
        return "llmload.coordinator." + session;
    }

    static String intervals(String session) {
        return "llmload.coordinator." + session + ".intervals";
    }
}

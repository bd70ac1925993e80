package io.llmload.cluster;

/**
 * An agent a coordinator has claimed: its Vert.x node id, its Hazelcast address, what it said
 * about itself, and its clock's offset from the coordinator's.
 */
public record AgentHandle(String node, String address, Identity identity, ClockSync.Estimate clock) {

    public String name() {
        return identity.name();
    }
}

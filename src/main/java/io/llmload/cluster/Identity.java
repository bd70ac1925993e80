package io.llmload.cluster;

import io.llmload.result.Report;
import io.llmload.scenario.ScenarioSchema;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a member says about itself: its name, the tool version and commit, and the fingerprints
 * that must match for a coordinator and an agent to work together — the cluster protocol, the
 * scenario schema (the agent validates the scenario it is sent) and the report schema.
 */
public record Identity(String name, String version, String commit, int protocol, String schema, String host, int cpus,
                       String java) {

    /** The message format version; bumped when messages change incompatibly. */
    public static final int PROTOCOL = 1;

    /** This process, under {@code name}. */
    public static Identity local(String name, String version, String commit, String host) {
        return new Identity(name, version, commit, PROTOCOL, schemaFingerprint(), host, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
    }

    /** A short hash of the scenario JSON Schema and the report schema name. */
    public static String schemaFingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((ScenarioSchema.json() + "\n" + Report.SCHEMA).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Why {@code other} cannot work with this member, in words, or null when it can: tool version,
     * protocol and schemas must all be the same.
     */
    public String incompatibility(Identity other) {
        if (!version.equals(other.version)) {
            return "it runs llmload " + other.version + ", this coordinator llmload " + version + " (use the same version everywhere)";
        }
        if (protocol != other.protocol) {
            return "it speaks cluster protocol " + other.protocol + ", this coordinator " + protocol;
        }
        if (!schema.equals(other.schema)) {
            return "its scenario/report schema (" + other.schema + ") differs from this coordinator's (" + schema
                    + "): build both from the same commit";
        }
        return null;
    }

    public JsonObject toJson() {
        return new JsonObject().put("name", name).put("version", version).put("commit", commit).put("protocol", protocol)
                .put("schema", schema).put("host", host).put("cpus", cpus).put("java", java);
    }

    public static Identity fromJson(JsonObject j) {
        return new Identity(j.getString("name", "?"), j.getString("version", "?"), j.getString("commit", ""),
                j.getInteger("protocol", 0), j.getString("schema", "?"), j.getString("host", "?"), j.getInteger("cpus", 0),
                j.getString("java", "?"));
    }
}

package io.llmload.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One trial as an agent receives it: the run-level scenario and the scenario of each lane (one,
 * or one per interleaved variant) in {@link ScenarioWire}'s plain form with this agent's share of
 * the load already applied, this agent's part of each dataset as ready request bodies, and the
 * trial's variant slice and seed offset (a repeat's fresh arrivals).
 *
 * @param index        this agent's position among the {@code count} agents of the trial
 * @param shipRecords  send every request's record to the coordinator (its {@code requests.jsonl})
 * @param recordTokens the records carry their token gaps ({@code report.record_tokens})
 */
public record AgentWork(String trial, int index, int count, Map<String, Object> base, List<Lane> lanes, long sliceNanos,
                        long seedOffset, boolean shipRecords, boolean recordTokens) {

    /** One lane: its name, its scenario, and its dataset part or null. */
    public record Lane(String name, Map<String, Object> scenario, DatasetPart dataset) {
    }

    /**
     * This agent's entries of a dataset pool, encoded request bodies with their prompt lengths.
     * Agent {@code i} of {@code n} gets the pool's shuffled positions {@code i, i+n, i+2n, ...}, so
     * the agents send disjoint parts of the same seeded sample.
     */
    public record DatasetPart(List<String> bodies, List<Integer> promptTokens, String description) {
        /** Bytes of request bodies, for the size the message will have. */
        public long bytes() {
            return bodies.stream().mapToLong(String::length).sum();
        }
    }

    public JsonObject toJson() {
        JsonArray lanesJson = new JsonArray();
        for (Lane l : lanes) {
            JsonObject lane = new JsonObject().put("name", l.name()).put("scenario", new JsonObject(l.scenario()));
            if (l.dataset() != null) {
                lane.put("dataset", new JsonObject().put("bodies", new JsonArray(new ArrayList<>(l.dataset().bodies())))
                        .put("prompt_tokens", new JsonArray(new ArrayList<>(l.dataset().promptTokens())))
                        .put("description", l.dataset().description()));
            }
            lanesJson.add(lane);
        }
        return new JsonObject().put("trial", trial).put("index", index).put("count", count).put("base", new JsonObject(base))
                .put("lanes", lanesJson).put("slice_nanos", sliceNanos).put("seed_offset", seedOffset).put("ship_records", shipRecords)
                .put("record_tokens", recordTokens);
    }

    public static AgentWork fromJson(JsonObject j) {
        List<Lane> lanes = new ArrayList<>();
        for (Object o : j.getJsonArray("lanes")) {
            JsonObject lane = (JsonObject) o;
            JsonObject d = lane.getJsonObject("dataset");
            DatasetPart part = null;
            if (d != null) {
                List<String> bodies = new ArrayList<>();
                d.getJsonArray("bodies").forEach(b -> bodies.add((String) b));
                List<Integer> tokens = new ArrayList<>();
                d.getJsonArray("prompt_tokens").forEach(t -> tokens.add(((Number) t).intValue()));
                part = new DatasetPart(bodies, tokens, d.getString("description"));
            }
            lanes.add(new Lane(lane.getString("name"), lane.getJsonObject("scenario").getMap(), part));
        }
        return new AgentWork(j.getString("trial"), j.getInteger("index"), j.getInteger("count"), j.getJsonObject("base").getMap(),
                lanes, j.getLong("slice_nanos", 0L), j.getLong("seed_offset", 0L), j.getBoolean("ship_records", false),
                j.getBoolean("record_tokens", false));
    }
}

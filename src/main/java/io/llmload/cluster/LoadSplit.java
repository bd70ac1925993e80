package io.llmload.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Divides a scenario's load among agents, on the plain form of {@link ScenarioWire}: concurrency,
 * request budget, connection and in-flight limits are split as whole numbers with the remainder
 * spread over the first agents (10 users over 3 agents: 4, 3, 3); rates are divided exactly; every
 * stage is split the same way; a trace is not touched here (each agent replays a share of its
 * records, see {@code TraceRequests#share}). Each agent gets a distinct workload seed (agent 0 keeps the
 * scenario's), so synthetic prompts and open-model arrivals differ between agents: N independent
 * Poisson processes at rate R/N add up to one at rate R. Pure functions.
 */
public final class LoadSplit {
    private LoadSplit() {
    }

    /** A scenario that cannot be split this many ways (one agent would get no users). */
    public static final class SplitException extends Exception {
        private static final long serialVersionUID = 1L;

        SplitException(String message) {
            super(message);
        }
    }

    /** The share of {@code total} for agent {@code index} of {@code count}. */
    public static long share(long total, int index, int count) {
        return total / count + (index < total % count ? 1 : 0);
    }

    /** The seed of agent {@code index}: the scenario's for agent 0, a well-mixed distinct one for the others. */
    public static long seed(long seed, int index) {
        if (index == 0) {
            return seed;
        }
        long z = seed + index * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A copy of {@code scenario} (plain form) carrying agent {@code index}'s share of the load. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> forAgent(Map<String, Object> scenario, int index, int count) throws SplitException {
        Map<String, Object> out = deepCopy(scenario);
        Map<String, Object> load = (Map<String, Object>) out.computeIfAbsent("load", k -> new LinkedHashMap<>());
        if (!load.containsKey("concurrency") && !load.containsKey("rate") && !load.containsKey("stages") && !load.containsKey("trace")) {
            load.put("concurrency", 1L); // the closed model's default, made explicit so it can be checked
        }
        splitWhole(load, "concurrency", "load.concurrency", index, count, 1, "users");
        splitWhole(load, "requests", "load.requests", index, count, 1, "measured requests");
        splitWhole(load, "max_in_flight", "load.max_in_flight", index, count, 1, "requests in flight");
        if (load.get("rate") instanceof Number rate) {
            load.put("rate", rate.doubleValue() / count);
        }
        if (load.get("stages") instanceof List<?> stages) {
            List<Object> split = new ArrayList<>();
            for (Object s : stages) {
                Map<String, Object> stage = (Map<String, Object>) s;
                if (stage.get("concurrency") instanceof Number c) {
                    stage.put("concurrency", share(c.longValue(), index, count));
                }
                if (stage.get("rate") instanceof Number r) {
                    stage.put("rate", r.doubleValue() / count);
                }
                split.add(stage);
            }
            load.put("stages", split);
        }
        if (out.get("target") instanceof Map<?, ?> target && target.get("http") instanceof Map<?, ?> http
                && http.get("max_connections") instanceof Number max) {
            long each = Math.max(1, (max.longValue() + count - 1) / count);
            ((Map<String, Object>) http).put("max_connections", each);
        }
        Map<String, Object> workload = (Map<String, Object>) out.computeIfAbsent("workload", k -> new LinkedHashMap<>());
        long seed = workload.get("seed") instanceof Number n ? n.longValue() : 42L;
        if (index > 0) {
            workload.put("seed", seed(seed, index));
        }
        return out;
    }

    private static void splitWhole(Map<String, Object> load, String key, String path, int index, int count, long least, String what)
            throws SplitException {
        if (!(load.get(key) instanceof Number n)) {
            return;
        }
        long total = n.longValue();
        if (total < (long) least * count) {
            throw new SplitException(String.format(Locale.ROOT, "%s %d cannot be split among %d agents: each needs at least %d %s",
                    path, total, count, least, what));
        }
        load.put(key, share(total, index, count));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m) {
                out.put(k, deepCopy((Map<String, Object>) m));
            } else if (v instanceof List<?> l) {
                List<Object> copy = new ArrayList<>();
                l.forEach(item -> copy.add(item instanceof Map<?, ?> im ? deepCopy((Map<String, Object>) im) : item));
                out.put(k, copy);
            } else {
                out.put(k, v);
            }
        });
        return out;
    }
}

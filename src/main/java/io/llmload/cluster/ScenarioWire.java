package io.llmload.cluster;

import io.llmload.scenario.ResolvedScenario;
import io.llmload.scenario.Scenario;
import io.llmload.scenario.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The form in which a scenario travels to agents: its resolved values (every {@code --set},
 * flag and {@code ${env:...}} already applied on the coordinator) with the values that equal
 * their defaults left out, so the agent validates and binds it exactly like a file — defaults
 * such as {@code load.arrival} would otherwise be taken for keys written in a closed-model file.
 * The parts that concern only the coordinator (sweeps, variants, repeats, thresholds, reports,
 * the cluster itself) are dropped: an agent runs one trial at a time. Pure functions.
 */
public final class ScenarioWire {
    private static final List<String> COORDINATOR_ONLY = List.of("sweep", "variants", "repeat", "thresholds", "report", "cluster");

    private ScenarioWire() {
    }

    /** A deep copy of {@code resolved} for an agent. */
    public static Map<String, Object> forAgents(Map<String, Object> resolved) {
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) strip(resolved, Scenario.SHAPE);
        COORDINATOR_ONLY.forEach(out::remove);
        return out;
    }

    /**
     * The paths of values that were redacted as secrets (a header such as {@code Authorization},
     * or a value taken from a secret-looking environment variable). They are never sent to
     * agents, so a scenario with any cannot run distributed; the API key travels by name only.
     */
    public static List<String> secretPaths(Map<String, Object> resolved) {
        List<String> out = new ArrayList<>();
        collectSecrets(resolved, "", out);
        return out;
    }

    private static void collectSecrets(Object value, String path, List<String> out) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collectSecrets(v, path.isEmpty() ? String.valueOf(k) : path + "." + k, out));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                collectSecrets(list.get(i), path + "[" + i + "]", out);
            }
        } else if (ResolvedScenario.REDACTED.equals(value)) {
            out.add(path);
        }
    }

    private static Object strip(Object value, Shape shape) {
        if (shape instanceof Shape.Obj obj && value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                String key = String.valueOf(k);
                Shape.Field field = obj.field(key);
                if (field == null) {
                    out.put(key, copy(v));
                    return;
                }
                Object stripped = strip(v, field.shape());
                boolean emptySection = field.shape() instanceof Shape.Obj && stripped instanceof Map<?, ?> m && m.isEmpty();
                if (!emptySection && !sameValue(stripped, field.defaultValue())) {
                    out.put(key, stripped);
                }
            });
            return out;
        }
        // Lists (stages, messages) and free-form values travel whole: a stage's explicit default
        // (ramp: step) is harmless.
        return copy(value);
    }

    private static boolean sameValue(Object value, Object defaultValue) {
        if (value == null || defaultValue == null) {
            return value == defaultValue;
        }
        if (value instanceof Number a && defaultValue instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        return value.equals(defaultValue);
    }

    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(copy(v)));
            return out;
        }
        return value;
    }
}

package io.llmload.engine;

import io.llmload.scenario.Overrides;
import java.util.List;

/**
 * Overrides that switch the load model: setting a concurrency clears any rate, stages, trace and
 * open-model settings, and setting a rate clears any concurrency, stages and trace, so a flag or
 * sweep point never clashes with what the file says.
 */
public final class LoadLevel {
    private LoadLevel() {
    }

    public static List<Overrides.Override> concurrency(String value, String origin) {
        return List.of(new Overrides.Override("load.rate", "null", origin), new Overrides.Override("load.stages", "null", origin),
                new Overrides.Override("load.trace", "null", origin),
                new Overrides.Override("load.arrival", "null", origin), new Overrides.Override("load.burstiness", "null", origin),
                new Overrides.Override("load.max_in_flight", "null", origin), new Overrides.Override("load.concurrency", value, origin));
    }

    public static List<Overrides.Override> rate(String value, String origin) {
        return List.of(new Overrides.Override("load.concurrency", "null", origin), new Overrides.Override("load.stages", "null", origin),
                new Overrides.Override("load.trace", "null", origin), new Overrides.Override("load.rate", value, origin));
    }
}

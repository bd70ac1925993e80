package io.llmload.engine;

import io.llmload.scenario.EnvSubstitution;
import io.llmload.scenario.Overrides;
import io.llmload.scenario.Scenario;
import io.llmload.scenario.ScenarioException;
import io.llmload.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A scenario file with the command line's overrides, from which derived scenarios (a sweep
 * point, a variant, a search probe) are loaded with more overrides and validated like the file.
 */
public record ScenarioSource(Path file, List<Overrides.Override> overrides, Function<String, String> env) {

    public Scenario load() throws ScenarioException {
        return derive(List.of());
    }

    public Scenario derive(List<Overrides.Override> extra) throws ScenarioException {
        List<Overrides.Override> all = new ArrayList<>(overrides);
        all.addAll(extra);
        return new ScenarioLoader(new EnvSubstitution(env)).load(file, all);
    }
}

package io.llmload.workload;

import com.knuddels.jtokkit.api.Encoding;
import io.llmload.client.Tokenizers;
import io.llmload.scenario.Scenario;
import io.llmload.scenario.ScenarioException;
import io.llmload.scenario.Workload;

/**
 * Builds the {@link RequestSource} a scenario's {@code workload} describes. Loading a tokenizer and
 * reading a dataset block, so call it while planning, never on an event loop.
 */
public final class Workloads {
    private Workloads() {
    }

    public static RequestSource create(Scenario scenario) throws ScenarioException {
        Workload w = scenario.workload();
        BodyTemplate template = BodyTemplate.of(scenario.target().model(), scenario.request());
        Encoding encoding = Tokenizers.encoding(w.tokenizer());
        if (w.synthetic() != null) {
            return new SyntheticPrompts(w.synthetic(), template, encoding, w.tokenizer(), w.seed());
        }
        if (w.dataset() != null) {
            return DatasetSource.load(w.dataset(), template, encoding, w.tokenizer(), w.seed());
        }
        return new FixedMessages(template, w.messages(), encoding, w.tokenizer());
    }
}

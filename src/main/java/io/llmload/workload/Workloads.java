package io.llmload.workload;

import com.knuddels.jtokkit.api.Encoding;
import io.llmload.client.Api;
import io.llmload.client.Tokenizers;
import io.llmload.scenario.DistSpec;
import io.llmload.scenario.Scenario;
import io.llmload.scenario.ScenarioException;
import io.llmload.scenario.SyntheticSpec;
import io.llmload.scenario.Workload;

/**
 * Builds the {@link RequestSource} a scenario's {@code workload} describes: single requests or
 * {@link Conversations}, replayed from a trace when {@code load.trace} is set. Loading a tokenizer
 * and reading a dataset or a trace block, so call it while planning, never on an event loop.
 */
public final class Workloads {
    private Workloads() {
    }

    public static RequestSource create(Scenario scenario) throws ScenarioException {
        Workload w = scenario.workload();
        Api api = Api.of(scenario.target().api());
        BodyTemplate template = BodyTemplate.of(scenario.target().model(), scenario.request(), api,
                api == Api.RERANK ? RerankDocuments.of(scenario.request(), w.seed()) : java.util.List.of());
        Encoding encoding = Tokenizers.encoding(w.tokenizer());
        RequestSource source = w.conversation() != null ? conversations(w, template, encoding) : single(w, template, encoding);
        if (scenario.load().trace() != null) {
            // Records of recorded lengths get synthetic prompts: the workload's own settings when it is synthetic.
            return TraceRequests.load(scenario.load().trace(), source, () -> source instanceof SyntheticPrompts s ? s
                    : new SyntheticPrompts(new SyntheticSpec(DistSpec.fixed(SyntheticSpec.MARKER_TOKENS), null, 0), template, encoding,
                            w.tokenizer(), w.seed()), template);
        }
        return source;
    }

    /** How the workload's requests are abandoned by their users ({@link CancelPlan#NONE} when never). */
    public static CancelPlan cancels(Scenario scenario, long seedOffset) {
        Workload w = scenario.workload();
        return w.cancel() == null ? CancelPlan.NONE : new CancelPlan(w.cancel(), w.seed() + seedOffset);
    }

    private static RequestSource single(Workload w, BodyTemplate template, Encoding encoding) throws ScenarioException {
        if (w.synthetic() != null) {
            return new SyntheticPrompts(w.synthetic(), template, encoding, w.tokenizer(), w.seed());
        }
        if (w.dataset() != null) {
            return DatasetSource.load(w.dataset(), template, encoding, w.tokenizer(), w.seed());
        }
        return new FixedMessages(template, w.messages(), encoding, w.tokenizer());
    }

    private static RequestSource conversations(Workload w, BodyTemplate template, Encoding encoding) throws ScenarioException {
        ConversationScript script;
        if (w.synthetic() != null) {
            script = new SyntheticConversations(new SyntheticPrompts(w.synthetic(), template, encoding, w.tokenizer(), w.seed()),
                    w.conversation().userTokens());
        } else if (w.dataset() != null) {
            script = DatasetSource.loadConversations(w.dataset(), encoding, w.tokenizer(), w.seed());
        } else {
            script = new FixedConversations(w.messages(), encoding);
        }
        return new Conversations(script, template, w.conversation(), w.seed(), w.tokenizer());
    }
}

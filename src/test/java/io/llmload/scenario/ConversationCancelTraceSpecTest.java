package io.llmload.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys of conversations, cancellations and trace replay, their defaults and the rules between them. */
class ConversationCancelTraceSpecTest {
    private static final String TARGET = "target: {url: embedded, model: m}\n";
    private final ScenarioLoader loader = new ScenarioLoader(new EnvSubstitution(Map.<String, String>of()::get));

    @TempDir
    Path tmp;
    private Path trace;

    @BeforeEach
    void traceFile() throws Exception {
        trace = tmp.resolve("t.jsonl");
        Files.writeString(trace, "{\"timestamp_ms\": 0}\n");
    }

    private Scenario load(String yaml) throws ScenarioException {
        Path file = tmp.resolve("s.yaml");
        try {
            Files.writeString(file, TARGET + yaml);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return loader.load(file, List.of());
    }

    private List<String> problems(String yaml) {
        return ScenarioProblems.of(this::load, yaml);
    }

    @Test
    void conversationsReadTheirTurnsThinkTimeAndUserTokens() throws ScenarioException {
        Scenario s = load("""
                workload:
                  synthetic: {input_tokens: 200}
                  conversation: {turns: {min: 2, max: 6}, think_time: {mean: 2s, stddev: 500ms}, user_tokens: 30}
                """);
        ConversationSpec c = s.workload().conversation();
        assertThat(c.turns().kind()).isEqualTo(DistSpec.UNIFORM);
        assertThat(c.maxTurns()).isEqualTo(6);
        assertThat(c.thinkTime()).isEqualTo(new DistSpec(DistSpec.NORMAL, 2e9, 5e8, 0, Double.MAX_VALUE));
        assertThat(c.userTokens()).isEqualTo(DistSpec.fixed(30));
        ConversationSpec plain = load("workload: {conversation: {turns: 3}}\n").workload().conversation();
        assertThat(plain.maxTurns()).isEqualTo(3);
        assertThat(plain.thinkTime()).isEqualTo(DistSpec.fixed(0));
        assertThat(plain.userTokens()).isNull();
        assertThat(load("workload: {messages: [{role: user, content: hi}]}\n").workload().conversation()).isNull();
    }

    @Test
    void conversationRules() {
        assertThat(problems("workload: {conversation: {turns: {mean: 4, stddev: 1}}}\n")).singleElement().asString()
                .contains("workload.conversation.turns: give the most turns a conversation can have");
        assertThat(problems("workload: {conversation: {turns: 0}}\n")).singleElement().asString()
                .contains("a conversation has 1 to 1000 turns; got 0");
        assertThat(problems("workload: {conversation: {turns: 2, user_tokens: 20}}\n")).singleElement().asString()
                .contains("s.yaml:2:").contains("workload.conversation.user_tokens: applies to synthetic workloads only");
        assertThat(problems("workload: {conversation: {turns: 2}}\nload: {trace: {path: t.jsonl}}\n")).singleElement().asString()
                .contains("workload.conversation: a trace's records are its requests");
    }

    @Test
    void cancelReadsItsFractionAndWhen() throws ScenarioException {
        CancelSpec byTokens = load("workload: {cancel: {fraction: 0.25, after: {tokens: {min: 5, max: 50}}}}\n").workload().cancel();
        assertThat(byTokens.fraction()).isEqualTo(0.25);
        assertThat(byTokens.after().tokens().kind()).isEqualTo(DistSpec.UNIFORM);
        assertThat(byTokens.after().time()).isNull();
        CancelSpec byTime = load("workload: {cancel: {fraction: 1, after: {time: 2s}}}\n").workload().cancel();
        assertThat(byTime.after().time()).isEqualTo(DistSpec.fixed(Duration.ofSeconds(2).toNanos()));
    }

    @Test
    void cancelRules() {
        assertThat(problems("workload: {cancel: {fraction: 0.1, after: {tokens: 5, time: 1s}}}\n")).singleElement().asString()
                .contains("workload.cancel.after: give exactly one of tokens or time");
        assertThat(problems("workload: {cancel: {fraction: 0.1, after: {}}}\n")).singleElement().asString()
                .contains("give exactly one of tokens or time");
        assertThat(problems("request: {stream: false}\nworkload: {cancel: {fraction: 0.1, after: {tokens: 5}}}\n")).singleElement()
                .asString().contains("workload.cancel.after.tokens: tokens are counted as they stream");
        assertThat(problems("workload: {cancel: {fraction: 1.5, after: {time: 1s}}}\n")).singleElement().asString()
                .contains("workload.cancel.fraction");
        assertThat(problems("workload: {cancel: {fraction: 0.1, after: {tokns: 5}}}\n")).first().asString().contains("tokens");
    }

    @Test
    void aTraceIsAnOpenModelBoundedByItsEnd() throws ScenarioException {
        Scenario s = load("load: {trace: {path: t.jsonl, time_scale: 0.5}, warmup: 2s, max_in_flight: 64}\n");
        assertThat(s.load().trace().path()).isEqualTo(trace);
        assertThat(s.load().trace().timeScale()).isEqualTo(0.5);
        assertThat(s.load().open()).isTrue();
        assertThat(s.load().duration()).as("runs to the trace's end").isNull();
        assertThat(s.load().concurrency()).isNull();
        assertThat(load("load: {trace: {path: t.jsonl}, duration: 30s}\n").load().duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(load("load: {trace: {path: t.jsonl}}\n").load().trace().timeScale()).isEqualTo(1.0);
    }

    @Test
    void traceRules() {
        assertThat(problems("load: {trace: {path: t.jsonl}, rate: 5}\n")).singleElement().asString()
                .contains("set only one of concurrency (closed model), rate (open model), stages or trace; found rate and trace");
        assertThat(problems("load: {trace: {path: t.jsonl}, arrival: poisson}\n")).singleElement().asString()
                .contains("load.arrival: a trace sets the arrival times");
        assertThat(problems("load: {trace: {path: t.jsonl}, warmup: auto}\n")).singleElement().asString()
                .contains("load.warmup: a trace is replayed at its recorded times");
        assertThat(problems("load: {trace: {path: missing.jsonl}}\n")).singleElement().asString()
                .contains("load.trace.path: trace file not found or not readable: " + tmp.resolve("missing.jsonl"));
        assertThat(problems("load: {trace: {path: t.jsonl, time_scale: 0}}\n")).singleElement().asString()
                .contains("load.trace.time_scale");
        assertThat(problems("load: {trace: {path: t.jsonl}}\nsweep: {rate: [1, 2]}\n")).anySatisfy(p -> assertThat(p)
                .contains("sweep: a trace sets its own times"));
        assertThat(problems("load: {trace: {path: t.jsonl}}\nvariants: {order: interleaved, list: [{name: a}, {name: b}]}\n"))
                .singleElement().asString().contains("variants.order: a trace is replayed whole");
    }
}

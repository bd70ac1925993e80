package io.llmload.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.client.Tokenizers;
import io.llmload.scenario.DatasetSpec;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A distributed run's dataset parts: disjoint, together the whole pool, each sent in the pool's seeded order. */
class DatasetPartTest {
    @TempDir
    Path tmp;

    private DatasetSource load(int entries) throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < entries; i++) {
            b.append("{\"messages\": [{\"role\": \"user\", \"content\": \"question number ").append(i).append("\"}]}\n");
        }
        Path f = tmp.resolve("d" + entries + ".jsonl");
        Files.writeString(f, b);
        return DatasetSource.load(new DatasetSpec(f, "openai", null, 1000, DatasetSpec.OUTPUT_REQUEST),
                new BodyTemplate("m", true, 16, false, false, Map.of()), Tokenizers.encoding("cl100k_base"), "cl100k_base", 3);
    }

    @Test
    void partsAreDisjointAndTogetherThePool() throws Exception {
        DatasetSource whole = load(10);
        List<String> order = new ArrayList<>();
        for (int i = 0; i < whole.size(); i++) {
            order.add(whole.body(i).toString());
        }
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (int p = 0; p < 3; p++) {
            DatasetSource.Part part = whole.part(p, 3);
            List<String> bodies = part.bodies().stream().map(Buffer::toString).toList();
            assertThat(bodies).hasSize(p == 0 ? 4 : 3);
            for (int k = 0; k < bodies.size(); k++) {
                assertThat(bodies.get(k)).as("part %d takes positions %d, %d, ...", p, p, p + 3).isEqualTo(order.get(p + 3 * k));
            }
            seen.addAll(bodies);
            total += bodies.size();
            DatasetSource agent = DatasetSource.of(part, "part " + p);
            assertThat(agent.body(0).toString()).isEqualTo(bodies.get(0));
            assertThat(agent.body(bodies.size()).toString()).as("cycles").isEqualTo(bodies.get(0));
            assertThat(agent.inputTokens().tokenizer()).isEqualTo("cl100k_base");
        }
        assertThat(seen).hasSize(10);
        assertThat(total).isEqualTo(10);
    }

    @Test
    void moreAgentsThanEntriesShareThem() throws Exception {
        DatasetSource whole = load(2);
        assertThat(whole.part(4, 5).bodies()).hasSize(1);
        assertThat(whole.part(4, 5).promptTokens()).hasSize(1);
    }
}

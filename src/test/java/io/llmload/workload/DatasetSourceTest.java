package io.llmload.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import io.llmload.client.Tokenizers;
import io.llmload.scenario.DatasetSpec;
import io.llmload.scenario.Problem;
import io.llmload.scenario.ScenarioException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetSourceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Encoding ORACLE = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    private static final BodyTemplate TEMPLATE = new BodyTemplate("m", true, 77, false, false, Map.of());

    @TempDir
    Path tmp;

    private Path file(String name, String text) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private static DatasetSource load(Path file, String format, Long maxInput, int pool, String output, long seed) throws ScenarioException {
        return DatasetSource.load(new DatasetSpec(file, format, maxInput, pool, output), TEMPLATE, Tokenizers.encoding("cl100k_base"),
                "cl100k_base", seed);
    }

    private static List<String> problems(Path file, String format) {
        try {
            load(file, format, null, 100, DatasetSpec.OUTPUT_REQUEST, 1);
        } catch (ScenarioException e) {
            return e.problems().stream().map(Problem::toString).toList();
        }
        throw new AssertionError("expected problems in " + file);
    }

    private static JsonNode body(DatasetSource s, long seq) throws IOException {
        return JSON.readTree(s.body(seq).getBytes());
    }

    private static String userText(JsonNode body) {
        JsonNode messages = body.get("messages");
        return messages.get(messages.size() - 1).get("content").asText();
    }

    @Test
    void openaiLinesBecomeRequestsAndATrailingAssistantMessageIsTheReference() throws Exception {
        Path f = file("chat.jsonl", """
                {"messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "one"}], "id": 7}

                {"messages": [{"role": "user", "content": "two"}, {"role": "assistant", "content": "a reference answer of some length"}]}
                {"messages": [{"role": "user", "content": [{"type": "text", "text": "three"}]}], "max_tokens": 5}
                """);
        DatasetSource s = load(f, DatasetSpec.OPENAI, null, 100, DatasetSpec.OUTPUT_REFERENCE, 1);
        assertThat(s.size()).isEqualTo(3);
        Map<String, JsonNode> byPrompt = new java.util.HashMap<>();
        for (long seq = 0; seq < 3; seq++) {
            JsonNode b = body(s, seq);
            String last = b.get("messages").get(b.get("messages").size() - 1).get("content").toString();
            byPrompt.put(last, b);
        }
        JsonNode one = byPrompt.get("\"one\"");
        assertThat(one.get("messages")).hasSize(2);
        assertThat(one.get("max_tokens").asInt()).as("no reference: request.max_tokens").isEqualTo(77);
        JsonNode two = byPrompt.get("\"two\"");
        assertThat(two.get("messages")).as("the assistant message is not sent").hasSize(1);
        assertThat(two.get("max_tokens").asInt()).isEqualTo(ORACLE.countTokensOrdinary("a reference answer of some length"));
        JsonNode three = byPrompt.get("[{\"type\":\"text\",\"text\":\"three\"}]");
        assertThat(three.get("max_tokens").asInt()).isEqualTo(5);
        assertThat(s.description()).contains("3 entries read").contains("3 in the pool");
    }

    @Test
    void withOutputTokensRequestEveryRequestUsesRequestMaxTokens() throws Exception {
        Path f = file("chat.jsonl", "{\"messages\": [{\"role\": \"user\", \"content\": \"q\"}, {\"role\": \"assistant\", \"content\": \"long answer\"}], \"max_tokens\": 5}\n");
        DatasetSource s = load(f, DatasetSpec.OPENAI, null, 100, DatasetSpec.OUTPUT_REQUEST, 1);
        assertThat(body(s, 0).get("max_tokens").asInt()).isEqualTo(77);
    }

    @Test
    void sharegptArraysAndLinesBothWork() throws Exception {
        String[] entries = {
            "{\"conversations\": [{\"from\": \"system\", \"value\": \"sys\"}, {\"from\": \"human\", \"value\": \"hello there\"},"
                + " {\"from\": \"gpt\", \"value\": \"general kenobi\"}, {\"from\": \"human\", \"value\": \"later\"}]}",
            "{\"conversations\": []}",
            "{\"conversations\": [{\"from\": \"gpt\", \"value\": \"hi\"}, {\"from\": \"human\", \"value\": \"\"}, {\"from\": \"human\", \"value\": \"second\"}]}",
            "{\"id\": \"x\", \"conversations\": [{\"from\": \"gpt\", \"value\": \"only the model speaks\"}]}",
        };
        Path array = file("s.json", "[\n" + String.join(",\n", entries) + "\n]\n");
        Path lines = file("s.jsonl", String.join("\n", entries) + "\n");
        for (Path f : List.of(array, lines)) {
            DatasetSource s = load(f, DatasetSpec.SHAREGPT, null, 100, DatasetSpec.OUTPUT_REFERENCE, 1);
            assertThat(s.size()).as(f.toString()).isEqualTo(2);
            assertThat(s.description()).contains("2 without a user prompt skipped");
            Set<String> prompts = new HashSet<>();
            for (long seq = 0; seq < 2; seq++) {
                JsonNode b = body(s, seq);
                prompts.add(userText(b));
                if (userText(b).equals("hello there")) {
                    assertThat(b.get("messages").get(0).get("role").asText()).isEqualTo("system");
                    assertThat(b.get("messages")).as("later turns are not sent").hasSize(2);
                    assertThat(b.get("max_tokens").asInt()).isEqualTo(ORACLE.countTokensOrdinary("general kenobi"));
                } else {
                    assertThat(b.get("messages")).hasSize(1);
                    assertThat(b.get("max_tokens").asInt()).as("no reply after it: request.max_tokens").isEqualTo(77);
                }
            }
            assertThat(prompts).containsExactlyInAnyOrder("hello there", "second");
        }
    }

    @Test
    void badOpenaiLinesAreReportedWithFileAndLine() throws Exception {
        Path f = file("bad.jsonl", String.join("\n",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"fine\"}]}",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"fine\"}",
                "[1, 2]",
                "{\"prompt\": \"no messages\"}",
                "{\"messages\": [{\"role\": \"bot\", \"content\": \"x\"}]}",
                "{\"messages\": [{\"role\": \"user\", \"content\": 5}]}",
                "{\"messages\": [{\"role\": \"assistant\", \"content\": \"alone\"}]}",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"max_tokens\": 0}",
                ""));
        String name = f.toString();
        List<String> problems = problems(f, DatasetSpec.OPENAI);
        assertThat(problems).hasSize(7);
        assertThat(problems.get(0)).startsWith(name + ":2:").contains("workload.dataset: not valid JSON");
        assertThat(problems.get(1)).isEqualTo(name + ":3:1: workload.dataset: expected a JSON object with \"messages\", got a list");
        assertThat(problems.get(2)).isEqualTo(name + ":4:1: workload.dataset: \"messages\" must be a non-empty list of {role, content} (missing)");
        assertThat(problems.get(3)).isEqualTo(name + ":5:1: workload.dataset: messages[0].role: expected one of system, user, assistant, tool, developer, got \"bot\"");
        assertThat(problems.get(4)).isEqualTo(name + ":6:1: workload.dataset: messages[0].content: expected a string or a list of parts, got a number");
        assertThat(problems.get(5)).isEqualTo(name + ":7:1: workload.dataset: the only message is the assistant's: nothing to send");
        assertThat(problems.get(6)).isEqualTo(name + ":8:1: workload.dataset: max_tokens: expected an integer >= 1, got 0");
    }

    @Test
    void badSharegptEntriesAreReportedWithFileLineAndColumn() throws Exception {
        Path f = file("bad.json", """
                [
                  {"conversations": [{"from": "human", "value": "fine"}]},
                  {"conversations": [{"from": "robot", "value": "x"}]},
                  {"conversations": [{"from": "human"}]},
                    {"conversation": []},
                  {"conversations": [{"from": "human", "value": "ok"}]} oops
                ]
                """);
        String name = f.toString();
        List<String> problems = problems(f, DatasetSpec.SHAREGPT);
        assertThat(problems).hasSize(4);
        assertThat(problems.get(0)).isEqualTo(name + ":3:3: workload.dataset: conversations[0].from: expected human, gpt or system"
                + " (or user, assistant), got \"robot\"");
        assertThat(problems.get(1)).startsWith(name + ":4:3: workload.dataset: conversations[0]: expected {\"from\"");
        assertThat(problems.get(2)).isEqualTo(name + ":5:5: workload.dataset: \"conversations\" must be a list of {from, value} (missing)");
        assertThat(problems.get(3)).startsWith(name + ":6:").contains("not valid JSON").endsWith("(reading stopped here)");
    }

    @Test
    void aTruncatedArrayAndAnEmptyFileAreClearErrors() throws Exception {
        Path truncated = file("t.json", "[\n  {\"conversations\": [{\"from\": \"human\", \"value\": \"a\"}]},\n");
        assertThat(problems(truncated, DatasetSpec.SHAREGPT)).singleElement().asString()
                .startsWith(truncated + ":").contains("not valid JSON");
        Path empty = file("e.jsonl", "\n\n");
        assertThat(problems(empty, DatasetSpec.OPENAI)).singleElement().asString()
                .isEqualTo(empty + ": workload.dataset: no usable entries (0 read, 0 without a user prompt)");
    }

    @Test
    void manyBadLinesStopAtTheLimit() throws Exception {
        Path f = file("junk.jsonl", "not json\n".repeat(1000));
        List<String> problems = problems(f, DatasetSpec.OPENAI);
        assertThat(problems).hasSize(DatasetProblems.LIMIT + 1);
        assertThat(problems.get(DatasetProblems.LIMIT)).contains("stopped reading after " + DatasetProblems.LIMIT + " bad entries");
    }

    @Test
    void maxInputTokensDropsLongerPrompts() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int words = 1; words <= 40; words++) {
            text.append("{\"messages\": [{\"role\": \"user\", \"content\": \"").append(" word".repeat(words).trim()).append("\"}]}\n");
        }
        Path f = file("lengths.jsonl", text.toString());
        DatasetSource s = load(f, DatasetSpec.OPENAI, 10L, 100, DatasetSpec.OUTPUT_REQUEST, 1);
        assertThat(s.size()).isEqualTo(10);
        for (long seq = 0; seq < 10; seq++) {
            assertThat(ORACLE.countTokensOrdinary(userText(body(s, seq)))).isLessThanOrEqualTo(10);
        }
        assertThat(s.description()).contains("30 over max_input_tokens skipped");
        assertThat(s.inputTokens().requests()).isEqualTo(10);
        assertThat(s.inputTokens().mean()).isEqualTo(5.5);
    }

    @Test
    void theOrderComesFromTheSeedAndEveryEntryIsSentOncePerPass() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            text.append("{\"messages\": [{\"role\": \"user\", \"content\": \"prompt ").append(i).append("\"}]}\n");
        }
        Path f = file("fifty.jsonl", text.toString());
        List<String> a = order(load(f, DatasetSpec.OPENAI, null, 100, DatasetSpec.OUTPUT_REQUEST, 5), 100);
        List<String> b = order(load(f, DatasetSpec.OPENAI, null, 100, DatasetSpec.OUTPUT_REQUEST, 5), 100);
        List<String> c = order(load(f, DatasetSpec.OPENAI, null, 100, DatasetSpec.OUTPUT_REQUEST, 6), 100);
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
        assertThat(new HashSet<>(a.subList(0, 50))).hasSize(50);
        assertThat(a.subList(50, 100)).isEqualTo(a.subList(0, 50));
        List<String> fileOrder = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fileOrder.add("prompt " + i);
        }
        assertThat(a.subList(0, 50)).as("shuffled, not file order").isNotEqualTo(fileOrder);
    }

    @Test
    void aFileLargerThanThePoolIsSampledIntoABoundedPool() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            text.append("{\"messages\": [{\"role\": \"user\", \"content\": \"prompt ").append(i).append("\"}]}\n");
        }
        Path f = file("big.jsonl", text.toString());
        DatasetSource s = load(f, DatasetSpec.OPENAI, null, 100, DatasetSpec.OUTPUT_REQUEST, 9);
        assertThat(s.size()).isEqualTo(100);
        assertThat(s.description()).contains("100 in the pool (a seeded sample of 5000)");
        List<Integer> picked = order(s, 100).stream().map(p -> Integer.parseInt(p.substring(7))).toList();
        assertThat(new HashSet<>(picked)).hasSize(100);
        assertThat(picked.stream().filter(i -> i >= 2500).count()).as("late entries are sampled too").isBetween(25L, 75L);
        assertThat(order(load(f, DatasetSpec.OPENAI, null, 100, DatasetSpec.OUTPUT_REQUEST, 9), 100))
                .as("the same seed samples the same entries").isEqualTo(order(s, 100));
    }

    @Test
    void theReservoirNeverHoldsMoreThanItsCapacity() {
        Reservoir<Integer> r = new Reservoir<>(64, 1);
        int[] kept = new int[10];
        for (int i = 0; i < 100_000; i++) {
            r.offer(i);
            assertThat(r.items().size()).isLessThanOrEqualTo(64);
        }
        assertThat(r.seen()).isEqualTo(100_000);
        for (int trial = 0; trial < 200; trial++) {
            Reservoir<Integer> t = new Reservoir<>(10, trial);
            for (int i = 0; i < 100; i++) {
                t.offer(i);
            }
            t.items().forEach(i -> kept[i / 10]++);
        }
        // Uniform: each tenth of the stream keeps about a tenth of 2,000 picks.
        for (int k : kept) {
            assertThat(k).isBetween(130, 270);
        }
    }

    private static List<String> order(DatasetSource s, int n) throws IOException {
        List<String> out = new ArrayList<>();
        for (long seq = 0; seq < n; seq++) {
            out.add(userText(body(s, seq)));
        }
        return out;
    }
}

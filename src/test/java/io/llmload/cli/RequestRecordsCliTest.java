package io.llmload.cli;

import static io.llmload.cli.CliTest.llmload;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every request on record: a real run through the CLI writes {@code requests.jsonl} with one line
 * per request — the measured ones add up to the summary's total, kind by kind, and the warmup's are
 * there too, marked — each valid against schema/request-record.schema.json.
 */
class RequestRecordsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    private JsonNode run(String yaml, String... extra) throws IOException {
        Path file = tmp.resolve("r.yaml");
        Files.writeString(file, yaml);
        Path out = tmp.resolve("out");
        List<String> args = new ArrayList<>(List.of("run", file.toString(), "--out", out.toString(), "--quiet"));
        args.addAll(List.of(extra));
        CliTest.Outcome o = llmload(args.toArray(String[]::new));
        assertThat(o.code()).as(o.all()).isIn(0, 1);
        assertThat(o.all()).contains("report: " + out.resolve("requests.jsonl"));
        return JSON.readTree(out.resolve("report.json").toFile());
    }

    @Test
    void oneLinePerRequestKindByKindWithTheWarmupMarked() throws IOException {
        JsonNode report = run("""
                name: records
                target: {url: embedded, model: mock-llm}
                request: {max_tokens: 8}
                load: {concurrency: 4, warmup: 500ms, duration: 1500ms}
                mock: {ttft: 20ms, itl: 2ms, output_tokens: 8, seed: 5, faults: {http_500: 0.2, missing_done: 0.1}}
                report: {record_tokens: true}
                """, "--format", "json,csv");
        Path out = tmp.resolve("out");
        List<JsonNode> records = lines(out.resolve("requests.jsonl"));
        JsonNode counts = report.at("/summary/requests");
        List<JsonNode> measured = records.stream().filter(r -> !r.get("warmup").asBoolean()).toList();
        assertThat(measured).as("one line per measured request").hasSize(counts.get("total").asInt());
        assertThat(records.size() - measured.size()).as("the warmup's requests are there too, marked").isPositive();
        assertThat(report.at("/run/request_records/file").asText()).isEqualTo("requests.jsonl");
        assertThat(report.at("/run/request_records/written").asInt()).as("report.json says the file is whole").isEqualTo(records.size());
        assertThat(report.at("/run/request_records/dropped").asInt()).isZero();
        assertThat(report.at("/run/request_records/lost").asInt()).isZero();
        assertThat(report.at("/run/request_records").has("error")).isFalse();

        Map<String, Long> byOutcome = new HashMap<>();
        measured.forEach(r -> byOutcome.merge(r.get("outcome").asText(), 1L, Long::sum));
        assertThat(byOutcome.getOrDefault("ok", 0L)).isEqualTo(counts.get("succeeded").asLong());
        counts.get("errors").fields().forEachRemaining(e ->
                assertThat(byOutcome.getOrDefault(e.getKey(), 0L)).as("kind %s in %s", e.getKey(), byOutcome).isEqualTo(e.getValue().asLong()));
        assertThat(byOutcome.getOrDefault("http_500", 0L)).as("the injected 500s: %s", byOutcome).isPositive();

        Set<Long> ids = new HashSet<>();
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(Files.readString(Path.of("schema", "request-record.schema.json")));
        for (JsonNode r : records) {
            assertThat(ids.add(r.get("id").asLong())).as("ids are unique").isTrue();
            List<Error> problems = schema.validate(r);
            assertThat(problems).as("%s", r).isEmpty();
            if (r.get("outcome").asText().equals("ok")) {
                assertThat(r.get("status").asInt()).isEqualTo(200);
                assertThat(r.get("ttft_ms").asDouble()).isGreaterThanOrEqualTo(19.0);
                assertThat(r.get("e2e_ms").asDouble()).isGreaterThanOrEqualTo(r.get("ttft_ms").asDouble());
                assertThat(r.get("output_tokens").asInt()).isEqualTo(8);
                assertThat(r.get("itl_ms")).as("record_tokens: the gaps between the 8 tokens").hasSize(7);
            }
        }
        List<String> csv = Files.readAllLines(out.resolve("requests.csv"));
        assertThat(csv).as("a header and the same rows").hasSize(records.size() + 1);
        assertThat(csv.get(0)).startsWith("id,").contains("ttft_ms").contains("itl_ms");
    }

    @Test
    void sweepPointsAndVariantsAreTagged() throws IOException {
        JsonNode report = run("""
                name: tagged
                target: {url: embedded, model: mock-llm}
                request: {max_tokens: 4}
                load: {concurrency: 2, warmup: 0s, requests: 6}
                mock: {ttft: 5ms, itl: 1ms, output_tokens: 4}
                variants:
                  list:
                    - {name: fast, set: {mock.ttft: 5ms}}
                    - {name: slow, set: {mock.ttft: 15ms}}
                """);
        List<JsonNode> records = lines(tmp.resolve("out").resolve("requests.jsonl"));
        assertThat(records).hasSize(report.at("/summary/requests/total").asInt()).hasSize(12);
        Map<String, Long> perVariant = new HashMap<>();
        for (JsonNode r : records) {
            perVariant.merge(r.get("variant").asText() + "/run " + r.get("run").asInt(), 1L, Long::sum);
            assertThat(r.has("itl_ms")).as("no token offsets unless report.record_tokens").isFalse();
        }
        assertThat(perVariant).containsOnly(Map.entry("fast/run 1", 6L), Map.entry("slow/run 2", 6L));
    }
}

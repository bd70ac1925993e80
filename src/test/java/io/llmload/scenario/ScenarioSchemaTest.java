package io.llmload.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed JSON Schema is exactly what the scenario model generates, accepts every shipped
 * scenario, and rejects what the loader rejects.
 *
 * <p>After changing a scenario key, regenerate the file with
 * {@code mvn -B -q test -Dtest=ScenarioSchemaTest -Dllmload.schema.update=true}.
 */
class ScenarioSchemaTest {
    static final String REGENERATE = "mvn -B -q test -Dtest=ScenarioSchemaTest -Dllmload.schema.update=true";
    private static final Path COMMITTED = Path.of(ScenarioSchema.FILE);
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final String MINIMAL = "target: {url: 'http://127.0.0.1:8000/v1', model: m}\n";

    private static Schema schema() throws IOException {
        JsonNode doc = new ObjectMapper().readTree(Files.readString(COMMITTED, StandardCharsets.UTF_8));
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(doc);
    }

    private static List<String> schemaErrors(String yaml) throws IOException {
        return schema().validate(YAML.readTree(yaml)).stream().map(Error::toString).toList();
    }

    private static List<Problem> loaderProblems(String yaml) {
        try {
            new ScenarioLoader(new EnvSubstitution(name -> null)).loadText(yaml, "t.yaml", List.of());
            return List.of();
        } catch (ScenarioException e) {
            return e.problems();
        }
    }

    /** Loaded from its path, so relative paths in it (datasets) resolve beside it. */
    private static List<Problem> fileProblems(Path file) {
        try {
            new ScenarioLoader(new EnvSubstitution(name -> null)).load(file, List.of());
            return List.of();
        } catch (ScenarioException e) {
            return e.problems();
        }
    }

    @Test
    void theCommittedSchemaIsWhatTheModelGenerates() throws IOException {
        String generated = ScenarioSchema.json();
        if (Boolean.getBoolean("llmload.schema.update")) {
            Files.createDirectories(COMMITTED.getParent());
            Files.writeString(COMMITTED, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(COMMITTED)).as(COMMITTED + " is missing; create it with: " + REGENERATE).isTrue();
        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
                .as(COMMITTED + " is out of date with the scenario model; regenerate it with: " + REGENERATE)
                .isEqualTo(generated);
    }

    @Test
    void theSchemaIsAValidDraft7Document() throws IOException {
        JsonNode metaErrors = new ObjectMapper().readTree(ScenarioSchema.json());
        assertThat(metaErrors.get("$schema").asText()).isEqualTo(ScenarioSchema.DRAFT);
        Schema meta = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(com.networknt.schema.SchemaLocation.of(ScenarioSchema.DRAFT));
        assertThat(meta.validate(metaErrors)).isEmpty();
    }

    static Stream<Path> shippedScenarios() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("scenarios"))) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("shippedScenarios")
    void everyShippedScenarioValidatesAndPointsEditorsAtTheSchema(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(schemaErrors(text)).as(file.toString()).isEmpty();
        assertThat(fileProblems(file)).as(file.toString()).isEmpty();
        assertThat(text.lines().findFirst().orElse(""))
                .isEqualTo("# yaml-language-server: $schema=../" + ScenarioSchema.FILE);
    }

    /** Scenario blocks in the guides: the ```yaml blocks that start with the schema modeline. */
    static Stream<String> guideScenarios() throws IOException {
        List<String> blocks = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("docs"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("```yaml\n(# yaml-language-server:[^\n]*\n.*?)```",
                        java.util.regex.Pattern.DOTALL).matcher(text);
                while (m.find()) {
                    blocks.add(m.group(1));
                }
            }
        }
        return blocks.stream();
    }

    @Test
    void theGuidesHaveScenarios() throws IOException {
        assertThat(guideScenarios()).hasSizeGreaterThanOrEqualTo(3);
    }

    @ParameterizedTest
    @MethodSource("guideScenarios")
    void everyScenarioInTheGuidesValidates(String yaml) throws IOException {
        assertThat(schemaErrors(yaml)).as(yaml).isEmpty();
        assertThat(loaderProblems(yaml)).as(yaml).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "target: {url: embedded, model: m, http: {version: 2}}",
        "target: {url: embedded, model: m, http: {version: '1.1', max_connections: 4, tls_verify: false}}",
        "target: {url: embedded, model: m, headers: {X-Team: perf}, timeouts: {connect: 1m30s, total: 300}}",
        "target: {url: embedded, model: m}\nload: {warmup: 5, duration: 2h, requests: 10, drain: 1.5s}",
        "target: {url: embedded, model: m}\nmock: {ttft: {min: 100ms, max: 200ms}, itl: {mean: 20ms, stddev: 5ms}, output_tokens: {mean: 64}}",
        "target: {url: embedded, model: m}\nworkload: {messages: [{role: user, content: [{type: text, text: hi}]}], seed: -3}",
        "target: {url: embedded, model: m}\nrequest: {stream: false, max_tokens: 1, params: {temperature: 0.2, stop: [x]}}",
        "target: {url: embedded, model: m}\nthresholds: ['ttft.p99 < 1s']\nreport: {dir: out, formats: [json]}",
    })
    void schemaAndLoaderAcceptTheSameValidForms(String yaml) throws IOException {
        assertThat(schemaErrors(yaml)).as(yaml).isEmpty();
        assertThat(loaderProblems(yaml)).as(yaml).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "name: x",
        "target: {url: embedded}",
        MINIMAL + "targt: {}",
        MINIMAL + "load: {concurency: 2}",
        MINIMAL + "load: {concurrency: 0}",
        MINIMAL + "load: {concurrency: lots}",
        MINIMAL + "load: {warmup: 5 parsecs}",
        MINIMAL + "load: {duration: -5}",
        MINIMAL + "request: {stream: 'yes'}",
        MINIMAL + "request: {max_tokens: 0}",
        MINIMAL + "request: {params: [temperature]}",
        MINIMAL + "workload: {messages: []}",
        MINIMAL + "workload: {messages: [{role: robot, content: hi}]}",
        MINIMAL + "workload: {messages: [{role: user}]}",
        MINIMAL + "mock: {ttft: {mean: fast}}",
        MINIMAL + "mock: {output_tokens: -1}",
        MINIMAL + "thresholds: 'ttft.p99 < 1s'",
        MINIMAL + "report: {formats: [pdf]}",
        "target: {url: 'http://h/v1', model: m, http: {version: '3'}}",
        "target: {url: 'http://h/v1', model: m, headers: {X: {nested: 1}}}",
        "target: {url: 'http://h/v1', model: m, timeouts: {idle: soon}}",
        "- just\n- a list",
    })
    void schemaAndLoaderRejectTheSameBrokenScenarios(String yaml) throws IOException {
        assertThat(schemaErrors(yaml)).as("schema errors for:\n" + yaml).isNotEmpty();
        assertThat(loaderProblems(yaml)).as("loader problems for:\n" + yaml).isNotEmpty();
    }

    @Test
    void keysCarryTypeDefaultAndDescription() {
        JsonNode doc = ScenarioSchema.document();
        JsonNode cap = doc.at("/properties/load/properties/max_in_flight");
        assertThat(cap.get("type").asText()).isEqualTo("integer");
        assertThat(cap.get("minimum").asLong()).isEqualTo(1);
        assertThat(cap.get("default").asLong()).isEqualTo(LoadSpec.SHAPE.field("max_in_flight").defaultValue());
        assertThat(cap.get("description").asText()).isEqualTo(LoadSpec.SHAPE.field("max_in_flight").description());
        assertThat(doc.at("/properties/load/properties/concurrency").has("default")).as("no default: rate is the alternative").isFalse();
        assertThat(doc.at("/properties/target/required").toString()).isEqualTo("[\"url\",\"model\"]");
        assertThat(doc.at("/properties/report/properties/formats/items/enum").toString()).isEqualTo("[\"json\",\"html\",\"csv\",\"junit\",\"md\"]");
        assertThat(doc.at("/properties/target/properties/http/properties/version/enum").toString()).isEqualTo("[\"1.1\",\"2\",1.1,2]");
        assertThat(doc.at("/properties/mock/properties/ttft/anyOf")).hasSize(2);
        assertThat(doc.at("/additionalProperties").asBoolean(true)).isFalse();
    }
}

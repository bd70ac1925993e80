package io.llmload.scenario;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Generates the scenario's JSON Schema (draft-07, what VS Code YAML and IntelliJ understand) from
 * {@link Scenario#SHAPE}: every key with its type, allowed values, default and one-line
 * description. Because the schema is derived from the same shapes that validate scenarios, a key
 * added to a record's {@code SHAPE} appears in the schema on the next regeneration.
 *
 * <p>{@code java -cp target/llmload.jar io.llmload.scenario.ScenarioSchema schema/scenario.schema.json}
 * writes the file (no argument: standard output). Stateless and thread-safe.
 */
public final class ScenarioSchema {
    public static final String DRAFT = "http://json-schema.org/draft-07/schema#";
    /** The committed file, relative to the repository root. */
    public static final String FILE = "schema/scenario.schema.json";

    /** What Durations.parse accepts: a bare non-negative number (seconds) or parts such as 1m30s, 250ms. */
    static final String DURATION_PATTERN =
            "^\\s*(\\d+(\\.\\d+)?|(\\d+(\\.\\d+)?([uU][sS]|µ[sS]|[mM][sS]|[sS]|[mM]|[hH]))+)\\s*$";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ScenarioSchema() {
    }

    public static void main(String[] args) throws IOException {
        String json = json();
        if (args.length == 0) {
            System.out.print(json);
        } else {
            Path out = Path.of(args[0]);
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            Files.writeString(out, json, StandardCharsets.UTF_8);
        }
    }

    /** The schema document as pretty-printed JSON ending with a newline; the same bytes on every call. */
    public static String json() {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"))
                .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        try {
            return MAPPER.writer(printer).writeValueAsString(document()) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema document as a tree. */
    public static ObjectNode document() {
        ObjectNode root = NODES.objectNode();
        root.put("$schema", DRAFT);
        root.put("title", "llmload scenario");
        root.put("description", "A benchmark scenario for llmload: the endpoint, what to send and how much load. "
                + "Generated from the scenario model; do not edit by hand.");
        root.setAll(of(Scenario.SHAPE));
        return root;
    }

    /** The schema of one shape. */
    static ObjectNode of(Shape shape) {
        ObjectNode s = NODES.objectNode();
        if (shape instanceof Shape.Str str) {
            if (str.allowed().isEmpty()) {
                s.put("type", "string");
            } else {
                ArrayNode values = s.putArray("enum");
                str.allowed().forEach(values::add);
                // The loader reads a bare YAML number such as 2 or 1.1 as the string it spells.
                str.allowed().stream().map(ScenarioSchema::asYamlNumber).filter(n -> n != null).forEach(values::add);
            }
        } else if (shape instanceof Shape.Int i) {
            s.put("type", "integer");
            if (i.min() > Long.MIN_VALUE) {
                s.put("minimum", i.min());
            }
            if (i.max() < Long.MAX_VALUE) {
                s.put("maximum", i.max());
            }
        } else if (shape instanceof Shape.Num n) {
            s.put("type", "number");
            if (n.min() > -Double.MAX_VALUE) {
                s.put("minimum", n.min());
            }
            if (n.max() < Double.MAX_VALUE) {
                s.put("maximum", n.max());
            }
        } else if (shape instanceof Shape.Bool) {
            s.put("type", "boolean");
        } else if (shape instanceof Shape.Dur) {
            ArrayNode anyOf = s.putArray("anyOf");
            anyOf.addObject().put("type", "string").put("pattern", DURATION_PATTERN);
            anyOf.addObject().put("type", "number").put("minimum", 0);
        } else if (shape instanceof Shape.ListOf list) {
            s.put("type", "array");
            s.set("items", of(list.item()));
            if (list.minItems() > 0) {
                s.put("minItems", list.minItems());
            }
        } else if (shape instanceof Shape.MapOf map) {
            s.put("type", "object");
            s.set("additionalProperties", of(map.value()));
        } else if (shape instanceof Shape.OneOf oneOf) {
            ArrayNode anyOf = s.putArray("anyOf");
            oneOf.options().forEach(o -> anyOf.add(of(o)));
        } else if (shape instanceof Shape.Obj obj) {
            s.put("type", "object");
            ObjectNode properties = s.putObject("properties");
            obj.fields().values().forEach(f -> properties.set(f.name(), field(f)));
            List<String> required = obj.fields().values().stream().filter(Shape.Field::required).map(Shape.Field::name).toList();
            if (!required.isEmpty()) {
                ArrayNode names = s.putArray("required");
                required.forEach(names::add);
            }
            s.put("additionalProperties", false);
        } else if (!(shape instanceof Shape.Any)) {
            throw new IllegalArgumentException("no JSON Schema mapping for " + shape);
        }
        return s;
    }

    private static ObjectNode field(Shape.Field f) {
        ObjectNode s = NODES.objectNode();
        String description = f.description();
        if (f.shape() instanceof Shape.Dur || f.shape() instanceof Shape.OneOf) {
            description += " (" + f.shape().expected() + ")";
        }
        s.put("description", description);
        s.setAll(of(f.shape()));
        if (f.defaultValue() != null) {
            s.set("default", plain(f.defaultValue()));
        }
        return s;
    }

    /** A default written as plain Java values, with map keys sorted so the output is stable. */
    private static JsonNode plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            ObjectNode o = NODES.objectNode();
            new TreeMap<>(map).forEach((k, v) -> o.set(String.valueOf(k), plain(v)));
            return o;
        }
        if (value instanceof List<?> list) {
            ArrayNode a = NODES.arrayNode();
            list.forEach(v -> a.add(plain(v)));
            return a;
        }
        return MAPPER.valueToTree(value);
    }

    private static JsonNode asYamlNumber(String text) {
        if (text.matches("-?\\d+")) {
            return NODES.numberNode(Long.parseLong(text));
        }
        if (text.matches("-?\\d+\\.\\d+")) {
            return NODES.numberNode(Double.parseDouble(text));
        }
        return null;
    }
}

package io.llmload.scenario;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML or JSON into a {@link Node} tree that keeps line and column of every key and value.
 * Jackson's streaming parsers give the positions; a plain data-binding read would lose them.
 */
public final class TreeReader {
    private static final JsonFactory JSON = new JsonFactory();
    private static final ScenarioYaml YAML = new ScenarioYaml();

    private TreeReader() {
    }

    /** Reads a file; {@code .json} files use the JSON parser, everything else YAML (a superset). */
    public static Node read(Path file) throws ScenarioException {
        String text = SourceText.read(file);
        boolean json = file.getFileName().toString().toLowerCase().endsWith(".json");
        return read(text, file.toString(), json);
    }

    /** Reads text; {@code source} names it in locations. */
    public static Node read(String text, String source, boolean json) throws ScenarioException {
        if (!json) {
            SourceText.checkYaml(text, source);
        }
        try (JsonParser parser = json ? JSON.createParser(text) : YAML.parse(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new ScenarioException(new Problem(new Location(source, 1, 1), null, "the file is empty"));
            }
            Node root = readValue(parser, source);
            if (parser.nextToken() != null) {
                throw new ScenarioException(new Problem(at(parser, source), null, "unexpected content after the document"));
            }
            return root;
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof MarkedYAMLException y && y.getProblemMark() != null) {
                // SnakeYAML knows where the problem is (a tab at 2:1); Jackson's location is where the scanner started.
                Mark m = y.getProblemMark();
                String problem = y.getProblem() == null ? "invalid YAML"
                        : y.getProblem().contains("(TAB)") ? "a tab, which YAML does not allow for indentation: indent with spaces"
                        : y.getProblem();
                throw new ScenarioException(new Problem(new Location(source, m.getLine() + 1, m.getColumn() + 1), null,
                        "syntax error: " + problem));
            }
            JsonLocation loc = e.getLocation();
            Location where = loc == null ? new Location(source, 1, 1)
                    : new Location(source, Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr()));
            throw new ScenarioException(new Problem(where, null, "syntax error: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ScenarioException(new Problem(null, null, "cannot read " + source + ": " + e.getMessage()));
        }
    }

    private static Node readValue(JsonParser parser, String source) throws IOException, ScenarioException {
        Location here = at(parser, source);
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT: {
                Node.MapNode map = new Node.MapNode(here);
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    Location keyAt = at(parser, source);
                    if (map.has(key)) {
                        throw new ScenarioException(new Problem(keyAt, key, "duplicate key"));
                    }
                    parser.nextToken();
                    map.put(key, keyAt, readValue(parser, source));
                }
                return map;
            }
            case START_ARRAY: {
                List<Node> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(parser, source));
                }
                return new Node.ListNode(items, here);
            }
            case VALUE_STRING:
                return new Node.ScalarNode(parser.getText(), here);
            case VALUE_NUMBER_INT:
                // a whole number beyond long stays exact, so validation can say it is out of range
                return new Node.ScalarNode(parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? parser.getBigIntegerValue() : (Object) parser.getLongValue(), here);
            case VALUE_NUMBER_FLOAT:
                return new Node.ScalarNode(parser.getDoubleValue(), here);
            case VALUE_TRUE:
                return new Node.ScalarNode(Boolean.TRUE, here);
            case VALUE_FALSE:
                return new Node.ScalarNode(Boolean.FALSE, here);
            case VALUE_NULL:
                return new Node.ScalarNode(null, here);
            default:
                throw new ScenarioException(new Problem(here, null, "unsupported value " + token));
        }
    }

    private static Location at(JsonParser parser, String source) {
        JsonLocation loc = parser.currentTokenLocation();
        return new Location(source, Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr()));
    }
}

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
import java.util.Locale;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Reads YAML or JSON into a {@link Node} tree that keeps line and column of every key and value.
 * Jackson's streaming parsers give the positions; a plain data-binding read would lose them. YAML
 * anchors, aliases and merge keys ({@code <<: *base}) are resolved as YAML means them
 * ({@link YamlAnchors}); nesting deeper than {@link #MAX_DEPTH} is refused where it goes too deep.
 * Thread contract: one instance per document; the static entry points are safe on any thread.
 */
public final class TreeReader {
    /** Deeper than any scenario needs (a JSON schema in request.params included), and far below Jackson's 1000. */
    static final int MAX_DEPTH = 64;
    private static final JsonFactory JSON = new JsonFactory();
    private static final ScenarioYaml YAML = new ScenarioYaml();
    private static final String MERGE = "<<";

    private final JsonParser parser;
    private final ScenarioYaml.Parser yaml;
    private final String source;
    private final YamlAnchors anchors = new YamlAnchors();

    private TreeReader(JsonParser parser, String source) {
        this.parser = parser;
        this.yaml = parser instanceof ScenarioYaml.Parser p ? p : null;
        this.source = source;
    }

    /** Reads a file; {@code .json} files use the JSON parser, everything else YAML (a superset). */
    public static Node read(Path file) throws ScenarioException {
        String text = SourceText.read(file);
        boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        return read(text, file.toString(), json);
    }

    /** Reads text; {@code source} names it in locations. */
    public static Node read(String text, String source, boolean json) throws ScenarioException {
        if (json) {
            text = text.startsWith("\uFEFF") ? text.substring(1) : text; // a byte-order mark, which YAML skips itself
        } else {
            SourceText.checkYaml(text, source);
        }
        JsonParser parser = null;
        try {
            parser = json ? JSON.createParser(text) : YAML.parse(text);
            return new TreeReader(parser, source).document();
        } catch (JsonProcessingException e) {
            throw new ScenarioException(syntaxError(e, parser, source));
        } catch (IOException e) {
            throw new ScenarioException(new Problem(null, null, "cannot read " + source + ": " + e.getMessage()));
        } finally {
            if (parser != null) {
                try {
                    parser.close();
                } catch (IOException ignored) {
                    // nothing to release: the text is in memory
                }
            }
        }
    }

    private Node document() throws IOException, ScenarioException {
        if (parser.nextToken() == null) {
            throw new ScenarioException(new Problem(new Location(source, 1, 1), null, "the file is empty"));
        }
        Node root = readValue(1);
        if (parser.nextToken() != null) {
            throw new ScenarioException(new Problem(here(), null, "unexpected content after the document"));
        }
        return root;
    }

    private Node readValue(int depth) throws IOException, ScenarioException {
        Location here = here();
        JsonToken token = parser.currentToken();
        Event event = yaml == null ? null : yaml.lastEvent();
        if (event instanceof AliasEvent alias) {
            return anchors.resolve(alias.getAnchor(), here);
        }
        if (event instanceof ScalarEvent scalar) {
            YamlAnchors.checkTag(scalar.getTag(), here);
        } else if (event instanceof CollectionStartEvent start) {
            YamlAnchors.checkTag(start.getTag(), here);
        }
        String anchor = event instanceof NodeEvent n ? n.getAnchor() : null;
        Node value = switch (token) {
            case START_OBJECT -> readMap(here, depth);
            case START_ARRAY -> readList(here, depth);
            case VALUE_STRING -> new Node.ScalarNode(parser.getText(), here);
            // a whole number beyond long stays exact, so validation can say it is out of range
            case VALUE_NUMBER_INT -> new Node.ScalarNode(parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? parser.getBigIntegerValue() : (Object) parser.getLongValue(), here);
            case VALUE_NUMBER_FLOAT -> new Node.ScalarNode(parser.getDoubleValue(), here);
            case VALUE_TRUE -> new Node.ScalarNode(Boolean.TRUE, here);
            case VALUE_FALSE -> new Node.ScalarNode(Boolean.FALSE, here);
            case VALUE_NULL -> new Node.ScalarNode(null, here);
            default -> throw new ScenarioException(new Problem(here, null, "a value of a kind a scenario cannot hold"));
        };
        anchors.define(anchor, value);
        return value;
    }

    private Node.MapNode readMap(Location here, int depth) throws IOException, ScenarioException {
        tooDeep(here, depth);
        Node.MapNode map = new Node.MapNode(here);
        List<Node> merges = new ArrayList<>();
        JsonToken t;
        while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            Location keyAt = here();
            Event keyEvent = yaml == null ? null : yaml.lastEvent();
            if (keyEvent instanceof ScalarEvent scalar) {
                YamlAnchors.checkTag(scalar.getTag(), keyAt);
                anchors.define(scalar.getAnchor(), new Node.ScalarNode(key, keyAt));
            }
            boolean merge = keyEvent instanceof ScalarEvent s && MERGE.equals(key) && s.isPlain();
            if (!merge && map.has(key)) {
                throw new ScenarioException(new Problem(keyAt, key, "duplicate key"));
            }
            next(here);
            Node value = readValue(depth + 1);
            if (merge) {
                merges.add(value);
            } else {
                map.put(key, keyAt, value);
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw new ScenarioException(new Problem(here(), null, "the mapping that starts at " + here.line() + ":" + here.column()
                    + " is not closed"));
        }
        for (Node m : merges) {
            merge(map, m);
        }
        return map;
    }

    /** YAML's merge key: the keys of a mapping (or of each of a list of them) that this mapping does not set itself. */
    private static void merge(Node.MapNode into, Node from) throws ScenarioException {
        List<Node> sources = from instanceof Node.ListNode list ? list.items() : List.of(from);
        for (Node source : sources) {
            if (!(source instanceof Node.MapNode map)) {
                throw new ScenarioException(new Problem(source.location(), MERGE,
                        "expected a mapping (or a list of mappings) to merge, such as <<: *defaults; got " + source.describe()));
            }
            for (var e : map.entries().entrySet()) {
                if (!into.has(e.getKey())) {
                    into.put(e.getKey(), map.keyLocation(e.getKey()), e.getValue());
                }
            }
        }
    }

    private Node.ListNode readList(Location here, int depth) throws IOException, ScenarioException {
        tooDeep(here, depth);
        List<Node> items = new ArrayList<>();
        while (next(here) != JsonToken.END_ARRAY) {
            items.add(readValue(depth + 1));
        }
        return new Node.ListNode(items, here);
    }

    /** The next token; the end of the text inside a mapping or list is an error at the place it opened. */
    private JsonToken next(Location opened) throws IOException, ScenarioException {
        JsonToken t = parser.nextToken();
        if (t == null) {
            throw new ScenarioException(new Problem(opened, null, "the text ends before this value does"));
        }
        return t;
    }

    private void tooDeep(Location here, int depth) throws ScenarioException {
        if (depth > MAX_DEPTH) {
            throw new ScenarioException(new Problem(here, null, "nested more than " + MAX_DEPTH
                    + " levels deep here; a scenario needs a handful"));
        }
    }

    private Location here() {
        JsonLocation loc = parser.currentTokenLocation();
        return new Location(source, Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr()));
    }

    private static Problem syntaxError(JsonProcessingException e, JsonParser parser, String source) {
        if (e.getCause() instanceof MarkedYAMLException y && y.getProblemMark() != null) {
            // SnakeYAML knows where the problem is (a tab at 2:1); Jackson's location is where the scanner started.
            Mark m = y.getProblemMark();
            String problem = y.getProblem() == null ? "invalid YAML"
                    : y.getProblem().contains("(TAB)") ? "a tab, which YAML does not allow for indentation: indent with spaces"
                    : ParserMessages.clean(y.getProblem(), "invalid YAML");
            return new Problem(new Location(source, m.getLine() + 1, m.getColumn() + 1), null, "syntax error: " + problem);
        }
        Location where = null;
        if (parser instanceof ScenarioYaml.Parser p && p.lastEvent() != null) {
            Mark m = p.lastEvent().getStartMark(); // Jackson places its own YAML errors at the end of the event
            where = new Location(source, m.getLine() + 1, m.getColumn() + 1);
        } else if (e.getLocation() != null) {
            where = new Location(source, Math.max(1, e.getLocation().getLineNr()), Math.max(1, e.getLocation().getColumnNr()));
        }
        return new Problem(where == null ? new Location(source, 1, 1) : where, null,
                "syntax error: " + ParserMessages.of(e, parser instanceof ScenarioYaml.Parser ? "YAML" : "JSON"));
    }
}

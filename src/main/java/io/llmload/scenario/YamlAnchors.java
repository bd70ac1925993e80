package io.llmload.scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A YAML document's anchors ({@code &name}) and what its aliases ({@code *name}) stand for: an
 * alias reads as a copy of its anchor's value, as YAML means it (Jackson's streaming parser would
 * give the string {@code "name"}, even for an anchor that does not exist). An alias without an
 * anchor before it is refused where it is written. Copies are bounded: aliases of aliases multiply
 * (nine aliases of nine aliases of ... — "billion laughs"), so past {@link #MAX_COPIED} the document
 * is refused at the alias that crossed it. Copies keep the locations of the anchored text, which
 * is where a wrong value is written. Explicit YAML tags other than the core ones are refused too:
 * {@code !custom x} would otherwise read as the string {@code x}.
 *
 * <p>Thread contract: one document's, on one thread.
 */
final class YamlAnchors {
    /** The most an alias expansion may add to a document, counted as {@link #cost}: four times the file limit. */
    static final long MAX_COPIED = 4L * SourceText.MAX_BYTES;
    private static final String CORE = "tag:yaml.org,2002:";
    private static final Set<String> CORE_TAGS = Set.of("str", "int", "float", "bool", "null", "map", "seq");

    private final Map<String, Node> anchors = new HashMap<>();
    private long copied;

    /** Remembers {@code value} under {@code anchor} (a later anchor of the same name replaces it, as in YAML). */
    void define(String anchor, Node value) {
        if (anchor != null) {
            anchors.put(anchor, value);
        }
    }

    /** A copy of the value anchored as {@code anchor}, for the alias at {@code at}. */
    Node resolve(String anchor, Location at) throws ScenarioException {
        Node value = anchors.get(anchor);
        if (value == null) {
            throw new ScenarioException(new Problem(at, null, "*" + anchor + " refers to no anchor: write &" + anchor
                    + " before the value it names, above this alias"));
        }
        return copy(value, at);
    }

    private Node copy(Node value, Location alias) throws ScenarioException {
        copied += cost(value);
        if (copied > MAX_COPIED) {
            throw new ScenarioException(new Problem(alias, null, "aliases expand this document past " + (MAX_COPIED >> 20)
                    + " MiB (each alias copies its anchor's value, and aliases of aliases multiply): use fewer aliases"));
        }
        if (value instanceof Node.MapNode map) {
            Node.MapNode out = new Node.MapNode(map.location());
            for (Map.Entry<String, Node> e : map.entries().entrySet()) {
                out.put(e.getKey(), map.keyLocation(e.getKey()), copy(e.getValue(), alias));
            }
            return out;
        }
        if (value instanceof Node.ListNode list) {
            List<Node> items = new ArrayList<>(list.items().size());
            for (Node item : list.items()) {
                items.add(copy(item, alias));
            }
            return new Node.ListNode(items, list.location());
        }
        Node.ScalarNode scalar = (Node.ScalarNode) value;
        return new Node.ScalarNode(scalar.value(), scalar.location());
    }

    /** About the memory a copy takes: a fixed cost per node, and the characters of its text. */
    private static long cost(Node value) {
        return 32 + (value instanceof Node.ScalarNode s && s.value() instanceof String text ? text.length() : 0);
    }

    /** Refuses a tag other than YAML's core ones ({@code !!str}, {@code !!int}, ...), at {@code at}. */
    static void checkTag(String tag, Location at) throws ScenarioException {
        if (tag == null || tag.equals("!")) {
            return; // no tag, or the non-specific one of a quoted scalar
        }
        if (tag.startsWith(CORE) && CORE_TAGS.contains(tag.substring(CORE.length()))) {
            return;
        }
        String shown = tag.startsWith(CORE) ? "!!" + tag.substring(CORE.length()) : tag;
        throw new ScenarioException(new Problem(at, null, "the YAML tag " + shown + " is not supported here: "
                + "a scenario holds plain strings, numbers, booleans, lists and mappings; remove the tag"));
    }
}

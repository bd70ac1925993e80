package io.llmload.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario document as a tree that remembers where every key and value was written, so that
 * validation can point at {@code file:line:col}. Built by {@link TreeReader}, checked against a
 * {@link Shape}, then read through {@link ObjView}.
 */
public sealed interface Node permits Node.MapNode, Node.ListNode, Node.ScalarNode {

    Location location();

    /** What kind of value this is, in words, for error messages. */
    String describe();

    /** This node as plain Java values (Map, List, String, Long, Double, Boolean, null; BigInteger beyond long). */
    Object toPlain();

    /** A mapping; keys keep their order and their own location. */
    final class MapNode implements Node {
        private final Location location;
        private final Map<String, Node> values = new LinkedHashMap<>();
        private final Map<String, Location> keyLocations = new LinkedHashMap<>();

        public MapNode(Location location) {
            this.location = location;
        }

        public void put(String key, Location keyLocation, Node value) {
            values.put(key, value);
            keyLocations.put(key, keyLocation);
        }

        public Node get(String key) {
            return values.get(key);
        }

        public boolean has(String key) {
            return values.containsKey(key);
        }

        public Map<String, Node> entries() {
            return values;
        }

        public Location keyLocation(String key) {
            return keyLocations.getOrDefault(key, location);
        }

        @Override
        public Location location() {
            return location;
        }

        @Override
        public String describe() {
            return "a mapping";
        }

        @Override
        public Object toPlain() {
            Map<String, Object> out = new LinkedHashMap<>();
            values.forEach((k, v) -> out.put(k, v.toPlain()));
            return out;
        }
    }

    /** A sequence. */
    record ListNode(List<Node> items, Location location) implements Node {
        @Override
        public String describe() {
            return "a list";
        }

        @Override
        public Object toPlain() {
            List<Object> out = new ArrayList<>(items.size());
            items.forEach(i -> out.add(i.toPlain()));
            return out;
        }
    }

    /**
     * A scalar: String, Long, Double, Boolean or null (BigInteger for a whole number beyond long). {@code secret} marks a string that came
     * from an environment variable whose name suggests a credential, so reports never print it.
     */
    record ScalarNode(Object value, Location location, boolean secret) implements Node {
        public ScalarNode(Object value, Location location) {
            this(value, location, false);
        }

        @Override
        public String describe() {
            if (value == null) {
                return "null";
            }
            if (value instanceof String s) {
                return "'" + s + "'";
            }
            return value.toString();
        }

        @Override
        public Object toPlain() {
            return value;
        }
    }
}

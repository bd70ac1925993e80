package io.llmload.scenario;

import java.util.List;

/**
 * Applies {@code path=value} overrides (from {@code --set} and the dedicated flags) to a tree
 * before validation, so an override is checked exactly like a value written in the file.
 */
public final class Overrides {
    private Overrides() {
    }

    /**
     * One override; {@code flag} is how the user wrote it, for error messages. {@code node}, when
     * set, is an already parsed value (from a variant's {@code set} in the file) used instead of
     * parsing {@code value}.
     */
    public record Override(String path, String value, String flag, Node node) {
        public Override(String path, String value, String flag) {
            this(path, value, flag, null);
        }

        /** An override whose value was written in the scenario file (its errors point there). */
        public static Override ofNode(String path, Node node, String origin) {
            return new Override(path, null, origin, node);
        }

        public static Override parse(String assignment) throws ScenarioException {
            int eq = assignment.indexOf('=');
            if (eq <= 0) {
                throw new ScenarioException(new Problem(Location.flag("--set " + assignment), null,
                        "expected path=value, for example --set load.concurrency=8"));
            }
            return new Override(assignment.substring(0, eq).trim(), assignment.substring(eq + 1), "--set " + assignment);
        }
    }

    public static void apply(Node.MapNode root, List<Override> overrides, List<Problem> problems) {
        for (Override o : overrides) {
            Location at = o.node() != null ? o.node().location() : Location.flag(o.flag());
            Node value;
            if (o.node() != null) {
                value = o.node();
            } else {
                try {
                    value = relocate(TreeReader.read(o.value().isEmpty() ? "''" : o.value(), o.flag(), false), at);
                } catch (ScenarioException e) {
                    value = new Node.ScalarNode(o.value(), at);
                }
            }
            String[] parts = o.path().split("\\.");
            Node.MapNode map = root;
            boolean ok = true;
            for (int i = 0; i < parts.length - 1 && ok; i++) {
                Node next = map.get(parts[i]);
                if (next == null) {
                    Node.MapNode created = new Node.MapNode(at);
                    map.put(parts[i], at, created);
                    map = created;
                } else if (next instanceof Node.MapNode m) {
                    map = m;
                } else {
                    problems.add(new Problem(at, String.join(".", List.of(parts).subList(0, i + 1)),
                            "cannot set a key inside " + next.describe()));
                    ok = false;
                }
            }
            if (ok) {
                map.put(parts[parts.length - 1], at, value);
            }
        }
    }

    private static Node relocate(Node node, Location at) {
        if (node instanceof Node.ScalarNode s) {
            return new Node.ScalarNode(s.value(), at);
        }
        return node;
    }
}

package io.llmload.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed read access to a validated mapping, falling back to the defaults declared in its
 * {@link Shape.Obj}. Only called after {@link ShapeValidator} passed, so conversions cannot fail
 * on the declared types; asking for an undeclared key is a programming error.
 */
public final class ObjView {
    private final Node.MapNode node;
    private final Shape.Obj shape;
    private final String path;

    public ObjView(Node.MapNode node, Shape.Obj shape, String path) {
        this.node = node == null ? new Node.MapNode(new Location("<defaults>", 0, 0)) : node;
        this.shape = shape;
        this.path = path;
    }

    public String path() {
        return path;
    }

    public boolean has(String key) {
        field(key);
        Node n = node.get(key);
        return n != null && !(n instanceof Node.ScalarNode s && s.value() == null);
    }

    public Location location(String key) {
        Node n = node.get(key);
        return n != null ? n.location() : node.location();
    }

    /** Where the key itself is written (for problems about the key rather than its value). */
    public Location keyLocation(String key) {
        return node.keyLocation(key);
    }

    public Location location() {
        return node.location();
    }

    public Node raw(String key) {
        field(key);
        return node.get(key);
    }

    public String str(String key) {
        Object v = value(key);
        return v == null ? null : v.toString();
    }

    public long integer(String key) {
        Object v = value(key);
        return v == null ? 0 : ((Number) v).longValue();
    }

    public Long integerOrNull(String key) {
        Object v = value(key);
        return v == null ? null : ((Number) v).longValue();
    }

    public double number(String key) {
        Object v = value(key);
        return v == null ? 0 : ((Number) v).doubleValue();
    }

    public Double numberOrNull(String key) {
        Object v = value(key);
        return v == null ? null : ((Number) v).doubleValue();
    }

    public boolean bool(String key) {
        Object v = value(key);
        return v != null && (Boolean) v;
    }

    public Duration duration(String key) {
        Object v = value(key);
        return v == null ? null : Durations.parse(v.toString());
    }

    public boolean secret(String key) {
        return node.get(key) instanceof Node.ScalarNode s && s.secret();
    }

    public ObjView obj(String key) {
        Shape.Field f = field(key);
        Shape s = f.shape();
        if (s instanceof Shape.OneOf oneOf) {
            s = oneOf.options().stream().filter(o -> o instanceof Shape.Obj).findFirst().orElseThrow();
        }
        Node n = node.get(key);
        return new ObjView(n instanceof Node.MapNode m ? m : null, (Shape.Obj) s, ShapeValidator.join(path, key));
    }

    /** The mapping under {@code key} as a view, or null when it is not set. */
    public ObjView objOrNull(String key) {
        return has(key) ? obj(key) : null;
    }

    /** Free-form mapping of strings (headers). */
    public Map<String, String> strings(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        Node n = raw(key);
        if (n instanceof Node.MapNode m) {
            m.entries().forEach((k, v) -> out.put(k, v instanceof Node.ScalarNode s && s.value() != null ? s.value().toString() : ""));
        }
        return out;
    }

    /** Keys of a free-form mapping whose value came from a secret-looking environment variable. */
    public List<String> secretKeys(String key) {
        List<String> out = new ArrayList<>();
        if (raw(key) instanceof Node.MapNode m) {
            m.entries().forEach((k, v) -> {
                if (v instanceof Node.ScalarNode s && s.secret()) {
                    out.add(k);
                }
            });
        }
        return out;
    }

    /** A value as plain Java objects, or the declared default. */
    public Object plain(String key) {
        Node n = raw(key);
        return n != null ? n.toPlain() : field(key).defaultValue();
    }

    public List<Node> list(String key) {
        Node n = raw(key);
        return n instanceof Node.ListNode l ? l.items() : List.of();
    }

    private Object value(String key) {
        Shape.Field f = field(key);
        Node n = node.get(key);
        if (n instanceof Node.ScalarNode s && s.value() != null) {
            return s.value();
        }
        return f.defaultValue();
    }

    private Shape.Field field(String key) {
        Shape.Field f = shape.field(key);
        if (f == null) {
            throw new IllegalArgumentException("no key '" + key + "' declared under '" + path + "'");
        }
        return f;
    }
}

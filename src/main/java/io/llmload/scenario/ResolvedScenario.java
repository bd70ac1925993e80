package io.llmload.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders a validated tree as plain values with every default filled in and secrets redacted:
 * the "resolved scenario" that reports embed. Credentials never get this far as values (the
 * API key is only named), but header values and anything taken from a secret-looking
 * environment variable are replaced by {@value #REDACTED}.
 */
public final class ResolvedScenario {
    public static final String REDACTED = "***redacted***";
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "x-api-key",
            "api-key", "cookie", "x-auth-token");

    private ResolvedScenario() {
    }

    public static Map<String, Object> render(Node.MapNode root, Shape.Obj shape) {
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) render(root, shape, "");
        return out;
    }

    private static Object render(Node node, Shape shape, String path) {
        if (shape instanceof Shape.OneOf oneOf) {
            shape = node instanceof Node.MapNode
                    ? oneOf.options().stream().filter(o -> o instanceof Shape.Obj).findFirst().orElse(new Shape.Any())
                    : new Shape.Any();
        }
        if (shape instanceof Shape.Obj obj) {
            Node.MapNode map = node instanceof Node.MapNode m ? m : null;
            Map<String, Object> out = new LinkedHashMap<>();
            for (Shape.Field f : obj.fields().values()) {
                Node child = map == null ? null : map.get(f.name());
                String childPath = ShapeValidator.join(path, f.name());
                if (child != null) {
                    out.put(f.name(), render(child, f.shape(), childPath));
                } else if (f.shape() instanceof Shape.Obj && (f.required() || f.defaultValue() != null)) {
                    // a section with defaults; optional sections without a default (workload.synthetic, server_metrics) stay absent
                    out.put(f.name(), render(null, f.shape(), childPath));
                } else if (f.defaultValue() != null) {
                    out.put(f.name(), f.defaultValue());
                }
            }
            return out;
        }
        if (node == null) {
            return null;
        }
        if (node instanceof Node.MapNode map) {
            boolean headers = path.endsWith("headers");
            Map<String, Object> out = new LinkedHashMap<>();
            map.entries().forEach((k, v) -> out.put(k,
                    headers && SECRET_HEADERS.contains(k.toLowerCase(Locale.ROOT)) ? REDACTED : render(v, new Shape.Any(), path + "." + k)));
            return out;
        }
        if (node instanceof Node.ListNode list) {
            Shape item = shape instanceof Shape.ListOf l ? l.item() : new Shape.Any();
            return list.items().stream().map(i -> render(i, item, path)).toList();
        }
        Node.ScalarNode s = (Node.ScalarNode) node;
        return s.secret() ? REDACTED : s.value();
    }

    static boolean isSecretHeader(String name) {
        return SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT));
    }

    static List<String> secretHeaderNames() {
        return List.copyOf(SECRET_HEADERS);
    }
}

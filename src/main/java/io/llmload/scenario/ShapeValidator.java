package io.llmload.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks a {@link Node} tree against a {@link Shape}, collecting every problem with its location. */
public final class ShapeValidator {
    private ShapeValidator() {
    }

    public static void validate(Node node, Shape shape, String path, List<Problem> problems) {
        if (shape instanceof Shape.Any) {
            return;
        }
        if (shape instanceof Shape.OneOf oneOf) {
            validateOneOf(node, oneOf, path, problems);
            return;
        }
        if (shape instanceof Shape.Obj obj) {
            validateObj(node, obj, path, problems);
        } else if (shape instanceof Shape.MapOf mapOf) {
            if (!(node instanceof Node.MapNode map)) {
                problems.add(mismatch(node, path, shape.expected()));
                return;
            }
            map.entries().forEach((k, v) -> validate(v, mapOf.value(), join(path, k), problems));
        } else if (shape instanceof Shape.ListOf listOf) {
            if (!(node instanceof Node.ListNode list)) {
                problems.add(mismatch(node, path, shape.expected()));
                return;
            }
            if (list.items().size() < listOf.minItems()) {
                problems.add(new Problem(node.location(), path, "needs at least " + listOf.minItems() + " item(s)"));
            }
            for (int i = 0; i < list.items().size(); i++) {
                validate(list.items().get(i), listOf.item(), path + "[" + i + "]", problems);
            }
        } else {
            validateScalar(node, shape, path, problems);
        }
    }

    /** Accepts the first option that fits the node's kind and validates; otherwise explains with the union's wording. */
    private static void validateOneOf(Node node, Shape.OneOf oneOf, String path, List<Problem> problems) {
        List<Problem> firstFailure = null;
        List<Problem> outOfRange = null;
        for (Shape option : oneOf.options()) {
            if (!fits(node, option)) {
                continue;
            }
            List<Problem> attempt = new ArrayList<>();
            validate(node, option, path, attempt);
            if (attempt.isEmpty()) {
                return;
            }
            if (firstFailure == null) {
                firstFailure = attempt;
            }
            if (outOfRange == null && ofKind(node, option)) {
                outOfRange = attempt;
            }
        }
        if (outOfRange != null) {
            problems.addAll(outOfRange); // the right kind of value, but too large or small: say so rather than list the kinds
        } else if (firstFailure == null || node instanceof Node.ScalarNode) {
            problems.add(mismatch(node, path, oneOf.expected()));
        } else {
            problems.addAll(firstFailure);
        }
    }

    /** True when a scalar is of the option's kind (a whole number for an integer, a duration for a duration), whatever its size. */
    private static boolean ofKind(Node node, Shape option) {
        if (!(node instanceof Node.ScalarNode s) || s.value() == null || s.value() instanceof Boolean) {
            return false;
        }
        Object v = s.value();
        if (option instanceof Shape.Int) {
            return v instanceof Long || v instanceof java.math.BigInteger;
        }
        return option instanceof Shape.Dur && Durations.parse(v.toString()) != null;
    }

    private static boolean fits(Node node, Shape option) {
        if (option instanceof Shape.Obj || option instanceof Shape.MapOf) {
            return node instanceof Node.MapNode;
        }
        if (option instanceof Shape.ListOf) {
            return node instanceof Node.ListNode;
        }
        return option instanceof Shape.Any || node instanceof Node.ScalarNode;
    }

    private static void validateObj(Node node, Shape.Obj obj, String path, List<Problem> problems) {
        if (!(node instanceof Node.MapNode map)) {
            problems.add(mismatch(node, path, obj.expected()));
            return;
        }
        for (Map.Entry<String, Node> e : map.entries().entrySet()) {
            String key = e.getKey();
            Shape.Field field = obj.field(key);
            if (field == null) {
                String hint = DidYouMean.suggest(key, obj.fields().keySet());
                String message = "unknown key '" + key + "'" + (hint != null ? " (did you mean '" + hint + "'?)"
                        : "; known keys: " + String.join(", ", obj.fields().keySet()));
                problems.add(new Problem(map.keyLocation(key), join(path, key), message));
                continue;
            }
            boolean unset = e.getValue() instanceof Node.ScalarNode s && s.value() == null;
            if (unset && !field.required()) {
                continue; // an explicit null (key: null or ~) means "not set"
            }
            validate(e.getValue(), field.shape(), join(path, key), problems);
        }
        for (Shape.Field field : obj.fields().values()) {
            Node given = map.get(field.name());
            if (field.required() && (given == null || given instanceof Node.ScalarNode s && s.value() == null)) {
                problems.add(new Problem(map.location(), join(path, field.name()),
                        "missing required key '" + field.name() + "' (" + field.description() + ")"));
            }
        }
    }

    private static void validateScalar(Node node, Shape shape, String path, List<Problem> problems) {
        if (!(node instanceof Node.ScalarNode scalar) || scalar.value() == null) {
            problems.add(mismatch(node, path, shape.expected()));
            return;
        }
        Object v = scalar.value();
        if (shape instanceof Shape.Str s) {
            String text = v instanceof String t ? t : v.toString();
            // YAML reads 1.1 or true unquoted as numbers/booleans; a free string accepts them as written.
            if (!s.allowed().isEmpty() && !s.allowed().contains(text)) {
                String hint = DidYouMean.suggest(text, s.allowed());
                problems.add(new Problem(node.location(), path, "expected " + s.expected() + ", got '" + text + "'"
                        + (hint != null ? " (did you mean '" + hint + "'?)" : "")));
            }
        } else if (shape instanceof Shape.Int i) {
            if (v instanceof java.math.BigInteger big) {
                problems.add(new Problem(node.location(), path, "expected " + i.expected() + ", got " + big));
            } else if (!(v instanceof Long n)) {
                problems.add(mismatch(node, path, i.expected()));
            } else if (n < i.min() || n > i.max()) {
                problems.add(new Problem(node.location(), path, "expected " + i.expected() + ", got " + n));
            }
        } else if (shape instanceof Shape.Num n) {
            if (!(v instanceof Number num)) {
                problems.add(mismatch(node, path, n.expected()));
            } else if (num.doubleValue() < n.min() || num.doubleValue() > n.max()) {
                problems.add(new Problem(node.location(), path, "expected " + n.expected() + ", got " + num));
            }
        } else if (shape instanceof Shape.Bool b) {
            if (!(v instanceof Boolean)) {
                problems.add(mismatch(node, path, b.expected()));
            }
        } else if (shape instanceof Shape.Dur d) {
            Duration parsed = Durations.parse(v.toString());
            if (parsed == null || v instanceof Boolean) {
                problems.add(mismatch(node, path, d.expected()));
            } else if (parsed.compareTo(Durations.MAX) > 0) {
                problems.add(new Problem(node.location(), path, "expected a duration of at most " + Durations.MAX_TEXT
                        + " (" + Durations.format(Durations.MAX) + "), got " + node.describe()));
            }
        } else {
            problems.add(mismatch(node, path, shape.expected()));
        }
    }

    private static Problem mismatch(Node node, String path, String expected) {
        return new Problem(node.location(), path, "expected " + expected + ", got " + node.describe());
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}

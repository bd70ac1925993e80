package io.llmload.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${env:NAME}} and {@code ${env:NAME:-default}} in every string value of a tree.
 * A value taken from a variable whose name looks like a credential is marked secret, so that
 * reports print it redacted.
 */
public final class EnvSubstitution {
    private static final Pattern REF = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(KEY|TOKEN|SECRET|PASSWORD|PASSWD|AUTH|CREDENTIAL).*");

    private final Function<String, String> env;

    public EnvSubstitution(Function<String, String> env) {
        this.env = env;
    }

    public static EnvSubstitution fromSystem() {
        Map<String, String> vars = System.getenv();
        return new EnvSubstitution(vars::get);
    }

    /** Substitutes in place where possible and returns the (possibly new) root; collects problems. */
    public Node apply(Node node, String path, List<Problem> problems) {
        if (node instanceof Node.MapNode map) {
            for (Map.Entry<String, Node> e : new ArrayList<>(map.entries().entrySet())) {
                String childPath = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                map.put(e.getKey(), map.keyLocation(e.getKey()), apply(e.getValue(), childPath, problems));
            }
            return map;
        }
        if (node instanceof Node.ListNode list) {
            List<Node> items = new ArrayList<>(list.items().size());
            for (int i = 0; i < list.items().size(); i++) {
                items.add(apply(list.items().get(i), path + "[" + i + "]", problems));
            }
            return new Node.ListNode(items, list.location());
        }
        Node.ScalarNode scalar = (Node.ScalarNode) node;
        if (!(scalar.value() instanceof String text) || !text.contains("${")) {
            return scalar;
        }
        Matcher m = REF.matcher(text);
        StringBuilder out = new StringBuilder();
        boolean secret = scalar.secret();
        while (m.find()) {
            String name = m.group(1);
            String value = env.apply(name);
            if (value == null || (value.isEmpty() && m.group(2) != null)) {
                value = m.group(2);
            }
            if (value == null) {
                problems.add(new Problem(scalar.location().shifted(m.start()), path,
                        "environment variable " + name + " is not set (write ${env:" + name + ":-default} to give a default)"));
                value = "";
            }
            secret |= SECRET_NAME.matcher(name).matches();
            KnownSecrets.rememberEnv(name, value);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return new Node.ScalarNode(out.toString(), scalar.location(), secret);
    }
}

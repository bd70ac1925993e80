package io.llmload.scenario;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a scenario file plus command-line overrides into a {@link Scenario}: read with
 * locations, substitute {@code ${env:...}}, apply overrides, validate against
 * {@link Scenario#SHAPE}, check cross-field rules, then bind. Every problem found is reported at
 * once in a {@link ScenarioException}.
 */
public final class ScenarioLoader {
    private final EnvSubstitution env;

    public ScenarioLoader(EnvSubstitution env) {
        this.env = env;
    }

    public static ScenarioLoader withSystemEnv() {
        return new ScenarioLoader(EnvSubstitution.fromSystem());
    }

    public Scenario load(Path file, List<Overrides.Override> overrides) throws ScenarioException {
        return bind(TreeReader.read(file), defaultName(file), overrides);
    }

    public Scenario loadText(String text, String source, List<Overrides.Override> overrides) throws ScenarioException {
        return bind(TreeReader.read(text, source, source.endsWith(".json")), defaultName(Path.of(source)), overrides);
    }

    private Scenario bind(Node tree, String defaultName, List<Overrides.Override> overrides) throws ScenarioException {
        List<Problem> problems = new ArrayList<>();
        if (!(tree instanceof Node.MapNode root)) {
            throw new ScenarioException(new Problem(tree.location(), null,
                    "expected a mapping with keys such as target, request, load; got " + tree.describe()));
        }
        // Overrides first: a value given with --set or --model may itself name ${env:VAR}, and a value
        // an override replaces needs no variable set.
        Overrides.apply(root, overrides, problems);
        env.apply(root, "", problems);
        ShapeValidator.validate(root, Scenario.SHAPE, "", problems);
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        ObjView view = new ObjView(root, Scenario.SHAPE, "");
        checkRules(view, problems);
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        Map<String, Object> resolved = ResolvedScenario.render(root, Scenario.SHAPE);
        return Scenario.from(view, defaultName, resolved);
    }

    private static final Pattern SHELL_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    /** {@code ${VAR}} as a shell writes it would go to the server as it is (a literal "Bearer ${KEY}"): say how to write it. */
    private static void shellStyleReference(Node value, String path, List<Problem> problems) {
        if (value instanceof Node.ScalarNode s && s.value() instanceof String text) {
            Matcher m = SHELL_REFERENCE.matcher(text);
            if (m.find()) {
                problems.add(new Problem(s.location(), path, "'" + m.group() + "' is not replaced here; write ${env:" + m.group(1)
                        + "} to read the environment variable"));
            }
        }
    }

    /** Rules that involve more than one value's type. */
    private static void checkRules(ObjView root, List<Problem> problems) {
        ObjView target = root.obj("target");
        String url = target.str("url");
        if (!Target.EMBEDDED.equals(url)) {
            String why = urlProblem(url);
            if (why != null) {
                problems.add(new Problem(target.location("url"), "target.url", why));
            }
        }
        shellStyleReference(target.raw("url"), "target.url", problems);
        shellStyleReference(target.raw("model"), "target.model", problems);
        if (target.raw("headers") instanceof Node.MapNode headers) {
            headers.entries().forEach((k, v) -> shellStyleReference(v, "target.headers." + k, problems));
        }
        ObjView load = root.obj("load");
        if (load.has("drain") && load.duration("drain").isZero()) {
            problems.add(new Problem(load.location("drain"), "load.drain", "must be greater than 0s"));
        }
        ObjView sweep = root.objOrNull("sweep");
        LoadRules.check(load, sweep != null && (sweep.has("rate") || sweep.has("find_max")), problems);
        LoadRules.checkLimits(root, problems);
        SweepRules.check(root, problems);
        WorkloadRules.check(root, problems);
        HttpRules.check(target.obj("http"), problems);
        MockFaults.check(root.obj("mock").obj("faults"), problems);
        RetrySpec.check(root.obj("request").obj("retry"), problems);
        InputRules.check(root, problems);
        ObjView server = root.obj("server_metrics");
        if (server.has("url")) {
            String why = metricsUrlProblem(server.str("url"));
            if (why != null) {
                problems.add(new Problem(server.location("url"), "server_metrics.url", why));
            }
        }
        if (server.has("every") && server.duration("every").toMillis() < 100) {
            problems.add(new Problem(server.location("every"), "server_metrics.every", "must be at least 100ms"));
        }
        ObjView timeouts = target.obj("timeouts");
        for (String key : List.of("connect", "first_token", "idle", "total")) {
            if (timeouts.duration(key).isZero()) {
                problems.add(new Problem(timeouts.location(key), "target.timeouts." + key, "must be greater than 0s"));
            }
        }
    }

    /** The path each {@code target.api} appends to the base URL, and the api; a full URL of one is a mistake. */
    private static final String[][] API_ROUTES = {{"/chat/completions", "chat"}, {"/completions", "completions"},
        {"/embeddings", "embeddings"}, {"/rerank", "rerank"}, {"/responses", "responses"}, {"/messages", "messages"}};

        static String urlProblem(String url) {
        String noScheme = schemeMissing(url, "http://127.0.0.1:8000/v1");
        if (noScheme != null) {
            return noScheme;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
                return "expected an http:// or https:// base URL such as http://127.0.0.1:8000/v1, or 'embedded'; got '" + url + "'";
            }
            if (uri.getHost() == null) {
                return "the URL has no host: '" + url + "'";
            }
            String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            // the path of each target.api (client.Api), chat first: "/chat/completions" also ends with "/completions"
            for (String[] route : API_ROUTES) {
                if (trimmed.endsWith(route[0])) {
                    return "give the base URL; " + route[0] + " is appended" + (route[1].equals("chat") ? "" : " for target.api " + route[1])
                            + " (use '" + trimmed.substring(0, trimmed.length() - route[0].length()) + "')";
                }
            }
            return null;
        } catch (Exception e) {
            return "not a valid URL: '" + url + "'";
        }
    }

    static String metricsUrlProblem(String url) {
        String noScheme = schemeMissing(url, "http://127.0.0.1:8000/metrics");
        if (noScheme != null) {
            return noScheme;
        }
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
                return "expected an http:// or https:// URL such as http://127.0.0.1:8000/metrics; got '" + url + "'";
            }
            return null;
        } catch (Exception e) {
            return "not a valid URL: '" + url + "'";
        }
    }

    /**
     * A URL written without its scheme ({@code localhost:8000/v1}, which Java's URI would even read
     * as scheme "localhost"): say what to write. Null when the URL has a scheme.
     */
    private static String schemeMissing(String url, String example) {
        if (url == null || url.contains("://") || url.isBlank() || url.contains(" ")) {
            return null;
        }
        if (url.regionMatches(true, 0, "http:", 0, 5) || url.regionMatches(true, 0, "https:", 0, 6)) {
            return "expected '//' after the scheme, as in " + example + "; got '" + url + "'";
        }
        String suggestion = "http://" + (url.startsWith("//") ? url.substring(2) : url);
        return "'" + url + "' has no scheme: write '" + suggestion + "' (or https:// for TLS)";
    }

    private static String defaultName(Path file) {
        String n = file.getFileName() == null ? "scenario" : file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}

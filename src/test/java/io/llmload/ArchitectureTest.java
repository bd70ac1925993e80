package io.llmload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Guards the package layout (DESIGN.md, "Layout"): the data flows one way, so the statistics that
 * decide a regression stay out of the rendering package, a renderer never reaches into the load
 * driver, and no two packages depend on each other. Read from the import lines of src/main/java,
 * which is where a new crossing shows up first; no bytecode analysis library is needed for that.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+(io\\.llmload[\\w.]*)\\s*;", Pattern.MULTILINE);
    /** The package of an imported type: the segments before the first capitalised one. */
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?(io\\.llmload(?:\\.[a-z]\\w*)*)\\.[A-Z*]",
            Pattern.MULTILINE);

    /** Package -> the io.llmload packages it imports -> the files that do it (for the message). */
    private static Map<String, Map<String, String>> graph;

    @BeforeAll
    static void readImports() throws IOException {
        graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(ArchitectureTest::read);
        }
        assertThat(graph).as("packages found under " + MAIN.toAbsolutePath()).containsKeys("io.llmload.report", "io.llmload.load");
    }

    private static void read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher p = PACKAGE.matcher(text);
        if (!p.find()) {
            return;
        }
        Map<String, String> deps = graph.computeIfAbsent(p.group(1), k -> new TreeMap<>());
        Matcher i = IMPORT.matcher(text);
        while (i.find()) {
            if (!i.group(1).equals(p.group(1))) {
                deps.merge(i.group(1), MAIN.relativize(file).toString(), (a, b) -> a.contains(b) ? a : a + ", " + b);
            }
        }
    }

    @Test
    void onlyTheShellsImportTheRenderers() {
        for (String below : List.of("check", "stats", "result", "metrics", "load", "client", "workload", "scenario")) {
            assertThat(importers("io.llmload.report", "io.llmload." + below))
                    .as("io.llmload.%s must not import io.llmload.report (rendering); move what it needs below both", below)
                    .isEmpty();
        }
    }

    @Test
    void reportsDoNotKnowTheLoadDriver() {
        assertThat(importers("io.llmload.load", "io.llmload.report"))
                .as("io.llmload.report must not import io.llmload.load; the runner feeds it snapshots").isEmpty();
    }

    @Test
    void theEngineDoesNotImportTheCommandLine() {
        assertThat(importers("io.llmload.cli", "io.llmload.engine"))
                .as("io.llmload.engine must not import io.llmload.cli; the command line calls the engine, not the other way").isEmpty();
    }

    @Test
    void theJavaApiRunsTheEngineNotTheCommandLine() {
        assertThat(importers("io.llmload.cli", "io.llmload.api"))
                .as("io.llmload.api must not import io.llmload.cli: both are shells over the engine").isEmpty();
        assertThat(graph.get("io.llmload.api")).as("the API runs the engine").containsKey("io.llmload.engine");
    }

    @Test
    void nothingBelowTheEngineImportsIt() {
        for (String below : List.of("load", "client", "report", "check", "stats", "record", "mock", "metrics", "result", "scenario",
                "workload", "cluster", "scaffold", "text")) {
            assertThat(importers("io.llmload.engine", "io.llmload." + below))
                    .as("io.llmload.%s must not import io.llmload.engine: data flows scenario -> plan -> drivers -> results -> reports", below)
                    .isEmpty();
        }
        assertThat(graph).as("the engine package exists").containsKey("io.llmload.engine");
    }

    /**
     * The import lines miss a fully qualified name or a Javadoc link, so the engine's sources are
     * also searched for the name of every type in {@code cli}: a type the engine needs belongs in
     * the engine (or below), not in the command line.
     */
    @Test
    void theCommandLineHoldsNoTypeTheEngineNeeds() throws IOException {
        Set<String> cliTypes = new TreeSet<>();
        try (Stream<Path> files = Files.list(MAIN.resolve("io/llmload/cli"))) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".java") && !n.equals("package-info.java"))
                    .forEach(n -> cliTypes.add(n.substring(0, n.length() - ".java".length())));
        }
        assertThat(cliTypes).as("types under io/llmload/cli").contains("Main", "RunCommand");
        List<String> uses = new ArrayList<>();
        try (Stream<Path> files = Files.list(MAIN.resolve("io/llmload/engine"))) {
            for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                if (Pattern.compile("io\\.llmload\\.cli\\b").matcher(text).find()) { // not io.llmload.client
                    uses.add(MAIN.relativize(f) + " names io.llmload.cli");
                }
                for (String type : cliTypes) {
                    if (Pattern.compile("\\b" + type + "\\b").matcher(text).find()) {
                        uses.add(MAIN.relativize(f) + " uses cli's " + type);
                    }
                }
            }
        }
        assertThat(uses).as("engine sources that need a type of io.llmload.cli").isEmpty();
    }

    @Test
    void noPackageCycles() {
        List<List<String>> cycles = new ArrayList<>();
        for (Set<String> component : stronglyConnected()) {
            if (component.size() > 1) {
                cycles.add(List.copyOf(component));
            }
        }
        assertThat(cycles).as("packages that depend on each other (directly or through others)").isEmpty();
    }

    @Test
    void theCycleCheckFindsACycle() {
        Map<String, Map<String, String>> saved = graph;
        try {
            graph = Map.of("a", Map.of("b", "A.java"), "b", Map.of("c", "B.java"), "c", Map.of("a", "C.java"), "d", Map.of("a", "D.java"));
            assertThat(stronglyConnected()).contains(Set.of("a", "b", "c")).doesNotContain(Set.of("a", "b", "c", "d"));
        } finally {
            graph = saved;
        }
    }

    /** The files of packages {@code under} (and its subpackages) that import {@code target} or one of its subpackages. */
    private static List<String> importers(String target, String under) {
        List<String> out = new ArrayList<>();
        graph.forEach((pkg, deps) -> {
            if (within(pkg, under) && !within(pkg, target)) {
                deps.forEach((dep, file) -> {
                    if (within(dep, target)) {
                        out.add(file + " imports " + dep);
                    }
                });
            }
        });
        return out;
    }

    private static boolean within(String pkg, String root) {
        return pkg.equals(root) || pkg.startsWith(root + ".");
    }

    /** Tarjan's algorithm, iterative over the import graph; each returned set is one strongly connected component. */
    private static List<Set<String>> stronglyConnected() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> out = new ArrayList<>();
        for (String start : graph.keySet()) {
            if (!index.containsKey(start)) {
                strongConnect(start, index, low, stack, onStack, out);
            }
        }
        return out;
    }

    private static void strongConnect(String v, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
                                      Set<String> onStack, List<Set<String>> out) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Map.of()).keySet()) {
            if (!index.containsKey(w)) {
                strongConnect(w, index, low, stack, onStack, out);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            out.add(component);
        }
    }
}

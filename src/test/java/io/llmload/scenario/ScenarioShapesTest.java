package io.llmload.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The scenario records and their declared {@code SHAPE}s cannot drift apart: every record
 * component has a key of the same name (snake_case) and every key a component, and every record's
 * shape is reachable from {@link Scenario#SHAPE} (so it is validated and published in the schema).
 * Found by reflection over the compiled {@code io.llmload.scenario} package, so new records are
 * checked without touching this test.
 */
class ScenarioShapesTest {
    /** Components that are derived from keys rather than written as keys, with the reason. */
    private static final Map<String, String> DERIVED_COMPONENTS = Map.of(
            "Scenario.resolved", "the whole scenario as plain values, for reports",
            "Target.secretHeaders", "which headers came from a secret-looking env var",
            "LoadSpec.warmupAuto", "true when load.warmup is the word auto",
            "LoadSpec.warmupDefault", "true when load.warmup is not written (a default is chosen)",
            "ServerMetricsSpec.enabled", "true when the server_metrics section is present",
            "ThresholdSpec.location", "where the expression is written, for column-precise errors");
    /** Keys bound into a component of another name, with the reason. */
    private static final Map<String, String> KEYS_WITHOUT_COMPONENT = Map.of();
    /** Records whose keys all bind into one map component rather than one component each, with the reason. */
    private static final Map<String, String> KEYED_MAPS = Map.of(
            "MockFaults", "each fault name is a key of the faults map");

    static List<Class<?>> shapedRecords() throws IOException, URISyntaxException, ClassNotFoundException {
        Path dir = Path.of(Scenario.class.getResource("Scenario.class").toURI()).getParent();
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (!name.endsWith(".class") || name.contains("$")) {
                    continue;
                }
                Class<?> c = Class.forName(Scenario.class.getPackageName() + "." + name.substring(0, name.length() - 6));
                if (c.isRecord() && shapeOf(c) != null) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    private static Shape.Obj shapeOf(Class<?> c) {
        try {
            Field f = c.getField("SHAPE");
            return Modifier.isStatic(f.getModifiers()) && f.get(null) instanceof Shape.Obj obj ? obj : null;
        } catch (NoSuchFieldException | IllegalAccessException e) {
            return null;
        }
    }

    static String snakeCase(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }

    @Test
    void theScanFindsTheKnownRecords() throws Exception {
        assertThat(shapedRecords()).contains(Scenario.class, Target.class, Timeouts.class, HttpSettings.class, RequestSpec.class,
                Workload.class, LoadSpec.class, ReportSpec.class, MockSpec.class);
    }

    @Test
    void everyRecordComponentHasAKeyAndEveryKeyAComponent() throws Exception {
        List<String> drift = new ArrayList<>();
        for (Class<?> c : shapedRecords()) {
            if (KEYED_MAPS.containsKey(c.getSimpleName())) {
                continue;
            }
            Shape.Obj shape = shapeOf(c);
            List<String> components = new ArrayList<>();
            for (RecordComponent rc : c.getRecordComponents()) {
                String key = snakeCase(rc.getName());
                components.add(key);
                String id = c.getSimpleName() + "." + rc.getName();
                if (shape.field(key) == null && !DERIVED_COMPONENTS.containsKey(id)) {
                    drift.add(id + " has no key '" + key + "' in " + c.getSimpleName() + ".SHAPE");
                }
            }
            for (String key : shape.fields().keySet()) {
                if (!components.contains(key) && !KEYS_WITHOUT_COMPONENT.containsKey(c.getSimpleName() + "." + key)) {
                    drift.add(c.getSimpleName() + ".SHAPE key '" + key + "' has no record component");
                }
            }
        }
        assertThat(drift).as("records and shapes disagree; add the key to the SHAPE (with a default and a description), "
                + "or list a derived component in this test with its reason").isEmpty();
    }

    @Test
    void everyRecordShapeIsPartOfTheScenarioShape() throws Exception {
        Set<Shape> reachable = Collections.newSetFromMap(new IdentityHashMap<>());
        collect(Scenario.SHAPE, reachable);
        for (Class<?> c : shapedRecords()) {
            assertThat(reachable.contains(shapeOf(c)))
                    .as(c.getSimpleName() + ".SHAPE is not used in Scenario.SHAPE, so it is neither validated nor in the schema")
                    .isTrue();
        }
    }

    @Test
    void everyKeyHasADescription() {
        List<String> missing = new ArrayList<>();
        Set<Shape> all = Collections.newSetFromMap(new IdentityHashMap<>());
        collect(Scenario.SHAPE, all);
        for (Shape s : all) {
            if (s instanceof Shape.Obj obj) {
                obj.fields().values().stream().filter(f -> f.description() == null || f.description().isBlank())
                        .forEach(f -> missing.add(f.name()));
            }
        }
        assertThat(missing).isEmpty();
    }

    private static void collect(Shape shape, Set<Shape> out) {
        if (!out.add(shape)) {
            return;
        }
        if (shape instanceof Shape.Obj obj) {
            obj.fields().values().forEach(f -> collect(f.shape(), out));
        } else if (shape instanceof Shape.ListOf l) {
            collect(l.item(), out);
        } else if (shape instanceof Shape.MapOf m) {
            collect(m.value(), out);
        } else if (shape instanceof Shape.OneOf o) {
            o.options().forEach(s -> collect(s, out));
        }
    }

    @Test
    void snakeCaseMatchesTheKeys() {
        assertThat(Arrays.asList("apiKeyEnv", "firstToken", "maxTokens", "outputTokens", "tlsVerify", "url"))
                .extracting(ScenarioShapesTest::snakeCase)
                .containsExactly("api_key_env", "first_token", "max_tokens", "output_tokens", "tls_verify", "url");
    }
}

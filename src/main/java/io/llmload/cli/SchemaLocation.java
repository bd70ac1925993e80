package io.llmload.cli;

import io.llmload.scenario.ScenarioSchema;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the scenario JSON Schema that ships beside this llmload (the distribution's
 * {@code schema/} or a checkout's), and says how a scenario in a given directory refers to it in
 * its {@code # yaml-language-server: $schema=} line. Stateless.
 */
final class SchemaLocation {
    private SchemaLocation() {
    }

    /** The reference for a scenario in {@code dir}, or null when no schema file is found. */
    static String reference(Path dir) {
        Path schema = find();
        if (schema == null) {
            return null;
        }
        Path from = dir.toAbsolutePath().normalize();
        Path home = schema.getParent().getParent();
        // Inside the llmload directory (its scenarios/) a relative path survives moving the whole
        // tree; anywhere else the scenario travels on its own, so the schema is named absolutely.
        if (from.startsWith(home)) {
            return from.relativize(schema).toString().replace('\\', '/');
        }
        return schema.toUri().toString();
    }

    /** The schema beside the running code: {@code <home>/lib/llmload.jar}, {@code target/llmload.jar} or {@code target/classes}. */
    static Path find() {
        try {
            Path code = Path.of(SchemaLocation.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
            for (Path dir = code.getParent(); dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve(ScenarioSchema.FILE);
                if (Files.isRegularFile(candidate)) {
                    return candidate.normalize();
                }
                if (dir.getNameCount() < code.getNameCount() - 3) {
                    break;
                }
            }
        } catch (Exception e) {
            // no code source (unusual class loader): no modeline
        }
        return null;
    }
}

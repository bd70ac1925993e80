package io.llmload.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.llmload.result.Report;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads and writes the JSON report ({@code llmload.report/v1}, snake_case field names).
 * Reading accepts reports from other tool versions of the same schema (unknown fields are
 * ignored) and refuses other schemas with a clear message.
 */
public final class ReportJson {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private ReportJson() {
    }

    public static String toJson(Report report) {
        try {
            return MAPPER.writeValueAsString(report);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode report: " + e.getMessage(), e);
        }
    }

    public static void write(Report report, Path file) throws IOException {
        AtomicFiles.write(file, toJson(report) + "\n");
    }

    /** Reads a report; throws {@link IllegalArgumentException} with a user-facing message when it is not one. */
    public static Report read(Path file) throws IOException {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + " is not valid JSON: " + e.getOriginalMessage());
        }
        String schema = tree == null || tree.get("schema") == null ? null : tree.get("schema").asText();
        if (!Report.SCHEMA.equals(schema)) {
            throw new IllegalArgumentException(file + " has schema " + (schema == null ? "(none)" : "'" + schema + "'")
                    + "; this llmload reads " + Report.SCHEMA);
        }
        return MAPPER.treeToValue(tree, Report.class);
    }
}

package io.llmload.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.llmload.result.Report;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
            JsonNode tree = MAPPER.valueToTree(report);
            AbsentMetrics.strip(tree);
            return MAPPER.writeValueAsString(tree);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot encode report: " + e.getMessage(), e);
        }
    }

    public static void write(Report report, Path file) throws IOException {
        AtomicFiles.write(file, toJson(report) + "\n");
    }

    /**
     * The parts every report llmload writes has, whatever kind of run it describes; a report
     * without one of them is truncated or hand-made and is refused rather than shown as zeros.
     */
    private static final List<String> SUMMARY_PARTS = List.of("requests", "tokens", "throughput", "latency_ms");

    /** Reads a report; throws {@link IllegalArgumentException} with a user-facing message when it is not one. */
    public static Report read(Path file) throws IOException {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new IllegalArgumentException(file + " is not valid JSON"
                    + (at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
                    + ": " + io.llmload.scenario.ParserMessages.of(e, "JSON")
                    + (String.valueOf(e.getOriginalMessage()).contains("end-of-input") ? " (the file looks truncated)" : ""));
        }
        if (tree == null || tree.isMissingNode()) {
            throw new IllegalArgumentException(file + " is empty; give a report.json written by llmload run");
        }
        if (!tree.isObject()) {
            throw new IllegalArgumentException(file + " is not an llmload report: it holds " + describe(tree)
                    + " where a report is an object with \"schema\": \"" + Report.SCHEMA + "\"");
        }
        JsonNode schemaNode = tree.get("schema");
        String schema = schemaNode == null || schemaNode.isNull() ? null : schemaNode.asText();
        if (!Report.SCHEMA.equals(schema)) {
            throw new IllegalArgumentException(file + " has schema " + (schema == null ? "(none)" : "'" + schema + "'")
                    + "; this llmload reads " + Report.SCHEMA);
        }
        String missing = missing(tree);
        if (missing != null) {
            throw new IllegalArgumentException(file + ": not a complete llmload report (missing " + missing
                    + "); give a report.json written by llmload run");
        }
        try {
            return MAPPER.treeToValue(tree, Report.class);
        } catch (JsonMappingException e) {
            String path = path(e.getPath());
            JsonNode found = path.isEmpty() ? null : tree.at(pointer(e.getPath()));
            throw new IllegalArgumentException(file + ": not a valid llmload report: " + (path.isEmpty() ? "" : path + " is ")
                    + (found == null || found.isMissingNode() ? "malformed" : describe(found)) + ", expected " + expected(e));
        }
    }

    /** The essential parts the report lacks (absent or null), as dotted paths; a wrong type is left to the binding's message. */
    private static String missing(JsonNode tree) {
        List<String> out = new ArrayList<>();
        if (absent(tree.get("run"))) {
            out.add("run");
        }
        missingFromSummary(tree, "", out);
        for (String list : List.of("points", "variants")) {
            JsonNode items = tree.path(list);
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).isObject()) {
                    missingFromSummary(items.get(i), list + "[" + i + "].", out);
                }
            }
        }
        if (out.size() > 4) {
            return String.join(", ", out.subList(0, 4)) + " and " + (out.size() - 4) + " more";
        }
        return out.isEmpty() ? null : String.join(", ", out);
    }

    private static void missingFromSummary(JsonNode owner, String prefix, List<String> out) {
        JsonNode summary = owner.get("summary");
        if (absent(summary)) {
            out.add(prefix + "summary");
        } else if (summary.isObject()) {
            SUMMARY_PARTS.stream().filter(part -> absent(summary.get(part))).forEach(part -> out.add(prefix + "summary." + part));
        }
    }

    private static boolean absent(JsonNode n) {
        return n == null || n.isNull();
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                out.append(out.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static JsonPointer pointer(List<JsonMappingException.Reference> refs) {
        JsonPointer p = JsonPointer.empty();
        for (JsonMappingException.Reference r : refs) {
            p = r.getFieldName() != null ? p.appendProperty(r.getFieldName()) : p.appendIndex(Math.max(0, r.getIndex()));
        }
        return p;
    }

    private static String expected(JsonMappingException e) {
        Class<?> type = e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m ? m.getTargetType() : null;
        if (type == null && e.getCause() instanceof com.fasterxml.jackson.core.exc.InputCoercionException) {
            return "a smaller number (out of range)";
        }
        if (type == null) {
            return "a value of the " + Report.SCHEMA + " form";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            boolean whole = type == int.class || type == long.class || type == Integer.class || type == Long.class;
            return whole ? "a whole number" : "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "an object";
    }

    private static String describe(JsonNode n) {
        if (n.isArray()) {
            return "a JSON array";
        }
        if (n.isObject()) {
            return "an object";
        }
        if (n.isNull()) {
            return "null";
        }
        if (n.isTextual()) {
            String t = n.asText();
            return "the string \"" + (t.length() > 40 ? t.substring(0, 40) + "..." : t) + "\"";
        }
        return n.isNumber() ? "the number " + n.asText() : n.asText();
    }
}

package io.llmload.scaffold;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Writes plain values as YAML flow text that reads back as the same values: a scalar is left
 * bare only when YAML cannot mistake it for something else, otherwise it is double-quoted with
 * JSON escapes (valid YAML). Stateless.
 */
final class YamlText {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAFE_PLAIN = "[A-Za-z_][A-Za-z0-9_./@+-]*(:[A-Za-z0-9_./@+-]+)*";
    private static final List<String> RESERVED = List.of("true", "false", "null", "yes", "no", "on", "off", "y", "n", "~");

    private YamlText() {
    }

    static String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Map<?, ?> map) {
            StringJoiner out = new StringJoiner(", ", "{", "}");
            map.forEach((k, x) -> out.add(string(String.valueOf(k)) + ": " + value(x)));
            return out.toString();
        }
        if (v instanceof List<?> list) {
            StringJoiner out = new StringJoiner(", ", "[", "]");
            list.forEach(x -> out.add(value(x)));
            return out.toString();
        }
        if (v instanceof String s) {
            return string(s);
        }
        return String.valueOf(v);
    }

    static String string(String s) {
        if (s.matches(SAFE_PLAIN) && !RESERVED.contains(s.toLowerCase())) {
            return s;
        }
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

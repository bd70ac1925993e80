package io.llmload.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4 (what vLLM, SGLang, TGI and
 * Micrometer serve; the OpenMetrics extras {@code # UNIT}, {@code # EOF} and {@code _created}
 * samples are accepted too). Anything malformed is rejected with its line and column rather than
 * guessed at: a bad metric or label name, an unterminated or badly escaped label value, a
 * duplicate label, a value that is not a float, a second {@code # TYPE} for one name, an unknown
 * type, or a histogram bucket without {@code le}.
 *
 * <p>Thread contract: stateless; {@link #parse} may be called from any thread.
 */
public final class ExpositionParser {
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped",
            "gaugehistogram", "stateset", "info", "unknown");
    private static final String[] HISTOGRAM_SUFFIXES = {"_bucket", "_count", "_sum", "_created"};
    private static final String[] SUMMARY_SUFFIXES = {"_count", "_sum", "_created"};
    private static final String[] COUNTER_SUFFIXES = {"_total", "_created"};
    private static final String[] SUFFIXES = {"_bucket", "_count", "_sum", "_created", "_total"};

    private final String text;
    private int pos;
    private int line = 1;
    private int lineStart;
    private final Map<String, String> types = new LinkedHashMap<>();
    private final Map<String, String> helps = new LinkedHashMap<>();
    private final Map<String, List<Exposition.Sample>> samples = new LinkedHashMap<>();
    private final Map<String, String> familyTypes = new LinkedHashMap<>();

    private ExpositionParser(String text) {
        this.text = text;
    }

    /** Parses a whole exposition; throws {@link ExpositionException} at the first malformed line. */
    public static Exposition parse(String text) {
        return new ExpositionParser(text).run();
    }

    private Exposition run() {
        while (pos < text.length()) {
            lineStart = pos;
            skipBlanks();
            if (atLineEnd()) {
                nextLine();
                continue;
            }
            if (text.charAt(pos) == '#') {
                comment();
            } else {
                sample();
            }
            nextLine();
        }
        List<Exposition.Family> families = new ArrayList<>();
        samples.forEach((name, list) -> families.add(new Exposition.Family(name, familyTypes.get(name),
                helps.getOrDefault(name, ""), List.copyOf(list))));
        return new Exposition(List.copyOf(families));
    }

    private void comment() {
        pos++;
        skipBlanks();
        int wordStart = pos;
        while (pos < text.length() && !isBlank(text.charAt(pos)) && text.charAt(pos) != '\n') {
            pos++;
        }
        String word = text.substring(wordStart, pos);
        if (!word.equals("HELP") && !word.equals("TYPE") && !word.equals("UNIT")) {
            skipToLineEnd(); // a plain comment (or OpenMetrics' # EOF)
            return;
        }
        skipBlanks();
        String name = metricName();
        if (word.equals("HELP")) {
            if (!atLineEnd()) {
                expectBlank();
            }
            helps.putIfAbsent(name, unescapeHelp(restOfLine()));
            ensureFamily(name);
        } else if (word.equals("TYPE")) {
            expectBlank();
            String type = restOfLine().trim();
            if (!TYPES.contains(type)) {
                throw error("unknown metric type '" + type + "'");
            }
            if (types.containsKey(name)) {
                throw error("second TYPE line for metric '" + name + "'");
            }
            if (samples.containsKey(name) && !samples.get(name).isEmpty()) {
                throw error("TYPE line for metric '" + name + "' after its samples");
            }
            types.put(name, type);
            ensureFamily(name);
            familyTypes.put(name, type.equals("unknown") ? "untyped" : type);
        } else {
            restOfLine();
        }
    }

    private void sample() {
        String name = metricName();
        Map<String, String> labels = new LinkedHashMap<>();
        int before = pos;
        skipBlanks();
        if (pos < text.length() && text.charAt(pos) == '{') {
            pos++;
            labels(labels);
            before = pos;
            skipBlanks();
        }
        if (pos == before || atLineEnd()) {
            throw error("expected a space and a value");
        }
        String value = token();
        double v = number(value, "sample value");
        skipBlanks();
        if (!atLineEnd()) {
            String ts = token();
            if (!ts.matches("-?\\d+(\\.\\d+)?")) {
                throw error("expected a timestamp after the value, got '" + ts + "'");
            }
            skipBlanks();
            if (!atLineEnd()) {
                throw error("unexpected text after the timestamp");
            }
        }
        String family = familyOf(name);
        if (familyTypes.get(family).equals("histogram") && name.equals(family + "_bucket") && !labels.containsKey("le")) {
            throw error("histogram bucket '" + name + "' without an 'le' label");
        }
        samples.get(family).add(new Exposition.Sample(name, Map.copyOf(labels), v));
    }

    private void labels(Map<String, String> out) {
        while (true) {
            skipBlanks();
            if (pos < text.length() && text.charAt(pos) == '}') {
                pos++;
                return;
            }
            String label = labelName();
            skipBlanks();
            expect('=');
            skipBlanks();
            expect('"');
            StringBuilder value = new StringBuilder();
            while (true) {
                if (pos >= text.length() || text.charAt(pos) == '\n') {
                    throw error("unterminated label value for '" + label + "'");
                }
                char c = text.charAt(pos++);
                if (c == '"') {
                    break;
                }
                if (c == '\\') {
                    if (pos >= text.length()) {
                        throw error("unterminated escape in label value");
                    }
                    char e = text.charAt(pos++);
                    if (e == 'n') {
                        value.append('\n');
                    } else if (e == '\\' || e == '"') {
                        value.append(e);
                    } else {
                        pos -= 2; // point at the backslash
                        throw error("invalid escape '\\" + e + "' in label value (only \\\\, \\\" and \\n are allowed)");
                    }
                } else {
                    value.append(c);
                }
            }
            if (out.put(label, value.toString()) != null) {
                throw error("duplicate label '" + label + "'");
            }
            skipBlanks();
            if (pos < text.length() && text.charAt(pos) == ',') {
                pos++;
            } else if (pos >= text.length() || text.charAt(pos) != '}') {
                throw error("expected ',' or '}' after a label");
            }
        }
    }

    /** The family a sample belongs to: its own TYPE, or a typed base name plus a suffix the type allows. */
    private String familyOf(String name) {
        if (types.containsKey(name)) {
            return name;
        }
        for (String suffix : SUFFIXES) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                String type = types.get(base);
                if (type != null && List.of(suffixesOf(type)).contains(suffix)) {
                    return base;
                }
            }
        }
        ensureFamily(name);
        return name;
    }

    private static String[] suffixesOf(String type) {
        if (type.equals("histogram") || type.equals("gaugehistogram")) {
            return HISTOGRAM_SUFFIXES;
        }
        if (type.equals("summary")) {
            return SUMMARY_SUFFIXES;
        }
        if (type.equals("counter")) {
            return COUNTER_SUFFIXES;
        }
        return new String[0];
    }

    private void ensureFamily(String name) {
        samples.computeIfAbsent(name, k -> new ArrayList<>());
        familyTypes.putIfAbsent(name, "untyped");
    }

    private String metricName() {
        int start = pos;
        if (pos < text.length() && isNameStart(text.charAt(pos), true)) {
            pos++;
            while (pos < text.length() && isNamePart(text.charAt(pos), true)) {
                pos++;
            }
        }
        if (pos == start) {
            throw error("expected a metric name");
        }
        return text.substring(start, pos);
    }

    private String labelName() {
        int start = pos;
        if (pos < text.length() && isNameStart(text.charAt(pos), false)) {
            pos++;
            while (pos < text.length() && isNamePart(text.charAt(pos), false)) {
                pos++;
            }
        }
        if (pos == start) {
            throw error("expected a label name");
        }
        return text.substring(start, pos);
    }

    private static boolean isNameStart(char c, boolean colon) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colon && c == ':');
    }

    private static boolean isNamePart(char c, boolean colon) {
        return isNameStart(c, colon) || (c >= '0' && c <= '9');
    }

    private double number(String s, String what) {
        switch (s) {
            case "NaN", "Nan", "nan" -> {
                return Double.NaN;
            }
            case "+Inf", "Inf", "+inf", "inf" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-Inf", "-inf" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                // Java accepts suffixes like 1d or 0x1p3 that Prometheus does not; check the shape first.
                if (!s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                    throw error("expected a number as the " + what + ", got '" + s + "'");
                }
                return Double.parseDouble(s);
            }
        }
    }

    private String token() {
        int start = pos;
        while (pos < text.length() && !isBlank(text.charAt(pos)) && text.charAt(pos) != '\n') {
            pos++;
        }
        if (start == pos) {
            throw error("expected a value");
        }
        return text.substring(start, pos);
    }

    private String restOfLine() {
        int start = pos;
        skipToLineEnd();
        int end = pos;
        if (end > start && text.charAt(end - 1) == '\r') {
            end--;
        }
        return text.substring(start, end);
    }

    private static String unescapeHelp(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char e = s.charAt(++i);
                out.append(e == 'n' ? '\n' : e == '\\' ? '\\' : e);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private void expect(char c) {
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private void expectBlank() {
        if (pos >= text.length() || !isBlank(text.charAt(pos))) {
            throw error("expected a space");
        }
        skipBlanks();
    }

    private void skipBlanks() {
        while (pos < text.length() && isBlank(text.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    private boolean atLineEnd() {
        return pos >= text.length() || text.charAt(pos) == '\n';
    }

    private void skipToLineEnd() {
        while (pos < text.length() && text.charAt(pos) != '\n') {
            pos++;
        }
    }

    private void nextLine() {
        if (pos < text.length() && text.charAt(pos) == '\n') {
            pos++;
            line++;
        }
    }

    private ExpositionException error(String message) {
        return new ExpositionException(line, pos - lineStart + 1, message);
    }
}

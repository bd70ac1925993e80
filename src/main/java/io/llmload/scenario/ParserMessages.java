package io.llmload.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parser's complaint in the user's words: what is wrong with the text, without the parser's
 * internals — no class names, no {@code [Source: ...]} (the location is printed separately), no
 * {@code StreamReadConstraints} names. Jackson's limits ({@link StreamConstraintsException}) are
 * said as the limit they are. Thread contract: stateless; any thread.
 */
public final class ParserMessages {
    /** Jackson's {@code StreamReadConstraints} messages: "Document nesting depth (1001) exceeds the maximum allowed (1000, from ...)". */
    private static final Pattern LIMIT = Pattern.compile("^(Document nesting depth|String value length|Number value length|Name length"
            + "|Document length|Token count) \\((\\d+)\\) exceeds the maximum allowed \\((\\d+)");
    private static final Pattern SOURCE = Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)]", Pattern.DOTALL);
    private static final Pattern FROM = Pattern.compile("\\s*\\(from `[^`]*`\\)|,? from `[^`]*`");
    private static final Pattern INTERNALS = Pattern.compile("com\\.fasterxml|org\\.yaml|java\\.lang|java\\.io|Exception|\\bat \\[Source");

    private ParserMessages() {
    }

    /** What {@code e} says is wrong with the text; {@code format} ("JSON", "YAML") names it when nothing better can be said. */
    public static String of(JsonProcessingException e, String format) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher limit = LIMIT.matcher(message);
        if (limit.find()) {
            long max = Long.parseLong(limit.group(3));
            return switch (limit.group(1)) {
                case "Document nesting depth" -> "nested more than " + max + " levels deep";
                case "String value length" -> String.format(Locale.ROOT, "a string longer than %,d characters", max);
                case "Number value length" -> String.format(Locale.ROOT, "a number longer than %,d digits", max);
                case "Name length" -> String.format(Locale.ROOT, "a key longer than %,d characters", max);
                default -> "larger than this parser reads";
            };
        }
        if (message.startsWith("Expected a field name")) {
            // Jackson's YAML parser, at a key that is an alias, a list or a mapping
            return "a key must be a plain string here, not an alias, a list or a mapping";
        }
        if (message.startsWith("Malformed Number token")) {
            return "a malformed number";
        }
        if (message.startsWith("Invalid UTF-8")) {
            return "not UTF-8 text";
        }
        return clean(message, "not valid " + format);
    }

    /** {@code message} without parser internals, or {@code fallback} if nothing readable is left. */
    public static String clean(String message, String fallback) {
        if (message == null || message.isBlank()) {
            return fallback;
        }
        String text = SOURCE.matcher(message).replaceAll("line $1, column $2");
        text = FROM.matcher(text).replaceAll("");
        text = text.replace('\n', ' ').replaceAll("\\s+", " ").trim();
        return text.isEmpty() || INTERNALS.matcher(text).find() ? fallback : text;
    }
}

package io.llmload.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one dataset object into a {@link DatasetEntry}, or says what is wrong with it.
 *
 * <ul>
 * <li>{@code openai}: {@code {"messages": [{"role", "content"}...], "max_tokens"?: n}}; other
 *     keys (ids, metadata) are ignored. A trailing assistant message is the reference answer and
 *     is not sent, so fine-tuning files work as they are.</li>
 * <li>{@code sharegpt}: {@code {"conversations": [{"from", "value"}...]}} with {@code from}
 *     human/user, gpt/assistant/chatgpt/bard/bing/model or system. The request is the system
 *     turns before the first human turn plus that turn; the reply after it is the reference.
 *     Entries without a human turn (ShareGPT has some) are skipped, not errors.</li>
 * </ul>
 */
final class DatasetFormats {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> ROLES = List.of("system", "user", "assistant", "tool", "developer");
    private static final Set<String> HUMAN = Set.of("human", "user");
    private static final Set<String> ASSISTANT = Set.of("gpt", "assistant", "chatgpt", "bard", "bing", "model");

    /** An entry, a skip (both null), or an error message. */
    record Result(DatasetEntry entry, String error) {
        static final Result SKIP = new Result(null, null);

        static Result error(String message) {
            return new Result(null, message);
        }
    }

    private DatasetFormats() {
    }

    static Result openai(JsonNode node, long line) {
        return openai(node, line, false);
    }

    /** With {@code turns}, also finds the opening (up to the first user message) and the later user messages. */
    static Result openai(JsonNode node, long line, boolean turns) {
        if (!node.isObject()) {
            return Result.error("expected a JSON object with \"messages\", got " + kind(node));
        }
        JsonNode list = node.get("messages");
        if (list == null || !list.isArray() || list.isEmpty()) {
            return Result.error("\"messages\" must be a non-empty list of {role, content}" + (list == null ? " (missing)" : ""));
        }
        List<Object> messages = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode m = list.get(i);
            String at = "messages[" + i + "]";
            if (!m.isObject()) {
                return Result.error(at + ": expected an object {role, content}, got " + kind(m));
            }
            JsonNode role = m.get("role");
            if (role == null || !role.isTextual() || !ROLES.contains(role.asText())) {
                return Result.error(at + ".role: expected one of " + String.join(", ", ROLES) + ", got "
                        + (role == null ? "nothing" : role.toString()));
            }
            JsonNode content = m.get("content");
            boolean toolCalls = m.has("tool_calls");
            if (content == null ? !toolCalls : !(content.isTextual() || content.isArray() || (content.isNull() && toolCalls))) {
                return Result.error(at + ".content: expected a string or a list of parts, got " + (content == null ? "nothing" : kind(content)));
            }
            messages.add(MAPPER.convertValue(m, Map.class));
        }
        Integer maxTokens = null;
        JsonNode max = node.get("max_tokens");
        if (max != null && !max.isNull()) {
            if (!max.canConvertToInt() || !max.isIntegralNumber() || max.asInt() < 1) {
                return Result.error("max_tokens: expected an integer >= 1, got " + max);
            }
            maxTokens = max.asInt();
        }
        String reference = null;
        Object last = messages.get(messages.size() - 1);
        if ("assistant".equals(((Map<?, ?>) last).get("role"))) {
            if (messages.size() == 1) {
                return Result.error("the only message is the assistant's: nothing to send");
            }
            reference = ((Map<?, ?>) last).get("content") instanceof String s ? s : null;
            messages.remove(messages.size() - 1);
        }
        if (!turns) {
            return new Result(new DatasetEntry(messages, reference, maxTokens, line), null);
        }
        int opening = messages.size();
        List<Object> later = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if ("user".equals(((Map<?, ?>) messages.get(i)).get("role"))) {
                if (opening == messages.size()) {
                    opening = i + 1;
                } else {
                    later.add(messages.get(i));
                }
            }
        }
        return new Result(new DatasetEntry(messages, reference, maxTokens, line, opening, later), null);
    }

    static Result sharegpt(JsonNode node, long line) {
        return sharegpt(node, line, false);
    }

    /** With {@code turns}, also keeps the human turns after the first (the later user messages of a conversation). */
    static Result sharegpt(JsonNode node, long line, boolean keepTurns) {
        if (!node.isObject()) {
            return Result.error("expected a JSON object with \"conversations\", got " + kind(node));
        }
        JsonNode turns = node.get("conversations");
        if (turns == null || !turns.isArray()) {
            return Result.error("\"conversations\" must be a list of {from, value}" + (turns == null ? " (missing)" : ""));
        }
        List<Object> messages = new ArrayList<>();
        List<Object> later = new ArrayList<>();
        String reference = null;
        boolean asked = false;
        for (int i = 0; i < turns.size(); i++) {
            JsonNode t = turns.get(i);
            String at = "conversations[" + i + "]";
            JsonNode from = t.get("from");
            JsonNode value = t.get("value");
            if (!t.isObject() || from == null || !from.isTextual() || value == null || !value.isTextual()) {
                return Result.error(at + ": expected {\"from\": \"human\"|\"gpt\"|\"system\", \"value\": \"text\"}, got " + t);
            }
            String who = from.asText().toLowerCase();
            String role = HUMAN.contains(who) ? "user" : ASSISTANT.contains(who) ? "assistant" : "system".equals(who) ? "system" : null;
            if (role == null) {
                return Result.error(at + ".from: expected human, gpt or system (or user, assistant), got \"" + from.asText() + "\"");
            }
            if (asked) {
                if (role.equals("assistant") && reference == null) {
                    reference = value.asText();
                }
                if (keepTurns && role.equals("user") && !value.asText().isEmpty()) {
                    later.add(message("user", value.asText()));
                }
                continue; // later turns belong to the conversation, not to this single request
            }
            if (role.equals("system") || (role.equals("user") && !value.asText().isEmpty())) {
                messages.add(message(role, value.asText()));
                asked = role.equals("user");
            }
        }
        if (!asked) {
            return Result.SKIP;
        }
        return new Result(new DatasetEntry(messages, reference, null, line, messages.size(), later), null);
    }

    private static Map<String, Object> message(String role, String content) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", role);
        m.put("content", content);
        return m;
    }

    private static String kind(JsonNode n) {
        if (n.isTextual()) {
            return "a string";
        }
        if (n.isNumber()) {
            return "a number";
        }
        if (n.isArray()) {
            return "a list";
        }
        if (n.isBoolean()) {
            return "a boolean";
        }
        return n.isNull() ? "null" : "an object";
    }
}

package io.llmload.mock;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The tool call a mock answer makes instead of text, when the request carries {@code tools} and
 * its {@code tool_choice} asks for a call: {@code "required"} (chat, Responses) or
 * {@code {"type": "any"}} (Messages) call the first tool; a named choice calls that one
 * ({@code {"type": "function", "function": {"name": …}}} in chat, {@code {"type": "function",
 * "name": …}} in Responses, {@code {"type": "tool", "name": …}} in Messages). {@code "auto"},
 * {@code "none"} or no choice answer with text, as a model that chose not to call would.
 *
 * <p>The call has {@code tokens} output tokens like a text answer (the same TTFT, ITL, max_tokens
 * and usage): token 0 opens the call with its name (chat's first {@code tool_calls} delta with
 * {@code arguments: ""}, a Responses {@code function_call} item, an Anthropic {@code tool_use}
 * block), tokens 1.. are fragments of its arguments, {@code {"query":" the model answers…"}}.
 *
 * @param name   the function called
 * @param tokens the answer's output tokens (the name's and the arguments' together)
 * @param id     the call's id, unique per response
 */
record MockToolCall(String name, int tokens, String id) {

    /** The name of the tool {@code body} asks the mock to call, or null when it should answer with text. */
    static String requested(MockApi api, JsonObject body) {
        if (!(body.getValue("tools") instanceof JsonArray tools) || tools.isEmpty() || !(tools.getValue(0) instanceof JsonObject first)) {
            return null;
        }
        Object choice = body.getValue("tool_choice");
        return switch (api) {
            case CHAT -> "required".equals(choice) ? first.getJsonObject("function", new JsonObject()).getString("name")
                    : choice instanceof JsonObject o && "function".equals(o.getValue("type"))
                    ? o.getJsonObject("function", new JsonObject()).getString("name") : null;
            case RESPONSES -> "required".equals(choice) ? first.getString("name")
                    : choice instanceof JsonObject o && "function".equals(o.getValue("type")) ? o.getString("name") : null;
            case MESSAGES -> choice instanceof JsonObject o && "any".equals(o.getValue("type")) ? first.getString("name")
                    : choice instanceof JsonObject o && "tool".equals(o.getValue("type")) ? o.getString("name") : null;
            default -> null;
        };
    }

    /** The piece of the arguments that answer token {@code i} (1 or more) carries. */
    String fragment(int i) {
        StringBuilder piece = new StringBuilder();
        if (i == 1) {
            piece.append("{\"query\":\"");
        }
        piece.append(MockChunks.word(i - 1));
        if (i == tokens - 1) {
            piece.append("\"}");
        }
        return piece.toString();
    }

    /** The whole arguments: every fragment, or {@code {}} for a one-token call (its name only). */
    String arguments() {
        if (tokens <= 1) {
            return "{}";
        }
        StringBuilder all = new StringBuilder();
        for (int i = 1; i < tokens; i++) {
            all.append(fragment(i));
        }
        return all.toString();
    }
}

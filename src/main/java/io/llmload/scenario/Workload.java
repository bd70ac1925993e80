package io.llmload.scenario;

import static io.llmload.scenario.Shape.any;
import static io.llmload.scenario.Shape.integer;
import static io.llmload.scenario.Shape.nonEmptyListOf;
import static io.llmload.scenario.Shape.obj;
import static io.llmload.scenario.Shape.optional;
import static io.llmload.scenario.Shape.required;
import static io.llmload.scenario.Shape.str;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What is sent: the chat messages (as plain JSON values) and the seed for anything random. */
public record Workload(List<Object> messages, long seed) {

    public static final Shape.Obj MESSAGE = obj(
            required("role", str("system", "user", "assistant", "tool", "developer"), "who speaks"),
            required("content", any(), "the text, or a list of content parts"),
            optional("name", str(), null, "optional participant name"),
            optional("tool_calls", any(), null, "assistant tool calls, copied as-is"),
            optional("tool_call_id", str(), null, "the call a tool message answers"));

    public static final Shape.Obj SHAPE = obj(
            optional("messages", nonEmptyListOf(MESSAGE), List.of(Map.of("role", "user", "content", "Hello")),
                    "the chat messages sent with every request"),
            optional("seed", integer(Long.MIN_VALUE), 42L, "seed for every random choice, so runs are reproducible"));

    @SuppressWarnings("unchecked")
    static Workload from(ObjView v) {
        return new Workload(new ArrayList<>((List<Object>) v.plain("messages")), v.integer("seed"));
    }
}

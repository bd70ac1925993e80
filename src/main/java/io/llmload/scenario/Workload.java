package io.llmload.scenario;

import static io.llmload.scenario.Shape.any;
import static io.llmload.scenario.Shape.nonEmptyListOf;
import static io.llmload.scenario.Shape.obj;
import static io.llmload.scenario.Shape.optional;
import static io.llmload.scenario.Shape.required;
import static io.llmload.scenario.Shape.str;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What is sent: exactly one of fixed {@code messages}, {@code synthetic} prompts or a
 * {@code dataset} (the unused ones are null; with none written, a one-line "Hello"), optionally
 * as multi-turn {@code conversation}s and with users who {@code cancel}, the tokenizer that counts
 * prompt lengths (and output tokens when a server sends no usage), and the seed for anything
 * random.
 *
 * @param conversation null: every request stands alone
 * @param cancel       null: no request is abandoned
 */
public record Workload(List<Object> messages, SyntheticSpec synthetic, DatasetSpec dataset, ConversationSpec conversation,
                       CancelSpec cancel, String tokenizer, long seed) {

    public static final List<String> KINDS = List.of("messages", "synthetic", "dataset");
    public static final List<String> TOKENIZERS = List.of("cl100k_base", "o200k_base", "p50k_base", "r50k_base", "p50k_edit");
    public static final List<Object> DEFAULT_MESSAGES = List.of(Map.of("role", "user", "content", "Hello"));

    public static final Shape.Obj MESSAGE = obj(
            required("role", str("system", "user", "assistant", "tool", "developer"), "who speaks"),
            required("content", any(), "the text, or a list of content parts"),
            optional("name", str(), null, "optional participant name"),
            optional("tool_calls", any(), null, "assistant tool calls, copied as-is"),
            optional("tool_call_id", str(), null, "the call a tool message answers"));

    public static final Shape.Obj SHAPE = obj(
            optional("messages", nonEmptyListOf(MESSAGE), null,
                    "the chat messages sent with every request (default: one user message, Hello)"),
            optional("synthetic", SyntheticSpec.SHAPE, null, "generated prompts of exact token lengths"),
            optional("dataset", DatasetSpec.SHAPE, null, "prompts sampled from a JSONL or ShareGPT file"),
            optional("conversation", ConversationSpec.SHAPE, null,
                    "multi-turn chats: each user sends its history with the real replies, turn after turn"),
            optional("cancel", CancelSpec.SHAPE, null, "users who give up: a share of requests is abandoned mid-stream"),
            optional("tokenizer", str(TOKENIZERS.toArray(String[]::new)), "cl100k_base",
                    "tiktoken encoding (jtokkit) that counts prompt lengths, and output tokens when a server sends no usage"),
            optional("seed", Shape.longInteger(Long.MIN_VALUE), 42L, "seed for every random choice, so runs are reproducible"));

    @SuppressWarnings("unchecked")
    static Workload from(ObjView v) {
        SyntheticSpec synthetic = v.has("synthetic") ? SyntheticSpec.from(v.obj("synthetic")) : null;
        DatasetSpec dataset = v.has("dataset") ? DatasetSpec.from(v.obj("dataset")) : null;
        List<Object> messages = null;
        if (v.has("messages")) {
            messages = new ArrayList<>((List<Object>) v.plain("messages"));
        } else if (synthetic == null && dataset == null) {
            messages = DEFAULT_MESSAGES;
        }
        return new Workload(messages, synthetic, dataset, v.has("conversation") ? ConversationSpec.from(v.obj("conversation")) : null,
                v.has("cancel") ? CancelSpec.from(v.obj("cancel")) : null, v.str("tokenizer"), v.integer("seed"));
    }

    /** Which kind of workload this is: messages, synthetic or dataset. */
    public String kind() {
        return synthetic != null ? "synthetic" : dataset != null ? "dataset" : "messages";
    }
}

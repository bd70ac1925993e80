package io.llmload.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Anthropic Messages API ({@code POST /v1/messages}). A stream is named events whose data
 * carries the same {@code type}: {@code message_start} ({@code message.usage.input_tokens}),
 * {@code content_block_start}, {@code content_block_delta} with {@code delta.type}
 * {@code text_delta} ({@code text}: answer) or {@code thinking_delta} ({@code thinking}: reasoning),
 * {@code content_block_stop}, {@code message_delta} ({@code usage.output_tokens}, cumulative, and
 * {@code delta.stop_reason}), {@code message_stop} (the end; there is no {@code data: [DONE]}),
 * {@code ping}; {@code event: error} is an error (the SSE parser flags it). A tool call is a
 * {@code content_block_start} whose {@code content_block} is {@code {type: tool_use, id, name,
 * input: {}}}, then {@code content_block_delta}s with {@code delta: {type: input_json_delta,
 * partial_json}} (the first one usually empty), and {@code stop_reason: tool_use}: the name and
 * each non-empty fragment are answer tokens (the name's event the first of them), kept for the
 * tokenizer (anthropic-sdk-python {@code src/anthropic/types/tool_use_block.py} at 00dcf921,
 * {@code input_json_delta.py} at ad7adbd2; docs.anthropic.com "Streaming request with tool use"). Output tokens count
 * thinking too: Anthropic reports no reasoning count, so reasoning is counted from its text.
 * A whole answer: {@code content[]} blocks of type {@code text} and {@code thinking}, {@code stop_reason}, {@code usage}.
 * Sources: docs.anthropic.com/en/api/messages-streaming ("Event types", "Basic streaming request",
 * "Streaming request with extended thinking"); @anthropic-ai/sdk 0.33.1 {@code resources/messages/messages.d.ts}.
 */
final class MessagesReader extends WireReader {

    @Override
    Read event(JsonNode event, long arrivalNanos, AnswerTally tally) {
        switch (event.path("type").asText()) {
            case "message_start" -> tally.usagePrompt = longOr(event.at("/message/usage/input_tokens"), -1);
            case "content_block_start" -> {
                JsonNode block = event.path("content_block");
                if ("tool_use".equals(block.path("type").asText())) {
                    // the tool's name is the model's output: the call's first tokens
                    tally.toolCalls++;
                    toolPiece(tally, arrivalNanos, block.path("name").asText(""));
                }
            }
            case "content_block_delta" -> {
                JsonNode delta = event.path("delta");
                switch (delta.path("type").asText()) {
                    case "text_delta" -> text(tally, arrivalNanos, delta.path("text").asText(""), false);
                    case "thinking_delta" -> text(tally, arrivalNanos, delta.path("thinking").asText(""), true);
                    // a tool call's arguments; the first fragment is often empty ("partial_json": "")
                    case "input_json_delta" -> toolPiece(tally, arrivalNanos, delta.path("partial_json").asText(""));
                    default -> { }
                }
            }
            case "message_delta" -> {
                tally.usageCompletion = longOr(event.at("/usage/output_tokens"), tally.usageCompletion);
                if (event.at("/delta/stop_reason").isTextual()) {
                    tally.finishReason = event.at("/delta/stop_reason").asText();
                }
            }
            case "message_stop" -> {
                return Read.DONE;
            }
            case "error" -> {
                return Read.ERROR;
            }
            default -> { }
        }
        return Read.OK;
    }

    @Override
    Read whole(JsonNode body, long arrivalNanos, AnswerTally tally) {
        StringBuilder answer = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        for (JsonNode block : body.path("content")) {
            switch (block.path("type").asText()) {
                case "text" -> answer.append(block.path("text").asText(""));
                case "thinking" -> thinking.append(block.path("thinking").asText(""));
                default -> { }
            }
        }
        wholeText(tally, arrivalNanos, answer.toString(), thinking.toString());
        for (JsonNode block : body.path("content")) {
            if ("tool_use".equals(block.path("type").asText())) {
                wholeTool(tally, arrivalNanos, block.path("name").asText(""), block.path("input").toString());
            }
        }
        tally.finishReason = body.path("stop_reason").isTextual() ? body.get("stop_reason").asText() : null;
        tally.usagePrompt = longOr(body.at("/usage/input_tokens"), -1);
        tally.usageCompletion = longOr(body.at("/usage/output_tokens"), -1);
        return Read.OK;
    }
}

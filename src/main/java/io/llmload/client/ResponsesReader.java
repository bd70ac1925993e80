package io.llmload.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The OpenAI Responses API ({@code POST /v1/responses}). A stream is typed events, each data line
 * carrying its {@code type}: {@code response.output_text.delta} ({@code delta}: answer text),
 * {@code response.reasoning_summary_text.delta} and {@code response.reasoning_text.delta} (reasoning
 * text, the latter vLLM's), and it ends with {@code response.completed} (or {@code response.incomplete})
 * whose {@code response.usage} has {@code input_tokens}, {@code output_tokens} and
 * {@code output_tokens_details.reasoning_tokens}; there is no {@code data: [DONE]}.
 * {@code response.failed} and {@code error} are errors. A whole answer is the response object:
 * {@code output[]} items of type {@code message} (content {@code output_text}) and {@code reasoning}.
 * A function call is an output item of type {@code function_call} ({@code id}, {@code call_id},
 * {@code name}, {@code arguments}): announced by {@code response.output_item.added}, its arguments
 * streamed by {@code response.function_call_arguments.delta} ({@code delta}) and repeated whole by
 * {@code .done}; such an answer's finish reason is reported as {@code function_call} (openai-python
 * {@code src/openai/types/responses/response_function_tool_call.py} at 068ea67f,
 * {@code response_function_call_arguments_delta_event.py} and {@code _done_event.py} at 04448952).
 * Sources: OpenAI API reference "Streaming events" (platform.openai.com/docs/api-reference/responses-streaming);
 * the openai-interface 0.9.0 crate's {@code responses/create/response.rs} (no [DONE], terminal events);
 * vLLM v0.10 {@code vllm/entrypoints/openai/serving_responses.py} (response.reasoning_text.delta).
 */
final class ResponsesReader extends WireReader {

    @Override
    Read event(JsonNode event, long arrivalNanos, AnswerTally tally) {
        switch (event.path("type").asText()) {
            case "response.output_text.delta" -> text(tally, arrivalNanos, event.path("delta").asText(""), false);
            case "response.reasoning_summary_text.delta", "response.reasoning_text.delta" ->
                    text(tally, arrivalNanos, event.path("delta").asText(""), true);
            case "response.output_item.added" -> {
                JsonNode item = event.path("item");
                if ("function_call".equals(item.path("type").asText())) {
                    // the call opens with its name (arguments "" as a rule): its first tokens
                    tally.toolCalls++;
                    toolPiece(tally, arrivalNanos, item.path("name").asText(""));
                    keep(tally.tools, item.path("arguments").asText(""));
                }
            }
            // .done repeats the whole arguments: nothing new
            case "response.function_call_arguments.delta" -> toolPiece(tally, arrivalNanos, event.path("delta").asText(""));
            case "response.completed", "response.incomplete" -> {
                finish(event.path("response"), tally);
                return Read.DONE;
            }
            case "response.failed", "error" -> {
                return Read.ERROR;
            }
            default -> { }
        }
        return Read.OK;
    }

    @Override
    Read whole(JsonNode body, long arrivalNanos, AnswerTally tally) {
        if ("failed".equals(body.path("status").asText())) {
            return Read.ERROR;
        }
        StringBuilder answer = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        for (JsonNode item : body.path("output")) {
            String type = item.path("type").asText();
            if (type.equals("message")) {
                for (JsonNode part : item.path("content")) {
                    answer.append(part.path("text").asText(""));
                }
            } else if (type.equals("reasoning")) {
                for (JsonNode part : item.path("content")) {
                    reasoning.append(part.path("text").asText(""));
                }
                for (JsonNode part : item.path("summary")) {
                    reasoning.append(part.path("text").asText(""));
                }
            }
        }
        wholeText(tally, arrivalNanos, answer.toString(), reasoning.toString());
        for (JsonNode item : body.path("output")) {
            if ("function_call".equals(item.path("type").asText())) {
                wholeTool(tally, arrivalNanos, item.path("name").asText(""), item.path("arguments").asText(""));
            }
        }
        finish(body, tally);
        return Read.OK;
    }

    private static boolean calls(JsonNode response) {
        for (JsonNode item : response.path("output")) {
            if ("function_call".equals(item.path("type").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Usage and the finish reason of a response object: "stop", or its incomplete_details.reason. */
    private static void finish(JsonNode response, AnswerTally tally) {
        JsonNode usage = response.path("usage");
        if (usage.isObject()) {
            tally.usagePrompt = longOr(usage.get("input_tokens"), -1);
            tally.usageCompletion = longOr(usage.get("output_tokens"), -1);
            tally.usageReasoning = longOr(usage.at("/output_tokens_details/reasoning_tokens"), -1);
        }
        String status = response.path("status").asText("completed");
        // The Responses API has no finish reason: an answer that called a function says so by its output items.
        tally.finishReason = status.equals("incomplete") ? response.at("/incomplete_details/reason").asText("incomplete")
                : tally.toolCalls > 0 || calls(response) ? "function_call" : "stop";
    }
}

package io.llmload.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * OpenAI legacy completions ({@code POST /v1/completions}): streamed chunks
 * {@code {"object":"text_completion","choices":[{"index":0,"text":"…","finish_reason":null}]}},
 * a usage chunk with empty {@code choices} when {@code stream_options.include_usage} is set, then
 * {@code data: [DONE]}; the whole answer has {@code choices[0].text} and {@code usage}.
 * Source: vLLM v0.8 {@code vllm/entrypoints/openai/protocol.py} (CompletionStreamResponse,
 * CompletionResponseStreamChoice {@code text}/{@code finish_reason}, UsageInfo), as mirrored by
 * Ray Serve's {@code ray.serve.llm.openai_api_models.CompletionStreamResponse} docs.
 */
final class CompletionsReader extends WireReader {

    @Override
    Read event(JsonNode event, long arrivalNanos, AnswerTally tally) {
        for (JsonNode choice : event.path("choices")) {
            text(tally, arrivalNanos, choice.path("text").asText(""), false);
            if (tally.finishReason == null && choice.path("finish_reason").isTextual()) {
                tally.finishReason = choice.get("finish_reason").asText();
            }
        }
        usage(event.path("usage"), tally);
        return Read.OK;
    }

    @Override
    Read whole(JsonNode body, long arrivalNanos, AnswerTally tally) {
        JsonNode choice = body.path("choices").path(0);
        wholeText(tally, arrivalNanos, choice.path("text").asText(""), null);
        tally.finishReason = choice.path("finish_reason").isTextual() ? choice.get("finish_reason").asText() : null;
        usage(body.path("usage"), tally);
        return Read.OK;
    }

    private static void usage(JsonNode usage, AnswerTally tally) {
        if (usage.isObject()) {
            tally.usagePrompt = longOr(usage.get("prompt_tokens"), -1);
            tally.usageCompletion = longOr(usage.get("completion_tokens"), -1);
        }
    }
}

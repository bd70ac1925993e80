package io.llmload.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads one line of a trace: a JSON object with {@code timestamp_ms} (milliseconds from any fixed
 * origin) and optionally {@code input_tokens} and {@code output_tokens}, or {@code messages} (an
 * OpenAI message list, with an optional {@code max_tokens}). The Mooncake/AIPerf spellings
 * {@code timestamp}, {@code input_length} and {@code output_length} are read too, and so are a
 * Mooncake record's {@code hash_ids}: one prompt block of {@code blockSize} tokens per id, the last
 * block holding the rest of {@code input_length}, which must leave it 1 to {@code blockSize}
 * tokens (AIPerf's rule, {@code aiperf/dataset/generator/prompt.py} {@code _build_token_sequence}).
 * Other keys (ids, metadata from the logs) are ignored. Thread contract: stateless; any thread.
 */
public final class TraceLines {
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonLines.jsonFactory());

    private TraceLines() {
    }

    /** A record, or an error with the column it was found at. */
    public record Result(TraceRecord record, String error, int column) {
        static Result error(String message) {
            return new Result(null, message, 1);
        }
    }

    /** A line whose hash ids stand for blocks of {@link io.llmload.scenario.TraceSpec#MOONCAKE_BLOCK_TOKENS} tokens. */
    public static Result parse(String text, long line, long index) {
        return parse(text, line, index, io.llmload.scenario.TraceSpec.MOONCAKE_BLOCK_TOKENS);
    }

    public static Result parse(String text, long line, long index, int blockSize) {
        JsonNode node;
        try {
            node = JsonLines.tree(MAPPER, text);
        } catch (JsonLines.BadJson e) {
            return new Result(null, e.getMessage(), e.column());
        } catch (java.io.IOException e) {
            return Result.error("not valid JSON: " + e.getMessage()); // a String in memory: not seen in practice
        }
        if (node == null || !node.isObject()) {
            return Result.error("expected a JSON object such as {\"timestamp_ms\": 0, \"input_tokens\": 512, \"output_tokens\": 128}");
        }
        String timeKey = node.has("timestamp_ms") ? "timestamp_ms" : node.has("timestamp") ? "timestamp" : null;
        if (timeKey == null) {
            return Result.error("timestamp_ms is missing (the request's time in milliseconds)");
        }
        JsonNode time = node.get(timeKey);
        if (!time.isNumber() || time.asDouble() < 0 || !Double.isFinite(time.asDouble())) {
            return Result.error(timeKey + ": expected a number of milliseconds >= 0, got " + time);
        }
        String inputKey = node.has("input_tokens") ? "input_tokens" : node.has("input_length") ? "input_length" : null;
        String outputKey = node.has("output_tokens") ? "output_tokens" : node.has("output_length") ? "output_length" : null;
        Integer input = null;
        Integer output = null;
        if (inputKey != null) {
            input = count(node.get(inputKey));
            if (input == null) {
                return Result.error(inputKey + ": expected an integer >= 1, got " + node.get(inputKey));
            }
        }
        if (outputKey != null) {
            output = count(node.get(outputKey));
            if (output == null) {
                return Result.error(outputKey + ": expected an integer >= 1, got " + node.get(outputKey));
            }
        }
        java.util.List<Object> messages = null;
        if (node.has("messages")) {
            if (input != null) {
                return Result.error("give either messages or " + inputKey + ", not both");
            }
            DatasetFormats.Result r = DatasetFormats.openai(node, line);
            if (r.error() != null) {
                return Result.error(r.error());
            }
            messages = r.entry().messages();
            if (output == null) {
                output = r.entry().maxTokens();
            }
        } else if (output != null && input == null) {
            return Result.error(outputKey + " needs input_tokens (or messages): the workload's own requests keep their max_tokens");
        }
        long[] hashIds = null;
        if (node.has("hash_ids")) {
            if (input == null) {
                return Result.error("hash_ids needs input_length (or input_tokens): the ids are blocks of the prompt's tokens");
            }
            JsonNode ids = node.get("hash_ids");
            if (!ids.isArray() || ids.isEmpty()) {
                return Result.error("hash_ids: expected a non-empty list of integers >= 0, got " + ids);
            }
            hashIds = new long[ids.size()];
            for (int i = 0; i < hashIds.length; i++) {
                JsonNode id = ids.get(i);
                if (!id.isIntegralNumber() || !id.canConvertToLong() || id.asLong() < 0) {
                    return Result.error("hash_ids[" + i + "]: expected an integer >= 0, got " + id);
                }
                hashIds[i] = id.asLong();
            }
            long last = input - (long) (hashIds.length - 1) * blockSize;
            if (last < 1 || last > blockSize) {
                return Result.error(String.format(java.util.Locale.ROOT,
                        "%s %d does not fit %d hash_ids of %d tokens: the last block would hold %d tokens (expected 1 to %d); "
                                + "set load.trace.block_size to the trace's block size", inputKey, input, hashIds.length, blockSize, last, blockSize));
            }
        }
        return new Result(new TraceRecord(index, line, time.asDouble(), input == null ? -1 : input, output, messages, hashIds), null, 1);
    }

    private static Integer count(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToInt() && n.asInt() >= 1 ? n.asInt() : null;
    }
}

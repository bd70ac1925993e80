package io.llmload.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Realistic OpenAI chat-completion payloads for the benchmarks: one source for the JMH fixtures and
 * for the static files nginx serves in {@code bench/run.sh}, so the micro and macro numbers are
 * about the same bytes. Streaming chunks look like OpenAI's own (long {@code chatcmpl-} id,
 * dated model name, {@code service_tier}, {@code system_fingerprint}, {@code usage: null},
 * {@code obfuscation} padding): 250–330 bytes per event, the range real servers send. Token texts
 * are English words with some JSON escapes ({@code \n}, {@code \"}, {@code \u00e9}) and raw
 * multi-byte UTF-8, as real answers have. The non-streaming body is the AI/ML API seed's shape.
 *
 * <p>{@code main(dir)} writes {@code chat.json} and {@code stream.sse} (64 tokens) into {@code dir}.
 * Pure functions of their arguments; thread-safe.
 */
public final class OpenAiPayloads {
    /** Tokens in the streamed answer the macro benchmark serves. */
    public static final int STREAM_TOKENS = 64;
    public static final int PROMPT_TOKENS = 23;

    private static final String ID = "chatcmpl-BvQx3rD7q2kYp9eLmN4sT8uW1zAfG";
    private static final String MODEL = "gpt-4o-mini-2024-07-18";
    private static final long CREATED = 1764100000L;
    private static final String[] TOKENS = {" The", " answer", " depends", " on", " how", " the", " server", " batches",
        " requests", ",", " but", " in", " practice", " latency", " grows", " with", " load", ".", "\\n\\n", "**",
        "Caf\\u00e9", "-style", " \\\"", "queue", "\\\"", " theory", " says", " wait", " times", " explode", " near",
        " saturation", " —", " so", " measure", " first", " token", " and", " inter", "-token", " gaps", " separately",
        " 🙂", " naïve", " clients", " hide", " it", ":", "\\n", "1", ".", " warm", " up", ";", " 2", ".", " hold",
        " steady", ";", " 3", ".", " read", " p99", "."};
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private OpenAiPayloads() {
    }

    /** The text of token {@code i} as it appears inside the JSON string (escapes kept). */
    public static String tokenJson(int i) {
        return TOKENS[i % TOKENS.length];
    }

    /**
     * One whole streamed answer: a role-only chunk, {@code tokens} content chunks, a finish chunk,
     * a usage chunk with empty choices, and {@code data: [DONE]}; {@code tokens + 4} events.
     */
    public static byte[] sseStream(int tokens, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder out = new StringBuilder(tokens * 320);
        out.append(event("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", "null", random));
        for (int i = 0; i < tokens; i++) {
            out.append(event("{\"content\":\"" + tokenJson(i) + "\"}", "null", random));
        }
        out.append(event("{}", "\"stop\"", random));
        out.append("data: {\"id\":\"").append(ID).append("\",\"object\":\"chat.completion.chunk\",\"created\":").append(CREATED)
                .append(",\"model\":\"").append(MODEL).append("\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_560af6e559\",")
                .append("\"choices\":[],\"usage\":{\"prompt_tokens\":").append(PROMPT_TOKENS).append(",\"completion_tokens\":")
                .append(tokens).append(",\"total_tokens\":").append(PROMPT_TOKENS + tokens)
                .append(",\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},\"completion_tokens_details\":")
                .append("{\"reasoning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}},")
                .append("\"obfuscation\":\"").append(padding(random, 4)).append("\"}\n\n");
        out.append("data: [DONE]\n\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Events in {@link #sseStream}: role, tokens, finish, usage, {@code [DONE]}. */
    public static int events(int tokens) {
        return tokens + 4;
    }

    private static String event(String delta, String finishReason, SplittableRandom random) {
        // OpenAI pads chunks with a random "obfuscation" string so that lengths do not leak the tokens.
        return "data: {\"id\":\"" + ID + "\",\"object\":\"chat.completion.chunk\",\"created\":" + CREATED + ",\"model\":\"" + MODEL
                + "\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_560af6e559\",\"choices\":[{\"index\":0,\"delta\":"
                + delta + ",\"logprobs\":null,\"finish_reason\":" + finishReason + "}],\"usage\":null,\"obfuscation\":\""
                + padding(random, 2 + random.nextInt(14)) + "\"}\n\n";
    }

    private static String padding(SplittableRandom random, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        return s.toString();
    }

    /** A non-streaming chat.completion of about 600 bytes, in the AI/ML API seed's shape. */
    public static byte[] completion() {
        String content = "Load testing an LLM endpoint means measuring time to first token, inter-token latency and "
                + "throughput under realistic concurrency, then reading the p99, not the mean.";
        String json = "{\"id\":\"" + ID + "\",\"object\":\"chat.completion\",\"created\":" + CREATED + ",\"model\":\""
                + "nvidia/llama-3.1-nemotron-70b-instruct\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
                + content + "\",\"refusal\":null},\"logprobs\":{\"content\":[],\"refusal\":[]},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":" + PROMPT_TOKENS + ",\"completion_tokens\":31,\"total_tokens\":" + (PROMPT_TOKENS + 31)
                + ",\"prompt_tokens_details\":null,\"completion_tokens_details\":null},\"system_fingerprint\":\"fp_560af6e559\"}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** Writes {@code chat.json} and {@code stream.sse} into the directory named by {@code args[0]}. */
    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : ".");
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve("chat.json"), completion());
            Files.write(dir.resolve("stream.sse"), sseStream(STREAM_TOKENS, 42));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("chat.json " + completion().length + " bytes, stream.sse " + sseStream(STREAM_TOKENS, 42).length
                + " bytes (" + STREAM_TOKENS + " tokens, " + events(STREAM_TOKENS) + " events)");
    }
}

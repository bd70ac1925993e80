package io.llmload.scenario;

import static io.llmload.scenario.Shape.integer;
import static io.llmload.scenario.Shape.obj;
import static io.llmload.scenario.Shape.optional;
import static io.llmload.scenario.Shape.required;
import static io.llmload.scenario.Shape.str;

import java.nio.file.Path;

/**
 * Prompts read from a file ({@code workload.dataset}). {@code path} is already resolved against
 * the directory of the scenario file that named it. {@code maxInputTokens} drops longer prompts;
 * {@code poolSize} bounds how many entries are kept in memory (a seeded uniform sample of the
 * file when it holds more); {@code outputTokens} is {@code request} (every request uses
 * {@code request.max_tokens}) or {@code reference} (each entry's own length: its
 * {@code max_tokens} field, else the token count of its reference answer).
 */
public record DatasetSpec(Path path, String format, Long maxInputTokens, int poolSize, String outputTokens) {

    public static final String OPENAI = "openai";
    public static final String SHAREGPT = "sharegpt";
    public static final String OUTPUT_REQUEST = "request";
    public static final String OUTPUT_REFERENCE = "reference";

    public static final Shape.Obj SHAPE = obj(
            required("path", Shape.str(), "the file, relative to the scenario file's directory"),
            optional("format", str(OPENAI, SHAREGPT), OPENAI,
                    "openai: JSONL of {messages: [...]}; sharegpt: JSON array (or JSONL) of {conversations: [{from, value}]}"),
            optional("max_input_tokens", Shape.longInteger(1), null, "skip entries whose prompt is longer (counted with workload.tokenizer)"),
            optional("pool_size", integer(1), 10_000L, "at most this many entries are kept (a seeded sample of larger files)"),
            optional("output_tokens", str(OUTPUT_REQUEST, OUTPUT_REFERENCE), OUTPUT_REQUEST,
                    "request: request.max_tokens; reference: each entry's max_tokens or its reference answer's length"));

    static DatasetSpec from(ObjView v) {
        return new DatasetSpec(resolve(v.str("path"), v.location("path")), v.str("format"), v.integerOrNull("max_input_tokens"),
                Math.toIntExact(v.integer("pool_size")), v.str("output_tokens"));
    }

    /** A relative path written in a file is relative to that file; one given on the command line, to the working directory. */
    static Path resolve(String path, Location where) {
        Path p = Path.of(path);
        if (p.isAbsolute() || where == null || where.isFlag()) {
            return p;
        }
        Path parent = Path.of(where.source()).getParent();
        return parent == null ? p : parent.resolve(p);
    }
}

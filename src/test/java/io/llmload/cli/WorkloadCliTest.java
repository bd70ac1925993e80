package io.llmload.cli;

import static io.llmload.cli.CliTest.llmload;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workloads end to end: the real CLI entry, the embedded mock, the JSON report. */
class WorkloadCliTest {
    private static final String HEAD = """
            name: workload-e2e
            target: {url: embedded, model: mock-llm}
            load: {concurrency: 2, requests: 8}
            """;

    @TempDir
    Path tmp;

    private JsonNode run(String yaml, String... extra) throws IOException {
        Path file = tmp.resolve("s.yaml");
        Files.writeString(file, yaml);
        Path out = tmp.resolve("out-" + System.nanoTime());
        String[] args = new String[4 + extra.length];
        args[0] = "run";
        args[1] = file.toString();
        args[2] = "--out";
        args[3] = out.toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        CliTest.Outcome o = llmload(args);
        assertThat(o.code()).as(o.all()).isZero();
        return new ObjectMapper().readTree(out.resolve("report.json").toFile());
    }

    @Test
    void syntheticPromptsHaveTheirLengthAndIgnoreEosTheirOutputLength() throws IOException {
        JsonNode report = run(HEAD + """
                request: {stream: true, ignore_eos: true}
                workload:
                  synthetic: {input_tokens: 300, output_tokens: 24}
                mock: {ttft: 5ms, itl: 1ms, output_tokens: 3}
                """);
        long ok = report.at("/summary/requests/succeeded").asLong();
        assertThat(ok).isEqualTo(8);
        JsonNode tokens = report.at("/summary/tokens");
        assertThat(tokens.get("output").asLong()).as("ignore_eos: every answer is max_tokens long").isEqualTo(24 * ok);
        assertThat(tokens.get("input").asLong()).as("the mock counts prompts with cl100k_base too").isEqualTo(300 * ok);
        assertThat(tokens.at("/input_check/tokenizer").asText()).isEqualTo("cl100k_base");
        assertThat(tokens.at("/input_check/sent_mean").asDouble()).isEqualTo(300.0);
        assertThat(tokens.at("/input_check/server_mean").asDouble()).isEqualTo(300.0);
        assertThat(tokens.at("/input_check/note").asText()).contains("agrees");
        assertThat(report.at("/scenario/workload/synthetic/input_tokens").asInt()).isEqualTo(300);
        assertThat(report.at("/scenario/workload/tokenizer").asText()).isEqualTo("cl100k_base");
    }

    @Test
    void anotherTokenizerIsNamedAndItsDifferenceStated() throws IOException {
        JsonNode report = run(HEAD + """
                workload:
                  synthetic: {input_tokens: 400}
                  tokenizer: o200k_base
                mock: {ttft: 5ms, itl: 1ms, output_tokens: 3}
                """);
        JsonNode check = report.at("/summary/tokens/input_check");
        assertThat(check.get("tokenizer").asText()).isEqualTo("o200k_base");
        assertThat(check.get("sent_mean").asDouble()).isEqualTo(400.0);
        assertThat(check.get("server_mean").asDouble()).as("the mock counts with cl100k_base").isNotEqualTo(400.0);
        assertThat(check.get("note").asText()).contains("approximate for this model");
    }

    @Test
    void minTokensRaisesShortAnswersToMaxTokens() throws IOException {
        String mock = "mock: {ttft: 5ms, itl: 1ms, output_tokens: 3}\n";
        JsonNode with = run(HEAD + "request: {max_tokens: 20, min_tokens: true}\n" + mock);
        assertThat(with.at("/summary/tokens/output").asLong()).isEqualTo(20 * 8);
        JsonNode without = run(HEAD + "request: {max_tokens: 20}\n" + mock);
        assertThat(without.at("/summary/tokens/output").asLong()).as("the mock stops after 3 on its own").isEqualTo(3 * 8);
    }

    @Test
    void withoutUsageOutputTokensAreCountedWithTheTokenizer() throws IOException {
        JsonNode report = run(HEAD + """
                request: {max_tokens: 16, params: {stream_options: {include_usage: false}}}
                mock: {ttft: 5ms, itl: 1ms, output_tokens: 16}
                """);
        JsonNode tokens = report.at("/summary/tokens");
        assertThat(tokens.get("output_source").asText()).isEqualTo("tokenizer");
        assertThat(tokens.at("/output_source_counts/tokenizer").asLong()).isEqualTo(8);
        assertThat(tokens.get("output").asLong()).isGreaterThanOrEqualTo(16 * 8).matches(n -> n % 8 == 0, "the same per request");
        assertThat(tokens.at("/input_check/note").asText()).contains("no usage.prompt_tokens");
    }

    @Test
    void datasetsRunAndABadLineStopsTheRunBeforeSending() throws IOException {
        Path data = tmp.resolve("p.jsonl");
        Files.writeString(data, "{\"messages\": [{\"role\": \"user\", \"content\": \"one\"}]}\n"
                + "{\"messages\": [{\"role\": \"user\", \"content\": \"two\"}, {\"role\": \"assistant\", \"content\": \"a b c d e\"}]}\n");
        String yaml = HEAD + """
                request: {max_tokens: 50}
                workload:
                  dataset: {path: p.jsonl, output_tokens: reference}
                mock: {ttft: 5ms, itl: 1ms, output_tokens: 100}
                """;
        JsonNode report = run(yaml);
        assertThat(report.at("/summary/requests/succeeded").asLong()).isEqualTo(8);
        // "one" has no reference (request.max_tokens 50), "two" a five-token one: 4 of each in 8 requests
        assertThat(report.at("/summary/tokens/output").asLong()).isEqualTo(4 * 50 + 4 * 5);

        Files.writeString(data, "{\"messages\": [{\"role\": \"user\", \"content\": \"one\"}]}\n{\"messages\": [}\n");
        CliTest.Outcome bad = llmload("run", tmp.resolve("s.yaml").toString(), "--out", tmp.resolve("never").toString());
        assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).startsWith("error: " + data + ":2:").contains("workload.dataset: not valid JSON")
                .contains("1 problem; nothing was run.").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(tmp.resolve("never")).doesNotExist();

        CliTest.Outcome validate = llmload("validate", tmp.resolve("s.yaml").toString());
        assertThat(validate.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(validate.err()).contains(data + ":2:");
    }

    @Test
    void validateDescribesTheWorkload() throws IOException {
        Path file = tmp.resolve("v.yaml");
        Files.writeString(file, HEAD + "workload:\n  synthetic: {input_tokens: 64, prefix_tokens: 16}\n");
        CliTest.Outcome o = llmload("validate", file.toString());
        assertThat(o.code()).as(o.all()).isZero();
        assertThat(o.out()).contains("workload: synthetic prompts (lengths by cl100k_base, shared prefix of 16 tokens, distinct per request)");
    }
}

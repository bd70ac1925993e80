package io.llmload.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.scenario.ScenarioException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Trace lines: the record kinds, the Mooncake spellings, and a message for every mistake. */
class TraceLinesTest {
    @TempDir
    Path tmp;

    @Test
    void recordsOfLengthsMessagesOrNeither() {
        TraceRecord lengths = TraceLines.parse("{\"timestamp_ms\": 1500.5, \"input_tokens\": 512, \"output_tokens\": 64, \"id\": \"x\"}", 3, 7)
                .record();
        assertThat(lengths).isEqualTo(new TraceRecord(7, 3, 1500.5, 512, 64, null));
        assertThat(lengths.hasLengths()).isTrue();
        assertThat(lengths.hasMessages()).isFalse();
        TraceRecord mooncake = TraceLines.parse("{\"timestamp\": 27482, \"input_length\": 655, \"output_length\": 52, \"hash_ids\": [46, 47]}", 1, 0)
                .record();
        assertThat(mooncake).isEqualTo(new TraceRecord(0, 1, 27482, 655, 52, null, new long[] {46, 47}));
        assertThat(mooncake.hashIds()).containsExactly(46, 47);
        TraceRecord messages = TraceLines.parse("{\"timestamp_ms\": 0, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"max_tokens\": 9}",
                1, 0).record();
        assertThat(messages.messages()).isEqualTo(List.of(Map.of("role", "user", "content", "hi")));
        assertThat(messages.outputTokens()).isEqualTo(9);
        assertThat(messages.inputTokens()).isEqualTo(-1);
        TraceRecord neither = TraceLines.parse("{\"timestamp_ms\": 12}", 1, 0).record();
        assertThat(neither.hasLengths() || neither.hasMessages()).isFalse();
        assertThat(neither.outputTokens()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"timestamp_ms\": 1, |not valid JSON",
        "[1, 2]|expected a JSON object",
        "{\"input_tokens\": 5}|timestamp_ms is missing",
        "{\"timestamp_ms\": -1}|timestamp_ms: expected a number of milliseconds >= 0, got -1",
        "{\"timestamp_ms\": \"soon\"}|timestamp_ms: expected a number of milliseconds >= 0",
        "{\"timestamp_ms\": 0, \"input_tokens\": 0}|input_tokens: expected an integer >= 1, got 0",
        "{\"timestamp_ms\": 0, \"input_tokens\": 2.5}|input_tokens: expected an integer >= 1, got 2.5",
        "{\"timestamp\": 0, \"input_length\": 10, \"output_length\": \"x\"}|output_length: expected an integer >= 1",
        "{\"timestamp_ms\": 0, \"output_tokens\": 10}|output_tokens needs input_tokens (or messages)",
        "{\"timestamp_ms\": 0, \"input_tokens\": 10, \"messages\": [{\"role\": \"user\", \"content\": \"x\"}]}|give either messages or input_tokens",
        "{\"timestamp_ms\": 0, \"messages\": []}|\"messages\" must be a non-empty list",
        "{\"timestamp_ms\": 0, \"messages\": [{\"role\": \"robot\", \"content\": \"x\"}]}|messages[0].role: expected one of",
        "{\"timestamp\": 0, \"hash_ids\": [1]}|hash_ids needs input_length (or input_tokens)",
        "{\"timestamp\": 0, \"input_length\": 10, \"hash_ids\": []}|hash_ids: expected a non-empty list of integers >= 0, got []",
        "{\"timestamp\": 0, \"input_length\": 10, \"hash_ids\": 7}|hash_ids: expected a non-empty list of integers >= 0, got 7",
        "{\"timestamp\": 0, \"input_length\": 10, \"hash_ids\": [1, -2]}|hash_ids[1]: expected an integer >= 0, got -2",
        "{\"timestamp\": 0, \"input_length\": 10, \"hash_ids\": [1, \"a\"]}|hash_ids[1]: expected an integer >= 0, got \"a\"",
        "{\"timestamp\": 0, \"input_length\": 512, \"hash_ids\": [1, 2]}|input_length 512 does not fit 2 hash_ids of 512 tokens: the last block would hold 0 tokens (expected 1 to 512)",
        "{\"timestamp\": 0, \"input_length\": 1025, \"hash_ids\": [1, 2]}|the last block would hold 513 tokens (expected 1 to 512); set load.trace.block_size",
    })
    void everyMistakeIsNamed(String line, String message) {
        TraceLines.Result r = TraceLines.parse(line, 4, 0);
        assertThat(r.record()).isNull();
        assertThat(r.error()).contains(message);
    }

    @Test
    void theBlockSizeDecidesWhichLengthsFitTheHashIds() {
        String line = "{\"timestamp\": 0, \"input_length\": 40, \"hash_ids\": [3, 4, 5]}";
        assertThat(TraceLines.parse(line, 1, 0, 16).record().hashIds()).containsExactly(3, 4, 5);
        assertThat(TraceLines.parse(line, 1, 0, 32).error()).contains("input_length 40 does not fit 3 hash_ids of 32 tokens");
        assertThat(TraceLines.parse(line, 1, 0, 512).error()).contains("the last block would hold -984 tokens");
    }

    @Test
    void theScanFindsEveryBadLineAndRecordsOutOfOrder() throws Exception {
        Path file = tmp.resolve("bad.jsonl");
        Files.writeString(file, """
                {"timestamp_ms": 0, "input_tokens": 10}

                {"timestamp_ms": 100, "input_tokens": x}
                {"timestamp_ms": 300}
                {"timestamp_ms": 200}
                {"timestamp_ms": 400, "output_tokens": 3}
                """);
        try {
            TraceScan.scan(file);
            throw new AssertionError("expected problems");
        } catch (ScenarioException e) {
            assertThat(e.problems()).extracting(Object::toString).containsExactly(
                    file + ":3:39: load.trace: not valid JSON: Unrecognized token 'x': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
                    file + ":5:1: load.trace: its time 200 ms is earlier than the record before (300 ms); records are replayed in file order, so sort the trace by time",
                    file + ":6:1: load.trace: output_tokens needs input_tokens (or messages): the workload's own requests keep their max_tokens");
        }
    }

    @Test
    void theScanCountsTheKindsAndTheSpan() throws Exception {
        Path file = tmp.resolve("ok.jsonl");
        Files.writeString(file, "{\"timestamp_ms\": 1000, \"input_tokens\": 10}\r\n{\"timestamp_ms\": 1000}\n"
                + "{\"timestamp_ms\": 2500, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
        TraceScan.Info info = TraceScan.scan(file);
        assertThat(info).isEqualTo(new TraceScan.Info(3, 1000, 2500, 1, 1, 0));
        assertThat(info.fromWorkload()).isEqualTo(1);
        Path empty = tmp.resolve("empty.jsonl");
        Files.writeString(empty, "\n\n");
        try {
            TraceScan.scan(empty);
            throw new AssertionError("expected a problem");
        } catch (ScenarioException e) {
            assertThat(e.problems()).singleElement().asString().contains("load.trace: the trace has no records");
        }
    }
}

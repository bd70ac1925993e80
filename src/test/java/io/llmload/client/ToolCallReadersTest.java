package io.llmload.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.api.Encoding;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each API's reader on a tool-call answer: the first tool-call event is the first token (TTFT), the
 * later argument fragments are the ITL gaps, the names and arguments are kept for the tokenizer
 * (and not as answer text), the calls are counted and the finish reason is the API's own.
 */
class ToolCallReadersTest {
    private static final Encoding CL100K = Tokenizers.encoding(Tokenizers.DEFAULT);

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Feeds each event to {@code reader}, event i arriving at (i + 1) * 10 ns; returns the reads. */
    private static List<WireReader.Read> feed(WireReader reader, AnswerTally t, String... events) {
        t.reset();
        WireReader.Read[] reads = new WireReader.Read[events.length];
        for (int i = 0; i < events.length; i++) {
            byte[] b = bytes(events[i]);
            reads[i] = reader.event(b, b.length, (i + 1) * 10L, t);
        }
        return List.of(reads);
    }

    @Test
    void chatToolCallDeltasAreTokensAndTheirArgumentsAreKept() {
        ChunkScanner scanner = new ChunkScanner();
        AnswerTally t = new AnswerTally();
        t.reset();
        String[] chunks = {
            "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null},\"finish_reason\":null}]}",
            "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\","
                    + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]},\"finish_reason\":null}]}",
            "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\"\"}}]}}]}",
            "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\": \\\"Paris\\\"}\"}}]}}]}",
            "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}"};
        for (int i = 0; i < chunks.length; i++) {
            byte[] b = bytes(chunks[i]);
            assertThat(scanner.scan(b, 0, b.length)).isTrue();
            t.chunk(scanner, (i + 1) * 10L, b);
        }
        assertThat(t.firstTokenNanos).as("the first tool-call delta, not the role chunk").isEqualTo(20);
        assertThat(t.firstAnswerNanos).isEqualTo(20);
        assertThat(t.contentChunks).isEqualTo(3);
        assertThat(t.itl.size()).isEqualTo(2);
        assertThat(t.finishReason).isEqualTo("tool_calls");
        assertThat(t.toolCalls).isEqualTo(1);
        assertThat(t.content.length()).as("no answer text").isZero();
        assertThat(t.tools.text()).isEqualTo("get_weather{\"city\": \"Paris\"}");
    }

    @Test
    void anthropicToolUseBlockAndInputJsonDeltas() {
        AnswerTally t = new AnswerTally();
        // shapes: docs.anthropic.com "Streaming request with tool use"; anthropic-sdk-python types/tool_use_block.py, input_json_delta.py
        List<WireReader.Read> reads = feed(new MessagesReader(), t,
                "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],"
                        + "\"model\":\"claude\",\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":472,\"output_tokens\":2}}}",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\","
                        + "\"name\":\"get_weather\",\"input\":{}}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"location\\\":\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\" \\\"Paris\\\"}\"}}",
                "{\"type\":\"content_block_stop\",\"index\":0}",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":89}}",
                "{\"type\":\"message_stop\"}");
        assertThat(reads.get(reads.size() - 1)).isEqualTo(WireReader.Read.DONE);
        assertThat(t.firstTokenNanos).as("the tool_use block's name").isEqualTo(20);
        assertThat(t.contentChunks).as("the name and two non-empty fragments").isEqualTo(3);
        assertThat(t.itl.size()).isEqualTo(2);
        assertThat(t.toolCalls).isEqualTo(1);
        assertThat(t.finishReason).isEqualTo("tool_use");
        assertThat(t.usageCompletion).isEqualTo(89);
        assertThat(t.content.length()).isZero();
        assertThat(t.tools.text()).isEqualTo("get_weather{\"location\": \"Paris\"}");
    }

    @Test
    void responsesFunctionCallItemAndArgumentDeltas() {
        AnswerTally t = new AnswerTally();
        // shapes: openai-python types/responses/response_function_tool_call.py, response_function_call_arguments_{delta,done}_event.py
        List<WireReader.Read> reads = feed(new ResponsesReader(), t,
                "{\"type\":\"response.created\",\"sequence_number\":0,\"response\":{\"id\":\"resp_1\",\"status\":\"in_progress\",\"output\":[]}}",
                "{\"type\":\"response.output_item.added\",\"sequence_number\":1,\"output_index\":0,\"item\":{\"type\":\"function_call\","
                        + "\"id\":\"fc_1\",\"call_id\":\"call_1\",\"name\":\"get_weather\",\"arguments\":\"\",\"status\":\"in_progress\"}}",
                "{\"type\":\"response.function_call_arguments.delta\",\"sequence_number\":2,\"item_id\":\"fc_1\",\"output_index\":0,"
                        + "\"delta\":\"{\\\"location\\\":\"}",
                "{\"type\":\"response.function_call_arguments.delta\",\"sequence_number\":3,\"item_id\":\"fc_1\",\"output_index\":0,"
                        + "\"delta\":\" \\\"Paris\\\"}\"}",
                "{\"type\":\"response.function_call_arguments.done\",\"sequence_number\":4,\"item_id\":\"fc_1\",\"output_index\":0,"
                        + "\"arguments\":\"{\\\"location\\\": \\\"Paris\\\"}\"}",
                "{\"type\":\"response.completed\",\"sequence_number\":5,\"response\":{\"id\":\"resp_1\",\"status\":\"completed\",\"output\":"
                        + "[{\"type\":\"function_call\",\"id\":\"fc_1\",\"call_id\":\"call_1\",\"name\":\"get_weather\","
                        + "\"arguments\":\"{\\\"location\\\": \\\"Paris\\\"}\",\"status\":\"completed\"}],"
                        + "\"usage\":{\"input_tokens\":30,\"output_tokens\":12,\"output_tokens_details\":{\"reasoning_tokens\":0}}}}");
        assertThat(reads.get(reads.size() - 1)).isEqualTo(WireReader.Read.DONE);
        assertThat(t.firstTokenNanos).as("the function_call item's name").isEqualTo(20);
        assertThat(t.contentChunks).as("the name and two fragments; .done repeats them").isEqualTo(3);
        assertThat(t.toolCalls).isEqualTo(1);
        assertThat(t.finishReason).isEqualTo("function_call");
        assertThat(t.usageCompletion).isEqualTo(12);
        assertThat(t.tools.text()).isEqualTo("get_weather{\"location\": \"Paris\"}");
        assertThat(t.tools.countTokens(CL100K)).isEqualTo(CL100K.countTokensOrdinary("get_weather{\"location\": \"Paris\"}"));
    }

    @Test
    void wholeAnswersThatOnlyCallToolsAreNotEmpty() {
        AnswerTally t = new AnswerTally();
        t.reset();
        byte[] messages = bytes("{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\","
                + "\"id\":\"toolu_1\",\"name\":\"get_weather\",\"input\":{\"location\":\"Paris\"}}],\"stop_reason\":\"tool_use\","
                + "\"usage\":{\"input_tokens\":10,\"output_tokens\":20}}");
        assertThat(new MessagesReader().whole(messages, messages.length, 5, t)).isEqualTo(WireReader.Read.OK);
        assertThat(t.contentChunks).isEqualTo(1);
        assertThat(t.firstAnswerNanos).isEqualTo(5);
        assertThat(t.toolCalls).isEqualTo(1);
        assertThat(t.finishReason).isEqualTo("tool_use");
        assertThat(t.tools.text()).isEqualTo("get_weather{\"location\":\"Paris\"}");

        t.reset();
        byte[] responses = bytes("{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"completed\",\"output\":[{\"type\":\"function_call\","
                + "\"id\":\"fc_1\",\"call_id\":\"call_1\",\"name\":\"get_weather\",\"arguments\":\"{}\",\"status\":\"completed\"}],"
                + "\"usage\":{\"input_tokens\":10,\"output_tokens\":5}}");
        assertThat(new ResponsesReader().whole(responses, responses.length, 5, t)).isEqualTo(WireReader.Read.OK);
        assertThat(t.contentChunks).isEqualTo(1);
        assertThat(t.toolCalls).isEqualTo(1);
        assertThat(t.finishReason).isEqualTo("function_call");
        assertThat(t.tools.text()).isEqualTo("get_weather{}");
    }
}

package io.llmload.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ContentBufferTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Encoding CL100K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

    /** Appends the inside of a JSON string literal, as the chunk scanner hands it over. */
    private static void appendRaw(ContentBuffer b, String rawJsonStringContents) {
        byte[] bytes = ("xx" + rawJsonStringContents + "yy").getBytes(StandardCharsets.UTF_8);
        b.append(bytes, 2, bytes.length - 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "plain text",
        "line\\nbreak\\ttab\\r\\\\ back\\/slash \\\"quoted\\\" \\b\\f",
        "caf\\u00e9 na\\u00efve \\u65e5\\u672c",
        "raw UTF-8: café 日本語 😀",
        "emoji by escapes: \\ud83d\\ude00 and \\uD83D\\uDE80",
        "lone surrogates: \\ud83d then \\ude00 alone",
        ""})
    void decodesLikeAJsonParser(String raw) throws Exception {
        ContentBuffer b = new ContentBuffer();
        // split into uneven parts, as a stream of chunks would
        int cut = raw.length() / 3;
        while (cut > 0 && raw.charAt(cut - 1) == '\\') {
            cut--;
        }
        appendRaw(b, raw.substring(0, cut));
        appendRaw(b, raw.substring(cut));
        String expected = JSON.readValue("\"" + raw + "\"", String.class);
        String text = b.text();
        if (raw.startsWith("lone")) {
            // Jackson keeps a lone surrogate as a char; as UTF-8 text it can only be U+FFFD.
            assertThat(text).isEqualTo("lone surrogates: \uFFFD then \uFFFD alone");
        } else {
            assertThat(text).isEqualTo(expected);
        }
        assertThat(b.countTokens(CL100K)).isEqualTo(raw.isEmpty() ? 0 : CL100K.countTokensOrdinary(text));
    }

    @Test
    void growsReusesAndForgets() {
        ContentBuffer b = new ContentBuffer();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            appendRaw(b, " token" + i);
            expected.append(" token").append(i);
        }
        assertThat(b.text()).isEqualTo(expected.toString());
        byte[] grown = b.rawBytes();
        b.reset();
        assertThat(b.length()).isZero();
        assertThat(b.rawBytes()).as("a moderately grown buffer is kept for the next answer").isSameAs(grown);
        appendRaw(b, "next");
        assertThat(b.text()).isEqualTo("next");
    }

    @Test
    void aHugeAnswerOverflowsIntoNoCountAndTheMemoryIsGivenBack() {
        ContentBuffer b = new ContentBuffer();
        byte[] mb = new byte[1 << 20];
        java.util.Arrays.fill(mb, (byte) 'a');
        for (int i = 0; i < 5; i++) {
            b.append(mb, 0, mb.length);
        }
        assertThat(b.overflowed()).isTrue();
        assertThat(b.length()).isLessThanOrEqualTo(ContentBuffer.MAX_BYTES);
        assertThat(b.countTokens(CL100K)).isEqualTo(-1);
        b.reset();
        assertThat(b.overflowed()).isFalse();
        assertThat(b.rawBytes().length).isLessThan(1 << 20);
    }

    @Test
    void toolCallsAreKeptApartAndReasoningStaysOutOfTheAnswer() {
        ChunkScanner scanner = new ChunkScanner();
        AnswerTally t = new AnswerTally();
        t.reset();
        byte[] content = "{\"choices\":[{\"delta\":{\"content\":\"hi there\"}}]}".getBytes(StandardCharsets.UTF_8);
        scanner.scan(content, 0, content.length);
        t.chunk(scanner, 1, content);
        assertThat(t.content.countTokens(CL100K)).isEqualTo(2);
        // reasoning is kept in a buffer of its own, so the answer text stays whole and countable
        byte[] reasoning = "{\"choices\":[{\"delta\":{\"reasoning_content\":\"hmm\"}}]}".getBytes(StandardCharsets.UTF_8);
        scanner.scan(reasoning, 0, reasoning.length);
        t.chunk(scanner, 2, reasoning);
        assertThat(t.content.hadOtherTokens()).isFalse();
        assertThat(t.content.countTokens(CL100K)).isEqualTo(2);
        // a tool call's name and arguments go to the tools buffer: the answer text a conversation sends back stays text
        byte[] tools = "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}}]}"
                .getBytes(StandardCharsets.UTF_8);
        scanner.scan(tools, 0, tools.length);
        t.chunk(scanner, 3, tools);
        byte[] args = "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\": \\\"Paris\\\"}\"}}]}}]}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(scanner.scan(args, 0, args.length)).isTrue();
        t.chunk(scanner, 4, args);
        assertThat(t.content.text()).isEqualTo("hi there");
        assertThat(t.tools.text()).isEqualTo("get_weather{\"city\": \"Paris\"}");
        assertThat(t.tools.countTokens(CL100K)).isEqualTo(CL100K.countTokensOrdinary("get_weather{\"city\": \"Paris\"}"));
        assertThat(t.toolCalls).isEqualTo(1);
        assertThat(t.contentChunks).as("content, reasoning and two tool-call chunks").isEqualTo(4);
    }

    @Test
    void aChunkWithMoreToolStringsThanKeptIsNotCountedByTheTokenizer() {
        StringBuilder calls = new StringBuilder();
        for (int i = 0; i <= ChunkScanner.MAX_TOOL_SPANS; i++) {
            calls.append(i == 0 ? "" : ",").append("{\"index\":").append(i).append(",\"function\":{\"name\":\"f").append(i).append("\"}}");
        }
        byte[] chunk = ("{\"choices\":[{\"delta\":{\"tool_calls\":[" + calls + "]}}]}").getBytes(StandardCharsets.UTF_8);
        ChunkScanner scanner = new ChunkScanner();
        AnswerTally t = new AnswerTally();
        t.reset();
        assertThat(scanner.scan(chunk, 0, chunk.length)).isTrue();
        t.chunk(scanner, 1, chunk);
        assertThat(t.toolCalls).isEqualTo(ChunkScanner.MAX_TOOL_SPANS + 1);
        assertThat(t.tools.countable()).as("some names were not kept").isFalse();
    }
}

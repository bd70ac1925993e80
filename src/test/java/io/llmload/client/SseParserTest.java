package io.llmload.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SseParserTest {

    static Stream<Arguments> streams() {
        String roleChunk = "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}";
        String tokenChunk = "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}";
        String usageChunk = "{\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2}}";
        return Stream.of(
                Arguments.of("LF line ends", "data: a\n\ndata: b\n\n", List.of("a", "b")),
                Arguments.of("CRLF line ends", "data: a\r\n\r\ndata: b\r\n\r\n", List.of("a", "b")),
                Arguments.of("bare CR line ends", "data: a\r\rdata: b\r\r", List.of("a", "b")),
                Arguments.of("mixed line ends", "data: a\r\n\ndata: b\r\rdata: c\n\r\n", List.of("a", "b", "c")),
                Arguments.of("comment lines are ignored", ": keep-alive\n\ndata: a\n: ping\n\n", List.of("a")),
                Arguments.of("multi-line data joined with LF", "data: one\ndata: two\ndata:three\n\n", List.of("one\ntwo\nthree")),
                Arguments.of("event, id and retry fields", "event: message\nid: 7\nretry: 1000\ndata: x\n\n", List.of("x")),
                Arguments.of("error event is flagged", "event: error\ndata: boom\n\n", List.of("!boom")),
                Arguments.of("no space after colon", "data:a\n\n", List.of("a")),
                Arguments.of("only the first space is stripped", "data:  a\n\n", List.of(" a")),
                Arguments.of("field without colon is a field name", "data\n\ndata: b\n\n", List.of("", "b")),
                Arguments.of("a non-BOM first byte is kept", "\u00EFdata: a\n\ndata: b\n\n", List.of("b")),
                Arguments.of("empty data still dispatches", "data:\n\n", List.of("")),
                Arguments.of("blank lines without data dispatch nothing", "\n\n\nid: 1\n\n", List.of()),
                Arguments.of("unterminated last event is dropped", "data: a\n\ndata: b\n", List.of("a")),
                Arguments.of("UTF-8 BOM at start", "\uFEFFdata: a\n\n", List.of("a")),
                Arguments.of("multi-byte UTF-8 content", "data: {\"c\":\"héllo → 世界\"}\n\n", List.of("{\"c\":\"héllo → 世界\"}")),
                Arguments.of("OpenAI stream with role chunk, usage and DONE",
                        "data: " + roleChunk + "\n\ndata: " + tokenChunk + "\n\ndata: " + usageChunk + "\n\ndata: [DONE]\n\n",
                        List.of(roleChunk, tokenChunk, usageChunk, "[DONE]")),
                Arguments.of("several events in one read", "data: 1\n\ndata: 2\n\ndata: 3\n\ndata: 4\n\n", List.of("1", "2", "3", "4")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void parsesWholeStream(String name, String stream, List<String> expected) {
        assertThat(parse(bytes(stream), List.of())).as(name).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}, split at every byte")
    @MethodSource("streams")
    void sameEventsWhenSplitAtEveryByteBoundary(String name, String stream, List<String> expected) {
        byte[] all = bytes(stream);
        for (int k = 0; k <= all.length; k++) {
            assertThat(parse(all, List.of(k))).as(name + " split at " + k).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}, one byte at a time")
    @MethodSource("streams")
    void sameEventsWhenFedOneByteAtATime(String name, String stream, List<String> expected) {
        byte[] all = bytes(stream);
        List<Integer> cuts = new ArrayList<>();
        for (int k = 1; k < all.length; k++) {
            cuts.add(k);
        }
        assertThat(parse(all, cuts)).as(name).isEqualTo(expected);
    }

    @Test
    void resetForgetsPartialState() {
        List<String> events = new ArrayList<>();
        SseParser p = new SseParser((d, n, e) -> events.add(new String(d, 0, n, StandardCharsets.UTF_8)), 1024);
        byte[] partial = bytes("data: left-over");
        p.feed(partial, 0, partial.length);
        p.reset();
        byte[] next = bytes("data: fresh\n\n");
        p.feed(next, 0, next.length);
        assertThat(events).containsExactly("fresh");
    }

    @Test
    void refusesAnEventLargerThanTheLimit() {
        SseParser p = new SseParser((d, n, e) -> { }, 64);
        byte[] big = bytes("data: " + "x".repeat(100) + "\n\n");
        assertThatThrownBy(() -> p.feed(big, 0, big.length)).isInstanceOf(SseParser.TooLargeException.class);
    }

    @Test
    void aCrAtTheEndOfOneReadAndLfAtTheStartOfTheNextAreOneLineEnd() {
        List<String> events = new ArrayList<>();
        SseParser p = new SseParser((d, n, e) -> events.add(new String(d, 0, n, StandardCharsets.UTF_8)), 1024);
        feed(p, "data: a\r");
        feed(p, "\ndata: b\r");
        feed(p, "\n\r");
        feed(p, "\n");
        assertThat(events).containsExactly("a\nb");
    }

    private static void feed(SseParser p, String s) {
        byte[] b = bytes(s);
        p.feed(b, 0, b.length);
    }

    /** Parses {@code all}, feeding it in pieces cut at the given offsets. */
    static List<String> parse(byte[] all, List<Integer> cuts) {
        List<String> events = new ArrayList<>();
        SseParser p = new SseParser((d, n, e) -> events.add((e ? "!" : "") + new String(d, 0, n, StandardCharsets.UTF_8)), 1 << 20);
        int from = 0;
        for (int cut : cuts) {
            p.feed(all, from, cut - from);
            from = cut;
        }
        p.feed(all, from, all.length - from);
        return events;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

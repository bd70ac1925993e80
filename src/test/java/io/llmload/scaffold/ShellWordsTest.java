package io.llmload.scaffold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ShellWordsTest {
    static Stream<Arguments> lines() {
        return Stream.of(
                Arguments.of("curl  http://h/v1", List.of("curl", "http://h/v1")),
                Arguments.of("curl 'a b' \"c d\"", List.of("curl", "a b", "c d")),
                Arguments.of("a\\ b", List.of("a b")),
                Arguments.of("curl \\\n  -H x \\\r\n  -d y", List.of("curl", "-H", "x", "-d", "y")),
                Arguments.of("\"say \\\"hi\\\" \\$HOME \\n\"", List.of("say \"hi\" $HOME \\n")),
                Arguments.of("'it'\\''s'", List.of("it's")),
                Arguments.of("-H \"Authorization: Bearer $OPENAI_API_KEY\"", List.of("-H", "Authorization: Bearer $OPENAI_API_KEY")),
                Arguments.of("$'a\\nb\\'c'", List.of("a\nb'c")),
                Arguments.of("x''y \"\"", List.of("xy", "")),
                Arguments.of("-d '{\"a\": [1, 2]}'", List.of("-d", "{\"a\": [1, 2]}")),
                Arguments.of("   ", List.of()));
    }

    @ParameterizedTest
    @MethodSource("lines")
    void splitsLikeAPosixShell(String line, List<String> words) throws ScaffoldException {
        assertThat(ShellWords.split(line)).containsExactlyElementsOf(words);
    }

    @ParameterizedTest
    @ValueSource(strings = {"curl 'open", "curl \"open", "curl $'open"})
    void anUnterminatedQuoteIsAnError(String line) {
        assertThatThrownBy(() -> ShellWords.split(line)).isInstanceOf(ScaffoldException.class).hasMessageContaining("unterminated");
    }
}

package io.llmload.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Oracle test: the scenario YAML parser ({@link ScenarioYaml}, reading through
 * {@link InMemoryStreamReader}) gives exactly the tokens, texts, lines and columns — and the same
 * errors at the same places — as Jackson's own YAML parser over SnakeYAML's original reader.
 */
class InMemoryStreamReaderTest {
    private static final YAMLFactory ORIGINAL = new YAMLFactory();
    private static final ScenarioYaml OURS = new ScenarioYaml();

    static Stream<String> documents() throws IOException {
        List<String> texts = new ArrayList<>(List.of(
                "",
                "a: 1\n",
                "a: 1",
                "a: 1\r\nb: [x, y]\r\n",
                "a: 1\rb: 2\r",
                "\uFEFFname: bom\n",
                "a: caf\u00e9 \uD83D\uDE00 emoji\nb: \"\uD83D\uDE00\"\n",
                "a: x\u0085b\nc: y\u2028z\u2029\n",
                "a: |\n  literal\n   kept\n\n  lines\nb: >-\n  folded\n  text\n\nc: |+\n  keep\n\n",
                "plain: multi\n  line\n  plain\n",
                "q: \"esc\\t\\n\\x41\\u00e9 \\\n  continued\"\nr: 'it''s'\n",
                "# comment\na: 1 # trailing\n# end",
                "flow: {a: [1, 2, {b: c}], 'd': \"e\"}\n",
                "seq:\n  - 1\n  - - nested\n    - list\n  - k: v\n",
                "a: &x 1\nb: *x\nc: &m {k: v}\nd: *m\n",
                "t: !!str 12\nu: !custom v\nn: ~\nb: true\nf: 1.5e3\ni: 0x1F\n",
                "---\na: 1\n...\n",
                "a: [unclosed\n",
                "a: 1\n\tb: 2\n",
                "a: 1\n b: 2\n",
                "a: 'unterminated\n",
                "key: value: more\n",
                "- a\nb: c\n",
                "a: " + "x".repeat(5000) + "\nb: " + "y ".repeat(3000) + "\n"));
        try (Stream<Path> files = Files.list(Path.of("scenarios"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                texts.add(Files.readString(f));
            }
        }
        return texts.stream();
    }

    @ParameterizedTest
    @MethodSource("documents")
    void givesTheOriginalReadersTokensAndPositions(String text) throws IOException {
        assertThat(tokens(OURS.parse(text))).isEqualTo(tokens(ORIGINAL.createParser(text)));
    }

    /** Every token with its text and position, then the error and its position if parsing failed. */
    private static List<String> tokens(JsonParser parser) throws IOException {
        List<String> out = new ArrayList<>();
        try (parser) {
            JsonToken t;
            while ((t = parser.nextToken()) != null) {
                JsonLocation at = parser.currentTokenLocation();
                out.add(t + " " + parser.getText() + " @" + at.getLineNr() + ":" + at.getColumnNr() + " " + at.getCharOffset());
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            out.add("error " + e.getOriginalMessage() + (at == null ? "" : " @" + at.getLineNr() + ":" + at.getColumnNr()));
        }
        return out;
    }

    @Test
    void overridesEveryPublicMethodOfTheOriginal() {
        // A method SnakeYAML adds in an upgrade would read the superclass's empty window: fail here instead.
        List<String> missing = new ArrayList<>();
        for (Method m : StreamReader.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers())) {
                try {
                    InMemoryStreamReader.class.getDeclaredMethod(m.getName(), m.getParameterTypes());
                } catch (NoSuchMethodException e) {
                    missing.add(m.getName() + Arrays.toString(m.getParameterTypes()));
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void oneLongValueIsReadInLinearTime() throws Exception {
        // The original reader copies its window per KiB of a token: this value took it about 10 s. Linear reading takes
        // well under a second on a quiet machine; the bound leaves room for a cold JIT in a CI fork beside others (2.6 s once).
        String text = "name: " + "x".repeat(SourceText.MAX_BYTES - 100) + "\n";
        long start = System.nanoTime();
        Node tree = TreeReader.read(text, "long.yaml", false);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(((Node.MapNode) tree).get("name").toPlain()).asString().hasSize(SourceText.MAX_BYTES - 100);
        assertThat(millis).as("ms to read a 3 MiB value").isLessThan(5000);
    }
}

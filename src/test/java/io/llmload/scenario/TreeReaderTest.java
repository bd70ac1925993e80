package io.llmload.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** YAML read as written: anchors, aliases, merge keys, tags and depth, each placed at file:line:col. */
class TreeReaderTest {
    private static Object plain(String yaml) throws ScenarioException {
        return TreeReader.read(yaml, "t.yaml", false).toPlain();
    }

    private static String problem(String yaml) {
        try {
            TreeReader.read(yaml, "t.yaml", false);
        } catch (ScenarioException e) {
            assertThat(e.problems()).hasSize(1);
            return e.problems().get(0).toString();
        }
        throw new AssertionError("no problem with: " + yaml);
    }

    @Test
    void anAliasIsACopyOfItsAnchorsValue() throws ScenarioException {
        assertThat(plain("a: &x hello\nb: *x\nc: &m {k: [1, 2]}\nd: *m\n&k e: *k\n"))
                .isEqualTo(Map.of("a", "hello", "b", "hello", "c", Map.of("k", List.of(1L, 2L)), "d", Map.of("k", List.of(1L, 2L)),
                        "e", "e"));
        // a later anchor of the same name is the one later aliases mean, as in YAML
        assertThat(plain("a: &x 1\nb: *x\nc: &x 2\nd: *x\n")).isEqualTo(Map.of("a", 1L, "b", 1L, "c", 2L, "d", 2L));
    }

    @Test
    void aCopyIsItsOwnTreeAndKeepsTheAnchorsLocations() throws ScenarioException {
        Node.MapNode root = (Node.MapNode) TreeReader.read("a: &m {k: v}\nb: *m\n", "t.yaml", false);
        Node.MapNode a = (Node.MapNode) root.get("a");
        Node.MapNode b = (Node.MapNode) root.get("b");
        assertThat(b).isNotSameAs(a);
        assertThat(b.get("k").location()).isEqualTo(new Location("t.yaml", 1, 11));
        b.put("k", b.location(), new Node.ScalarNode("changed", b.location())); // as --set does
        assertThat(a.get("k").toPlain()).isEqualTo("v");
    }

    @Test
    void mergeKeysAddWhatTheMappingDoesNotSetItself() throws ScenarioException {
        assertThat(plain("base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\n")).isEqualTo(Map.of("base", Map.of("x", 1L, "y", 2L),
                "m", Map.of("x", 1L, "y", 3L)));
        assertThat(plain("p: &p {x: 1}\nq: &q {x: 2, z: 3}\nm: {<<: [*p, *q], w: 0}\n"))
                .isEqualTo(Map.of("p", Map.of("x", 1L), "q", Map.of("x", 2L, "z", 3L), "m", Map.of("w", 0L, "x", 1L, "z", 3L)));
        // quoted, "<<" is an ordinary key
        assertThat(plain("m: {'<<': 1}\n")).isEqualTo(Map.of("m", Map.of("<<", 1L)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "name: *a|t.yaml:1:7: *a refers to no anchor: write &a before the value it names",
        "a: &a [*a]|t.yaml:1:8: *a refers to no anchor",
        "m: {<<: 1}|t.yaml:1:9: <<: expected a mapping (or a list of mappings) to merge, such as <<: *defaults; got 1",
        "a: !!binary aGk=|t.yaml:1:4: the YAML tag !!binary is not supported here",
        "a: !!timestamp 2024-01-01|t.yaml:1:4: the YAML tag !!timestamp is not supported here",
        "a: !local {k: v}|t.yaml:1:4: the YAML tag !local is not supported here",
        "!local a: v|t.yaml:1:1: the YAML tag !local is not supported here",
        "a: caf\u0007e|t.yaml:1:7: the character U+0007, which YAML does not allow",
        "a: 1\\nb: x\u0085\u0001y|t.yaml:3:1: the character U+0001",
    })
    void whatCannotBeReadAsWrittenIsRefusedWhereItIs(String yaml, String expected) {
        assertThat(problem(yaml.replace("\\n", "\n"))).startsWith(expected);
    }

    @Test
    void coreTagsAreRead() throws ScenarioException {
        assertThat(plain("a: !!str 12\nb: !!int 7\nc: !!map {k: v}\nd: !!seq [1]\n"))
                .isEqualTo(Map.of("a", "12", "b", 7L, "c", Map.of("k", "v"), "d", List.of(1L)));
    }

    @Test
    void nestingIsRefusedWhereItGoesTooDeep() {
        String deep = "[".repeat(TreeReader.MAX_DEPTH) + "]".repeat(TreeReader.MAX_DEPTH);
        assertThat(problem("a: " + deep + "\n")).startsWith("t.yaml:1:" + (3 + TreeReader.MAX_DEPTH) + ": nested more than 64 levels deep");
        // one level less is read (the root mapping is the first level)
        assertThatCode(() -> TreeReader.read("a: " + deep.substring(1, deep.length() - 1), "t.yaml", false)).doesNotThrowAnyException();
    }

    @Test
    void aliasesOfAliasesAreBounded() {
        StringBuilder yaml = new StringBuilder("l0: &l0 [" + "ha, ".repeat(8) + "ha]\n");
        for (int i = 1; i < 9; i++) {
            yaml.append("l").append(i).append(": &l").append(i).append(" [").append(("*l" + (i - 1) + ", ").repeat(8)).append("*l")
                    .append(i - 1).append("]\n");
        }
        long start = System.nanoTime();
        assertThat(problem(yaml.toString())).contains(": aliases expand this document past 12 MiB");
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms").isLessThan(2000);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Document nesting depth (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNestingDepth()`)|nested more than 1000 levels deep",
        "String value length (20000001) exceeds the maximum allowed (20000000, from `StreamReadConstraints.getMaxStringLength()`)|a string longer than 20,000,000 characters",
        "Unexpected end-of-input: expected close marker for Array (start marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 10])|Unexpected end-of-input: expected close marker for Array (start marker at line 1, column 10)",
        "Expected a field name (Scalar value in YAML), got this instead: <org.yaml.snakeyaml.events.AliasEvent(anchor=k)>|a key must be a plain string here, not an alias, a list or a mapping",
        "Malformed Number token: failed to tokenize due to (java.lang.NumberFormatException): For input string|a malformed number",
        "Something from com.fasterxml.jackson.core.Thing|not valid JSON",
    })
    void parserMessagesLoseTheParsersInternals(String jackson, String expected) {
        com.fasterxml.jackson.core.JsonProcessingException e = new com.fasterxml.jackson.core.JsonParseException(null, jackson);
        assertThat(ParserMessages.of(e, "JSON")).isEqualTo(expected);
    }
}

package io.llmload.workload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;
import io.llmload.client.Tokenizers;
import io.llmload.scenario.DistSpec;
import io.llmload.scenario.SyntheticSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyntheticPromptsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** An independent registry: the oracle does not share the code under test's instances. */
    private static final com.knuddels.jtokkit.api.EncodingRegistry ORACLE = Encodings.newLazyEncodingRegistry();
    private static final BodyTemplate TEMPLATE = new BodyTemplate("m", true, 64, false, false, Map.of());

    private static SyntheticPrompts source(String tokenizer, DistSpec input, DistSpec output, int prefix, long seed) {
        return new SyntheticPrompts(new SyntheticSpec(input, output, prefix), TEMPLATE, Tokenizers.encoding(tokenizer), tokenizer, seed);
    }

    private static JsonNode body(SyntheticPrompts s, long sequence) throws Exception {
        return JSON.readTree(s.body(sequence).getBytes());
    }

    private static String content(JsonNode body) {
        return body.get("messages").get(0).get("content").asText();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cl100k_base", "o200k_base", "p50k_base", "r50k_base"})
    void everyLengthIsExactUnderTheTokenizer(String tokenizer) throws Exception {
        Encoding oracle = ORACLE.getEncoding(EncodingType.fromName(tokenizer).orElseThrow());
        SyntheticPrompts s = source(tokenizer, new DistSpec(DistSpec.UNIFORM, 0, 0, 4, 2000), null, 0, 11);
        for (long seq = 0; seq < 150; seq++) {
            JsonNode body = body(s, seq);
            String text = content(body);
            java.util.Random r = new java.util.Random(SyntheticPrompts.mix(11, seq));
            long expected = Math.max(4, Math.round(new DistSpec(DistSpec.UNIFORM, 0, 0, 4, 2000).sample(r)));
            assertThat(oracle.countTokensOrdinary(text)).as("sequence %d: %s", seq, text).isEqualTo((int) expected);
        }
    }

    @Test
    void smallAndRoundLengthsAreExact() throws Exception {
        Encoding oracle = ORACLE.getEncoding(EncodingType.CL100K_BASE);
        for (int n : new int[] {4, 5, 6, 7, 8, 9, 10, 16, 31, 32, 33, 100, 128, 255, 256, 512, 1000, 1024, 2048, 4096, 8192, 32768}) {
            SyntheticPrompts s = source("cl100k_base", DistSpec.fixed(n), null, 0, n);
            for (long seq = 0; seq < 3; seq++) {
                assertThat(oracle.countTokensOrdinary(content(body(s, seq)))).as("length %d", n).isEqualTo(n);
            }
        }
    }

    @Test
    void promptsAreDistinctFromTheirFirstTokens() throws Exception {
        Encoding oracle = ORACLE.getEncoding(EncodingType.CL100K_BASE);
        SyntheticPrompts s = source("cl100k_base", DistSpec.fixed(64), null, 0, 5);
        Set<String> texts = new HashSet<>();
        Set<List<Integer>> heads = new HashSet<>();
        for (long seq = 0; seq < 3000; seq++) {
            String text = content(body(s, seq));
            assertThat(texts.add(text)).as("prompt %d repeats an earlier one", seq).isTrue();
            IntArrayList tokens = oracle.encodeOrdinary(text);
            heads.add(List.of(tokens.get(0), tokens.get(1), tokens.get(2), tokens.get(3)));
        }
        assertThat(heads).as("the first four tokens already tell every prompt apart").hasSize(3000);
    }

    @Test
    void aSharedPrefixIsExactlyPrefixTokensLong() throws Exception {
        Encoding oracle = ORACLE.getEncoding(EncodingType.CL100K_BASE);
        int prefix = 200;
        SyntheticPrompts s = source("cl100k_base", new DistSpec(DistSpec.UNIFORM, 0, 0, 250, 600), null, prefix, 9);
        List<Integer> first = null;
        Set<List<Integer>> afterPrefix = new HashSet<>();
        for (long seq = 0; seq < 200; seq++) {
            IntArrayList tokens = oracle.encodeOrdinary(content(body(s, seq)));
            List<Integer> head = toList(tokens, 0, prefix);
            if (first == null) {
                first = head;
            }
            assertThat(head).as("prefix of prompt %d", seq).isEqualTo(first);
            afterPrefix.add(toList(tokens, prefix, prefix + 4));
        }
        assertThat(afterPrefix).as("prompts differ right after the prefix").hasSize(200);
    }

    @Test
    void theSameSeedGivesTheSameBodiesAndAnotherSeedOthers() {
        DistSpec input = new DistSpec(DistSpec.NORMAL, 300, 50, 0, Double.MAX_VALUE);
        DistSpec output = new DistSpec(DistSpec.UNIFORM, 0, 0, 10, 100);
        SyntheticPrompts a = source("cl100k_base", input, output, 10, 42);
        SyntheticPrompts b = source("cl100k_base", input, output, 10, 42);
        SyntheticPrompts c = source("cl100k_base", input, output, 10, 43);
        for (long seq : new long[] {0, 1, 2, 99, 12345, 1L << 40}) {
            assertThat(a.body(seq).toString()).isEqualTo(b.body(seq).toString());
            assertThat(a.body(seq).toString()).isNotEqualTo(c.body(seq).toString());
        }
    }

    @Test
    void outputLengthsAreDrawnPerRequestWithMinTokensAndIgnoreEosWhenAsked() throws Exception {
        BodyTemplate template = new BodyTemplate("m", false, 999, true, true, Map.of("temperature", 0));
        DistSpec output = new DistSpec(DistSpec.UNIFORM, 0, 0, 10, 100);
        SyntheticPrompts s = new SyntheticPrompts(new SyntheticSpec(DistSpec.fixed(20), output, 0), template,
                Tokenizers.encoding("cl100k_base"), "cl100k_base", 3);
        Set<Integer> seen = new HashSet<>();
        for (long seq = 0; seq < 200; seq++) {
            JsonNode body = body(s, seq);
            int max = body.get("max_tokens").asInt();
            assertThat(max).isBetween(10, 100);
            assertThat(body.get("min_tokens").asInt()).isEqualTo(max);
            assertThat(body.get("ignore_eos").asBoolean()).isTrue();
            assertThat(body.get("stream").asBoolean()).isFalse();
            assertThat(body.get("temperature").asInt()).isZero();
            assertThat(body.get("model").asText()).isEqualTo("m");
            seen.add(max);
        }
        assertThat(seen.size()).as("lengths vary").isGreaterThan(30);
    }

    @Test
    void withoutOutputTokensTheRequestMaxTokensApplies() throws Exception {
        SyntheticPrompts s = source("cl100k_base", DistSpec.fixed(10), null, 0, 1);
        JsonNode body = body(s, 0);
        assertThat(body.get("max_tokens").asInt()).isEqualTo(64);
        assertThat(body.has("min_tokens")).isFalse();
        assertThat(body.has("ignore_eos")).isFalse();
        assertThat(body.get("stream_options").get("include_usage").asBoolean()).isTrue();
    }

    @Test
    void theTallyCountsWhatWasHandedOut() {
        SyntheticPrompts s = source("cl100k_base", DistSpec.fixed(100), null, 0, 1);
        for (long seq = 0; seq < 10; seq++) {
            s.body(seq);
        }
        assertThat(s.inputTokens().requests()).isEqualTo(10);
        assertThat(s.inputTokens().mean()).isEqualTo(100.0);
        assertThat(s.inputTokens().stddev()).isZero();
        assertThat(s.inputTokens().tokenizer()).isEqualTo("cl100k_base");
    }

    @Test
    void corpusSentencesCountTheSameWholeAsInPieces() {
        Corpus corpus = Corpus.builtIn();
        assertThat(corpus.sentenceCount()).isGreaterThan(300);
        for (String name : List.of("cl100k_base", "o200k_base")) {
            Encoding oracle = ORACLE.getEncoding(EncodingType.fromName(name).orElseThrow());
            for (int sentence = 0; sentence < corpus.sentenceCount(); sentence++) {
                StringBuilder whole = new StringBuilder();
                int sum = 0;
                for (int p = corpus.sentenceStart[sentence]; p < corpus.sentenceStart[sentence + 1]; p++) {
                    whole.append(corpus.piece(p));
                    sum += oracle.countTokensOrdinary(corpus.piece(p));
                }
                assertThat(oracle.countTokensOrdinary(whole.toString())).as("%s: %s", name, whole).isEqualTo(sum);
            }
        }
    }

    @Test
    void theCorpusIsNormalisedToLettersSpacesAndSingleMarks() {
        Corpus c = Corpus.parse("# comment line\nIt's a test -- really?! Yes: 42 times, \"quoted\".\n");
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < c.pieceCount(); i++) {
            all.append(c.piece(i)).append('|');
        }
        assertThat(all.toString()).isEqualTo(" It| s| a| test| really|?| Yes|:| times|,| quoted|.|");
        assertThat(c.sentenceCount()).isEqualTo(2);
    }

    private static List<Integer> toList(IntArrayList tokens, int from, int to) {
        List<Integer> out = new java.util.ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(tokens.get(i));
        }
        return out;
    }
}

package io.llmload.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/** Oracle test: the word-at-a-time searches agree with a byte-by-byte search on every byte value in every lane. */
class SwarTest {
    private static final IntPredicate SPECIAL = b -> b == '"' || b == '\\' || b < 0x20;
    private static final IntPredicate LINE_END = b -> b == '\n' || b == '\r';

    @Test
    void everyByteValueInEveryLane() {
        int[] fillers = {'a', ' ', 0x7F, 0x80, 0xC3, 0xFF, '0'};
        for (int filler : fillers) {
            for (int lane = 0; lane < 8; lane++) {
                for (int b = 0; b < 256; b++) {
                    byte[] word = new byte[8];
                    java.util.Arrays.fill(word, (byte) filler);
                    word[lane] = (byte) b;
                    check(word, Swar::special, SPECIAL);
                    check(word, Swar::lineEnds, LINE_END);
                }
            }
        }
    }

    @Test
    void randomWordsWithSeveralMatches() {
        SplittableRandom random = new SplittableRandom(3);
        byte[] alphabet = {'"', '\\', '\n', '\r', 0x00, 0x1F, 0x20, 0x21, 'a', (byte) 0x80, (byte) 0xE2, (byte) 0xFF, 0x5B, 0x5D};
        for (int n = 0; n < 200_000; n++) {
            byte[] word = new byte[8];
            for (int i = 0; i < 8; i++) {
                word[i] = random.nextInt(3) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte) random.nextInt(256);
            }
            check(word, Swar::special, SPECIAL);
            check(word, Swar::lineEnds, LINE_END);
        }
    }

    private static void check(byte[] word, LongUnaryOperator search, IntPredicate oracle) {
        int expected = -1;
        for (int i = 0; i < 8; i++) {
            if (oracle.test(word[i] & 0xFF)) {
                expected = i;
                break;
            }
        }
        long mask = search.applyAsLong((long) Swar.LONGS.get(word, 0));
        int found = mask == 0 ? -1 : Long.numberOfTrailingZeros(mask) >>> 3;
        assertThat(found).as("word %s", java.util.Arrays.toString(word)).isEqualTo(expected);
    }
}

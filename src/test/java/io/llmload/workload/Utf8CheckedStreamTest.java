package io.llmload.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.scenario.TextBytes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Oracle test: the streaming check and the whole-buffer decode ({@link TextBytes}, Java's decoder) agree byte for byte. */
class Utf8CheckedStreamTest {
    /** The offset of the first bad byte the stream finds, read in chunks of {@code chunk}; -1 if none. */
    private static long streamVerdict(byte[] bytes, int chunk) {
        try (Utf8CheckedStream in = new Utf8CheckedStream(new ByteArrayInputStream(bytes), 0, 0, 0)) {
            byte[] buffer = new byte[chunk];
            while (in.read(buffer, 0, chunk) >= 0) {
                // read on
            }
            return -1;
        } catch (Utf8CheckedStream.NotText e) {
            return Long.parseLong(e.getMessage().replaceAll(".*byte offset (\\d+).*", "$1"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static long decoderVerdict(byte[] bytes) {
        try {
            TextBytes.decode(bytes, 0, bytes.length);
            return -1;
        } catch (TextBytes.NotText e) {
            return e.index();
        }
    }

    @Test
    void findsTheSameFirstBadByteAsJavasDecoder() {
        Random random = new Random(42);
        String valid = "plain ascii, café, 日本語, 😀 and \u07FF\uFFFD\uD7FF\uE000";
        byte[] text = valid.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(streamVerdict(text, 3)).isEqualTo(-1);
        int disagreements = 0;
        for (int trial = 0; trial < 20_000; trial++) {
            byte[] bytes = text.clone();
            // one to three random bytes anywhere: overlong forms, surrogates, stray continuations, cut sequences
            for (int k = 0; k <= random.nextInt(3); k++) {
                bytes[random.nextInt(bytes.length)] = (byte) (random.nextBoolean() ? 0x80 + random.nextInt(0x80) : random.nextInt(256));
            }
            if (random.nextInt(4) == 0) {
                bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length) + 1);
            }
            long expected = decoderVerdict(bytes);
            if (streamVerdict(bytes, 1 + random.nextInt(7)) != expected) {
                disagreements++;
            }
        }
        assertThat(disagreements).isZero();
    }
}

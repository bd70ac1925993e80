package io.llmload.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.client.ChunkScanner;
import io.llmload.client.StreamReadPath;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keeps the benchmark fixtures honest (they feed JMH and the nginx target of bench/run.sh): events
 * of the size real servers send, and a stream that the client's read path takes apart into
 * exactly the tokens, usage and [DONE] it holds, however the bytes are cut into reads.
 */
class OpenAiPayloadsTest {

    @Test
    void streamEventsAreOpenAiSized() {
        String stream = new String(OpenAiPayloads.sseStream(64, 42), StandardCharsets.UTF_8);
        String[] events = stream.split("\n\n");
        assertThat(events).hasSize(OpenAiPayloads.events(64));
        for (int i = 0; i < events.length - 1; i++) { // all but [DONE]; token chunks are 1..64, the usage chunk is longer
            int bytes = (events[i] + "\n\n").getBytes(StandardCharsets.UTF_8).length;
            assertThat(bytes).as("event %d", i).isBetween(200, i >= 1 && i <= 64 ? 400 : 600);
        }
        assertThat(events[events.length - 1]).isEqualTo("data: [DONE]");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 300, 1460, 16384, 1 << 20})
    void theReadPathFindsEveryTokenAtAnyReadSize(int readBytes) {
        byte[] stream = OpenAiPayloads.sseStream(64, 42);
        StreamReadPath path = new StreamReadPath();
        for (int round = 0; round < 2; round++) { // reused, as an exchange is
            path.startAnswer();
            for (int start = 0; start < stream.length; start += readBytes) {
                path.read(Buffer.buffer().appendBytes(stream, start, Math.min(readBytes, stream.length - start)));
            }
            assertThat(path.contentChunks()).isEqualTo(64);
            assertThat(path.events()).isEqualTo(68);
            assertThat(path.gaps()).isEqualTo(63);
            assertThat(path.usageCompletionTokens()).isEqualTo(64);
            assertThat(path.finishReason()).isEqualTo("stop");
            assertThat(path.sawDone()).isTrue();
            assertThat(path.content().text()).startsWith(" The answer depends on").contains("Café", "\"queue\"", "🙂", "naïve");
        }
    }

    @Test
    void theCompletionIsAboutSixHundredBytesAndReadsLikeTheSeed() {
        byte[] body = OpenAiPayloads.completion();
        assertThat(body.length).isBetween(550, 700);
        ChunkScanner scanner = new ChunkScanner();
        assertThat(scanner.scan(body, 0, body.length)).isTrue();
        assertThat(scanner.carriesToken()).isTrue();
        assertThat(scanner.completionTokens()).isEqualTo(31);
        assertThat(scanner.promptTokens()).isEqualTo(OpenAiPayloads.PROMPT_TOKENS);
        assertThat(scanner.finishReason()).isEqualTo("stop");
    }

    @Test
    void mainWritesTheFilesNginxServes(@TempDir Path dir) throws Exception {
        OpenAiPayloads.main(new String[] {dir.toString()});
        assertThat(Files.readAllBytes(dir.resolve("chat.json"))).isEqualTo(OpenAiPayloads.completion());
        assertThat(Files.readAllBytes(dir.resolve("stream.sse"))).isEqualTo(OpenAiPayloads.sseStream(OpenAiPayloads.STREAM_TOKENS, 42));
    }
}

package io.llmload.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BodyBytesTest {

    @Test
    void gathersReadsInOrderAndIsReusedWithoutGrowing() {
        BodyBytes body = new BodyBytes();
        assertThat(body.capacity()).as("nothing until used").isZero();
        body.append(Buffer.buffer("{\"a\":"));
        body.append(Buffer.buffer("1}"));
        assertThat(new String(body.array(), 0, body.length(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        int capacity = body.capacity();
        body.reset();
        assertThat(body.length()).isZero();
        body.append(Buffer.buffer("{}"));
        assertThat(body.capacity()).isEqualTo(capacity);
        assertThat(new String(body.array(), 0, body.length(), StandardCharsets.UTF_8)).isEqualTo("{}");
    }

    @Test
    void aHugeAnswerIsGivenBackAtTheNextReset() {
        BodyBytes body = new BodyBytes();
        byte[] big = new byte[BodyBytes.KEEP_BYTES + 1];
        body.append(Buffer.buffer(big));
        assertThat(body.length()).isEqualTo(big.length);
        body.reset();
        assertThat(body.capacity()).isZero();
    }
}

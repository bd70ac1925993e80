package io.llmload.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class SignerTest {
    private final Signer signer = new Signer("correct horse");

    @Test
    void aSealedMessageOpensWithTheSameSecretOnly() {
        JsonObject body = new JsonObject().put("type", "prepare").put("n", 3);
        JsonObject sealed = signer.seal(body);
        assertThat(signer.open(sealed)).isEqualTo(body);
        assertThat(new Signer("battery staple").open(sealed)).isNull();
        assertThat(sealed.encode()).doesNotContain("correct horse");
    }

    @Test
    void aChangedPayloadOrMacIsRefusedButCanStillBeRead() {
        JsonObject sealed = signer.seal(new JsonObject().put("type", "stop"));
        JsonObject tampered = sealed.copy().put("payload", sealed.getString("payload").replace("stop", "prepare"));
        assertThat(signer.open(tampered)).isNull();
        assertThat(Signer.peek(tampered).getString("type")).isEqualTo("prepare");
        assertThat(signer.open(sealed.copy().put("mac", "AAAA"))).isNull();
        assertThat(signer.open(sealed.copy().putNull("mac"))).isNull();
        assertThat(signer.open(new JsonObject().put("payload", "not json"))).isNull();
    }
}

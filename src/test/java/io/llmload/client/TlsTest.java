package io.llmload.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS against a loopback HTTPS server whose self-signed certificate is generated here with the
 * JDK's keytool: verification is on by default and refuses it; the certificate given as
 * {@code ca_file} makes it trusted; {@code tls_verify: false} accepts anything.
 */
@ExtendWith(VertxExtension.class)
class TlsTest {
    @TempDir
    static Path dir;
    static Vertx vertx;
    static SelfSignedHttps server;

    @BeforeAll
    static void startHttpsServer() throws Exception {
        vertx = Vertx.vertx();
        server = SelfSignedHttps.start(vertx, dir);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static String url() {
        return server.baseUrl();
    }

    static ClientConfig config(boolean verify, String caFile) {
        return new ClientConfig(Endpoint.fromBaseUrl(url()), Map.of(), false, verify, 1, Duration.ofSeconds(3),
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10), 1 << 20, 1 << 16, Redactor.none(), "cl100k_base", Transport.trusting(caFile),
                RetryPolicy.NONE);
    }

    @Test
    void aSelfSignedCertificateIsRefusedByDefault(Vertx v) throws Exception {
        ExchangeTest.Result r = ExchangeTest.send(v, config(true, null), true);
        assertThat(r.outcome().errorKind()).isEqualTo(ErrorKind.TLS);
        assertThat(r.outcome().errorMessage()).containsIgnoringCase("certific");
    }

    @Test
    void theCertificateAsCaFileIsTrusted(Vertx v) throws Exception {
        ExchangeTest.Result r = ExchangeTest.send(v, config(true, server.caPem().toString()), true);
        assertThat(r.outcome().succeeded()).as(r.outcome().errorMessage()).isTrue();
        assertThat(r.outcome().outputTokens()).isEqualTo(1);
    }

    @Test
    void verificationOffAcceptsIt(Vertx v) throws Exception {
        ExchangeTest.Result r = ExchangeTest.send(v, config(false, null), true);
        assertThat(r.outcome().succeeded()).as(r.outcome().errorMessage()).isTrue();
    }

    @Test
    void retriesDoNotChangeTheTlsVerdict(Vertx v) throws Exception {
        ClientConfig c = config(true, null).withRetry(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofSeconds(1), List.of("reset")));
        assertThat(ExchangeTest.send(v, c, true).outcome().errorKind()).isEqualTo(ErrorKind.TLS);
    }
}

package io.llmload.client;

import static io.llmload.client.ScriptedServer.DONE;
import static io.llmload.client.ScriptedServer.ROLE;
import static io.llmload.client.ScriptedServer.content;
import static io.llmload.client.ScriptedServer.sse;
import static io.llmload.client.ScriptedServer.usage;
import static io.llmload.client.ScriptedServer.writeSpaced;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;
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
    static Path caPem;
    static Vertx vertx;
    static HttpServer server;

    @BeforeAll
    static void startHttpsServer() throws Exception {
        Path keystore = dir.resolve("server.p12");
        caPem = dir.resolve("ca.pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "mock", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
        run(keytool, "-exportcert", "-rfc", "-alias", "mock", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", caPem.toString());
        vertx = Vertx.vertx();
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true)
                .setKeyCertOptions(new PfxOptions().setPath(keystore.toString()).setPassword("changeit")));
        server.requestHandler(req -> req.body().onSuccess(b ->
                writeSpaced(vertx, sse(req), 2, ROLE, content("secure"), usage(3, 1), DONE)));
        server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
    }

    static String url() {
        return "https://127.0.0.1:" + server.actualPort() + "/v1";
    }

    static ClientConfig config(boolean verify, String caFile) {
        return new ClientConfig(Endpoint.fromBaseUrl(url()), Map.of(), false, verify, 1, Duration.ofSeconds(3),
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10), 1 << 20, 1 << 16, Redactor.none(), caFile,
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
        ExchangeTest.Result r = ExchangeTest.send(v, config(true, caPem.toString()), true);
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

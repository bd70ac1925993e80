package io.llmload.cli;

import static io.llmload.client.ScriptedServer.DONE;
import static io.llmload.client.ScriptedServer.ROLE;
import static io.llmload.client.ScriptedServer.content;
import static io.llmload.client.ScriptedServer.sse;
import static io.llmload.client.ScriptedServer.usage;
import static io.llmload.client.ScriptedServer.writeSpaced;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.client.SelfSignedHttps;
import io.llmload.mock.MockConfig;
import io.llmload.mock.MockServer;
import io.llmload.scenario.DistSpec;
import io.llmload.testkit.TestPki;
import io.llmload.testkit.TunnelProxy;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code target.http} settings that cannot work (a CA file that is no certificate, a client
 * certificate or key that does not load, a proxy URL that does not parse) stop {@code validate}
 * and {@code run} with exit 2 and the file named, before a single request reaches the loopback
 * server; the ones that work carry requests through a real proxy and a server that demands a
 * client certificate; a certificate the client does not trust says what to set.
 */
@ExtendWith(VertxExtension.class)
class TransportSettingsCliTest {
    @TempDir
    Path tmp;
    private MockServer mock;

    @BeforeEach
    void startMock(Vertx vertx) throws Exception {
        MockConfig config = new MockConfig("127.0.0.1", 0, 1, DistSpec.fixed(1e6), DistSpec.fixed(1e6), DistSpec.fixed(2), 5, null);
        mock = MockServer.start(vertx, config).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private Path scenario(String url, String http) throws Exception {
        Path file = tmp.resolve("transport.yaml");
        Files.writeString(file, """
                name: transport
                target:
                  url: "%s"
                  model: m
                  http: %s
                load: {concurrency: 1, requests: 3}
                report: {formats: [json]}
                """.formatted(url, http));
        return file;
    }

    /** validate and run both refuse {@code http} with exit 2 and {@code expected}; the server saw nothing. */
    private void refused(String http, String expected) throws Exception {
        Path file = scenario(mock.baseUrl(), http);
        CliTest.Outcome validate = CliTest.llmload("validate", file.toString());
        assertThat(validate.code()).as(validate.all()).isEqualTo(ExitCodes.USAGE);
        assertThat(validate.err()).contains(file + ":5:").contains(expected).doesNotContain("Exception");
        CliTest.Outcome run = CliTest.llmload("run", file.toString(), "--out", tmp.resolve("out").toString());
        assertThat(run.code()).as(run.all()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains(expected);
        assertThat(mock.chatRequests()).as("requests the server received").isZero();
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void aCaFileThatIsNoCertificateStopsTheRunBeforeAnyRequest() throws Exception {
        Path garbage = Files.writeString(tmp.resolve("garbage.pem"), "this is not a certificate\n");
        refused("{ca_file: '" + garbage + "'}",
                "target.http.ca_file: '" + garbage + "' is not a PEM certificate: no -----BEGIN CERTIFICATE----- block");
        Path cut = Files.writeString(tmp.resolve("cut.pem"), "-----BEGIN CERTIFICATE-----\nMIIBkTCB+wIJAKHHIG\n-----END CERTIFICATE-----\n");
        refused("{ca_file: '" + cut + "'}", "'" + cut + "': the certificate is not a valid X.509 certificate");
        TestPki.Issued issued = TestPki.issue(tmp, "k", "EC");
        refused("{ca_file: '" + issued.key() + "'}", "is not a PEM certificate: no -----BEGIN CERTIFICATE----- block; it holds a private key");
    }

    @Test
    void aClientCertificateOrKeyThatDoesNotLoadStopsTheRunBeforeAnyRequest() throws Exception {
        TestPki.Issued client = TestPki.issue(tmp, "client", "EC");
        TestPki.Issued other = TestPki.issue(tmp, "other", "RSA");
        Path garbage = Files.writeString(tmp.resolve("garbage.pem"), "\u0000\u0001binary\n");
        refused("{cert_file: '" + client.cert() + "'}", "target.http.cert_file: a client certificate needs its private key");
        refused("{cert_file: '" + garbage + "', key_file: '" + client.key() + "'}",
                "target.http.cert_file: '" + garbage + "' is not a PEM certificate");
        refused("{cert_file: '" + client.cert() + "', key_file: '" + client.cert() + "'}",
                "target.http.key_file: '" + client.cert() + "' is not a PEM private key: no -----BEGIN PRIVATE KEY----- block"
                        + " (nor RSA PRIVATE KEY, EC PRIVATE KEY); it holds a certificate");
        refused("{cert_file: '" + client.cert() + "', key_file: '" + other.key() + "'}",
                "target.http.key_file: '" + other.key() + "' is not the private key of the certificate in '" + client.cert() + "'");
        Path wrongBytes = Files.writeString(tmp.resolve("wrong.key"), TestPki.pem("PRIVATE KEY", new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}));
        refused("{cert_file: '" + client.cert() + "', key_file: '" + wrongBytes + "'}",
                "'" + wrongBytes + "': the private key (PRIVATE KEY) does not load; expected an RSA or EC key");
        Path encrypted = Files.writeString(tmp.resolve("enc.key"), TestPki.pem("ENCRYPTED PRIVATE KEY", new byte[] {0x30, 0x00}));
        refused("{cert_file: '" + client.cert() + "', key_file: '" + encrypted + "'}",
                "holds an encrypted private key, which cannot be used without its pass phrase");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "proxy.internal:3128          | expected a proxy URL such as http://proxy.internal:3128 or socks5://127.0.0.1:1080; got 'proxy.internal:3128'",
        "http://proxy.internal        | give the proxy's port, as in http://proxy.internal:3128",
        "socks5://127.0.0.1           | give the proxy's port, as in socks5://127.0.0.1:1080",
        "ftp://127.0.0.1:21           | expected a proxy URL such as",
        "http://user:pw@127.0.0.1:3128 | credentials in the proxy URL are not supported",
        "http://127.0.0.1:3128/path   | a proxy URL is only scheme://host:port",
        "http://127.0.0.1:99999       | give the proxy's port",
        "'http://[::1'                | expected a proxy URL such as"})
    void aProxyThatDoesNotParseStopsTheRunBeforeAnyRequest(String proxy, String expected) throws Exception {
        refused("{proxy: \"" + proxy + "\"}", "target.http.proxy: " + expected);
    }

    @Test
    void requestsGoThroughAnHttpProxyInAbsoluteFormAndHttpsThroughConnect(Vertx vertx) throws Exception {
        try (TunnelProxy proxy = TunnelProxy.start(); SelfSignedHttps https = SelfSignedHttps.start(vertx, tmp)) {
            CliTest.Outcome plain = CliTest.llmload("run", scenario(mock.baseUrl(), "{proxy: '" + proxy.url() + "'}").toString(),
                    "--out", tmp.resolve("plain").toString());
            assertThat(plain.code()).as(plain.all()).isZero();
            assertThat(mock.chatRequests()).isEqualTo(3);
            assertThat(proxy.firstLines()).isNotEmpty()
                    .allMatch(l -> l.startsWith("POST " + mock.baseUrl() + "/chat/completions HTTP/1.1")
                            || l.startsWith("GET " + mock.baseUrl() + "/models HTTP/1.1"), "absolute-form requests");
        // (a connection's first line is llmload's GET .../models when it opened it before the clock started)

            proxy.firstLines().clear();
            CliTest.Outcome tls = CliTest.llmload("run", scenario(https.baseUrl(),
                    "{proxy: '" + proxy.url() + "', ca_file: '" + https.caPem() + "'}").toString(), "--out", tmp.resolve("tls").toString());
            assertThat(tls.code()).as(tls.all()).isZero();
            String authority = https.baseUrl().substring("https://".length(), https.baseUrl().length() - "/v1".length());
            assertThat(proxy.firstLines()).isNotEmpty().allMatch(l -> l.startsWith("CONNECT " + authority + " "), "tunnels");
        }
    }

    @Test
    void aServerThatDemandsAClientCertificateGetsOneAndSaysWhatIsMissingWithout(Vertx vertx) throws Exception {
        TestPki.Issued server = TestPki.issue(tmp, "server", "RSA");
        TestPki.Issued client = TestPki.issue(tmp, "client", "EC");
        HttpServer https = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true)
                .setKeyCertOptions(new PfxOptions().setPath(server.p12().toString()).setPassword(TestPki.PASSWORD))
                .setClientAuth(ClientAuth.REQUIRED).setTrustOptions(new PemTrustOptions().addCertPath(client.cert().toString())));
        https.requestHandler(req -> req.body().onSuccess(b -> writeSpaced(vertx, sse(req), 1, ROLE, content("mutual"), usage(3, 1), DONE)));
        https.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        try {
            String url = "https://127.0.0.1:" + https.actualPort() + "/v1";
            Path with = tmp.resolve("with");
            CliTest.Outcome ok = CliTest.llmload("run", scenario(url, "{ca_file: '" + server.cert() + "', cert_file: '" + client.cert()
                    + "', key_file: '" + client.key() + "'}").toString(), "--out", with.toString());
            assertThat(ok.code()).as(ok.all()).isZero();
            assertThat(new ObjectMapper().readTree(with.resolve("report.json").toFile()).at("/summary/requests/succeeded").asLong())
                    .isEqualTo(3);

            CliTest.Outcome without = CliTest.llmload("run", scenario(url, "{ca_file: '" + server.cert() + "'}").toString(),
                    "--out", tmp.resolve("without").toString());
            assertThat(without.code()).as(without.all()).isEqualTo(ExitCodes.RUN_FAILED);
            assertThat(without.out()).contains("the server asks for a client certificate: set target.http.cert_file and key_file");
        } finally {
            https.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void anUntrustedServerCertificateSaysOnceWhatToSet(Vertx vertx) throws Exception {
        try (SelfSignedHttps https = SelfSignedHttps.start(vertx, tmp)) {
            Path out = tmp.resolve("untrusted");
            CliTest.Outcome o = CliTest.llmload("run", scenario(https.baseUrl(), "{}").toString(), "--out", out.toString(), "--quiet");
            assertThat(o.code()).as(o.all()).isEqualTo(ExitCodes.RUN_FAILED);
            String advice = "give its CA with target.http.ca_file, or set target.http.tls_verify: false for a test server";
            assertThat(o.all()).containsOnlyOnce(advice);
            JsonNode requests = new ObjectMapper().readTree(out.resolve("report.json").toFile()).at("/summary/requests");
            assertThat(requests.at("/errors/tls").asLong()).isEqualTo(3);
            assertThat(requests.at("/error_samples/tls").asText()).contains(advice);
        }
    }
}

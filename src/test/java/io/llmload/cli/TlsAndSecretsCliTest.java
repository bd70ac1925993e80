package io.llmload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.client.SelfSignedHttps;
import io.llmload.mock.MockConfig;
import io.llmload.mock.MockServer;
import io.llmload.scenario.DistSpec;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS settings through the command line against a loopback HTTPS server with a self-signed
 * certificate, with an API key set: refused by default, trusted with {@code ca_file}, accepted
 * with a warning and a record in the report when {@code tls_verify: false}; the key appears in no
 * console line and no report in any of these runs.
 */
@ExtendWith(VertxExtension.class)
class TlsAndSecretsCliTest {
    private static final String KEY = "sk-tls-SECRET-9876-zyxw";

    @TempDir
    Path tmp;

    private Path scenario(String url, String http) throws IOException {
        Path file = tmp.resolve("tls.yaml");
        Files.writeString(file, """
                name: tls
                target:
                  url: %s
                  model: m
                  api_key_env: TLS_KEY
                  http: %s
                load: {concurrency: 1, requests: 3}
                """.formatted(url, http));
        return file;
    }

    private CliTest.Outcome run(Path file, Path out) {
        return CliTest.llmload(Map.of("TLS_KEY", KEY), "run", file.toString(), "--out", out.toString());
    }

    private void assertNoKey(CliTest.Outcome o, Path out) throws IOException {
        assertNoKey(o, out, KEY);
    }

    private void assertNoKey(CliTest.Outcome o, Path out, String key) throws IOException {
        assertThat(o.all()).doesNotContain(key);
        if (Files.exists(out)) {
            try (var files = Files.list(out)) {
                for (Path f : files.toList()) {
                    assertThat(Files.readString(f)).as(f.toString()).doesNotContain(key);
                }
            }
        }
    }

    @Test
    void verificationIsOnByDefaultAndOffOnlyWithAWarning(Vertx vertx) throws Exception {
        try (SelfSignedHttps server = SelfSignedHttps.start(vertx, tmp)) {
            Path refused = tmp.resolve("refused");
            CliTest.Outcome o = run(scenario(server.baseUrl(), "{}"), refused);
            assertThat(o.code()).as(o.all()).isEqualTo(3);
            assertThat(o.out()).contains("ERROR: every request failed").contains("tls");
            assertThat(o.err()).doesNotContain("warning: TLS");
            assertNoKey(o, refused);

            Path trusted = tmp.resolve("trusted");
            o = run(scenario(server.baseUrl(), "{ca_file: '" + server.caPem() + "'}"), trusted);
            assertThat(o.code()).as(o.all()).isZero();
            assertThat(o.err()).doesNotContain("warning: TLS");
            assertNoKey(o, trusted);

            Path off = tmp.resolve("off");
            o = run(scenario(server.baseUrl(), "{tls_verify: false}"), off);
            assertThat(o.code()).as(o.all()).isZero();
            assertThat(o.err()).contains("warning: TLS certificate verification is off (target.http.tls_verify: false)");
            JsonNode report = new ObjectMapper().readTree(off.resolve("report.json").toFile());
            assertThat(report.at("/scenario/target/http/tls_verify").asBoolean(true)).isFalse();
            assertThat(report.at("/summary/requests/succeeded").asLong()).isEqualTo(3);
            assertNoKey(o, off);
        }
    }

    @Test
    void anUnreadableCaFileIsAScenarioError() throws IOException {
        Path file = scenario("https://127.0.0.1:1/v1", "{ca_file: nowhere.pem}");
        CliTest.Outcome o = CliTest.llmload(Map.of("TLS_KEY", KEY), "validate", file.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains(file + ":6:19: target.http.ca_file: cannot read 'nowhere.pem'");
    }

    @Test
    void validateAndItsErrorsNeverPrintTheKey() throws IOException {
        Path file = tmp.resolve("v.yaml");
        Files.writeString(file, """
                target:
                  url: https://127.0.0.1:1/v1
                  model: m
                  api_key_env: TLS_KEY
                  headers: {X-Api-Key: "${env:TLS_KEY}", X-Trace: "${env:TLS_KEY}"}
                request: {retry: {max: 2, on: [429, rset]}}
                """);
        CliTest.Outcome bad = CliTest.llmload(Map.of("TLS_KEY", KEY), "validate", file.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("request.retry.on[1]").contains("did you mean 'reset'");
        assertThat(bad.all()).doesNotContain(KEY);
        Files.writeString(file, Files.readString(file).replace("rset", "reset"));
        CliTest.Outcome ok = CliTest.llmload(Map.of("TLS_KEY", KEY), "validate", file.toString());
        assertThat(ok.code()).as(ok.all()).isZero();
        assertThat(ok.all()).doesNotContain(KEY);
    }

    @Test
    void aKeyBuiltIntoTheModelOrTheUrlIsScrubbedFromEveryOutput(Vertx vertx) throws Exception {
        String key = "sk-test-SUPERSECRET-4f9a8b7c6d5e";
        MockConfig config = new MockConfig("127.0.0.1", 0, 1, DistSpec.fixed(1e6), DistSpec.fixed(1e6), DistSpec.fixed(2), 5, null);
        MockServer mock = MockServer.start(vertx, config).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        try {
            Path file = tmp.resolve("built.yaml");
            Files.writeString(file, """
                    name: built
                    target:
                      url: "%s?api-key=${env:LLMLOAD_TEST_KEY}&region=eu"
                      model: "m-${env:LLMLOAD_TEST_KEY}"
                    load: {concurrency: 1, requests: 3}
                    report: {formats: [json, html, junit, md]}
                    """.formatted(mock.baseUrl()));
            Path out = tmp.resolve("built");
            CliTest.Outcome o = CliTest.llmload(Map.of("LLMLOAD_TEST_KEY", key), "run", file.toString(), "--out", out.toString());
            assertThat(o.code()).as(o.all()).isZero();
            assertThat(o.err()).contains("api-key=***&region=eu");
            JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
            assertThat(report.at("/run/model").asText()).isEqualTo("m-***");
            assertNoKey(o, out, key);

            // A key pasted where the name of its variable belongs is refused without being echoed.
            Path pasted = tmp.resolve("pasted.yaml");
            Files.writeString(pasted, "name: pasted\ntarget: {url: \"" + mock.baseUrl() + "\", model: m, api_key_env: \"" + key + "\"}\n"
                    + "load: {concurrency: 1, requests: 1}\n");
            o = CliTest.llmload(Map.of(), "run", pasted.toString(), "--out", tmp.resolve("pasted").toString());
            assertThat(o.code()).as(o.all()).isEqualTo(2);
            assertThat(o.err()).contains("api_key_env must be the name of an environment variable");
            assertThat(o.all()).doesNotContain(key);

            // A literal key in the query string is masked by the parameter's name.
            Path literal = tmp.resolve("literal.yaml");
            Files.writeString(literal, "name: literal\ntarget: {url: \"" + mock.baseUrl() + "?key=literal-0123456789\", model: m}\n"
                    + "load: {concurrency: 1, requests: 1}\n");
            Path literalOut = tmp.resolve("literal");
            o = CliTest.llmload(Map.of(), "run", literal.toString(), "--out", literalOut.toString());
            assertThat(o.code()).as(o.all()).isZero();
            assertNoKey(o, literalOut, "literal-0123456789");
        } finally {
            mock.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}

package io.llmload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.mock.MockConfig;
import io.llmload.mock.MockServer;
import io.llmload.scenario.DistSpec;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A target given as an IPv6 literal ({@code http://[::1]:port/v1}): the Host header must carry the
 * brackets, or the server refuses every request with 400. Run through the CLI against the mock
 * listening on {@code ::1}, with the server's metrics scraped and llmload's own endpoint on {@code ::1}.
 */
@ExtendWith(VertxExtension.class)
class Ipv6TargetTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void needsIpv6Loopback() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            Assumptions.assumeTrue(probe.getLocalPort() > 0);
        } catch (IOException e) {
            Assumptions.abort("no IPv6 loopback on this machine: " + e.getMessage());
        }
    }

    @ParameterizedTest(name = "stream: {0}")
    @ValueSource(booleans = {true, false})
    void aRunAgainstAnIpv6LiteralSucceeds(boolean stream, Vertx vertx) throws Exception {
        MockConfig config = new MockConfig("::1", 0, 1, DistSpec.fixed(1e6), DistSpec.fixed(1e6), DistSpec.fixed(4), 1, null);
        MockServer mock = MockServer.start(vertx, config).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        String base = "http://[::1]:" + mock.port() + "/v1";
        assertThat(mock.baseUrl()).isEqualTo(base);
        Path file = tmp.resolve("s.yaml");
        Files.writeString(file, """
                name: ipv6
                target: {url: embedded, model: m}
                request: {stream: %s, max_tokens: 4}
                load: {concurrency: 2, requests: 10}
                server_metrics: {every: 100ms}
                metrics: {port: 0, host: "::1", linger: 0s}
                """.formatted(stream));
        Path out = tmp.resolve("out");
        CliTest.Outcome o;
        try {
            o = CliTest.llmload("run", file.toString(), "--target", base, "--warmup", "0s", "--out", out.toString());
        } finally {
            mock.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }

        assertThat(o.code()).as(o.all()).isZero();
        assertThat(o.all()).doesNotContain("http_400").contains(base + "/chat/completions")
                .containsPattern("metrics: http://\\[::1\\]:\\d+/metrics");
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.at("/summary/requests/succeeded").asLong()).isEqualTo(10);
        assertThat(report.at("/run/target").asText()).contains("[::1]:" + mock.port());
        JsonNode server = report.get("server_metrics");
        assertThat(server.get("url").asText()).isEqualTo("http://[::1]:" + mock.port() + "/metrics");
        assertThat(server.get("scrapes").asLong()).isPositive();
        assertThat(server.get("failed_scrapes").asLong()).as(server.path("last_error").asText()).isZero();
    }
}

package io.llmload.mock;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.scenario.DistSpec;
import io.llmload.scenario.MockFaults;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The mock with several instances on one port: they share port 0's pick and the fault sequence. */
@ExtendWith(VertxExtension.class)
class MockServerTest {

    @Test
    void instancesShareARandomPortAndOneFaultSequence(Vertx vertx) throws Exception {
        MockFaults faults = MockFaults.parseFlags(List.of("http_500=0.3"));
        MockConfig config = new MockConfig("127.0.0.1", 0, 3, DistSpec.fixed(1e6), DistSpec.fixed(1e6), DistSpec.fixed(2), 5, null)
                .withFaults(faults);
        MockServer server = MockServer.start(vertx, config).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        try {
            assertThat(server.port()).isPositive();
            int requests = 30;
            int errors = 0;
            for (int i = 0; i < requests; i++) {
                // A new client per request means a new connection, so the instances take turns.
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 500) {
                    errors++;
                } else {
                    assertThat(r.statusCode()).isEqualTo(200);
                }
            }
            long expected = 0;
            for (long seq = 0; seq < requests; seq++) {
                if (faults.pick(5, seq) != null) {
                    expected++;
                }
            }
            assertThat(errors).isEqualTo(expected);
        } finally {
            server.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}

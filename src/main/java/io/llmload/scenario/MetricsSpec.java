package io.llmload.scenario;

import static io.llmload.scenario.Shape.bool;
import static io.llmload.scenario.Shape.duration;
import static io.llmload.scenario.Shape.integer;
import static io.llmload.scenario.Shape.obj;
import static io.llmload.scenario.Shape.optional;
import static io.llmload.scenario.Shape.str;

import java.time.Duration;

/**
 * The live Prometheus endpoint ({@code metrics:} in a scenario, {@code --metrics-port} on the
 * command line). Off unless a port is given; port 0 picks a free one. It binds to 127.0.0.1
 * unless {@code host} says otherwise, and keeps serving for {@code linger} after the run so the
 * last scrape sees the final values. {@code vertx} adds Vert.x's HTTP-client meters (connections,
 * pool queue, bytes); off by default because they cost the client several percent of its CPU per
 * request (docs/PERFORMANCE.md), while llmload's own pool_wait and connect histograms are free.
 *
 * @param port the port, or null when the endpoint is off
 */
public record MetricsSpec(Integer port, String host, Duration linger, boolean vertx) {

    public static final String DEFAULT_HOST = "127.0.0.1";

    public static final Shape.Obj SHAPE = obj(
            optional("port", integer(0, 65535), null, "serve Prometheus metrics on this port (0: any free port); off when unset"),
            optional("host", str(), DEFAULT_HOST, "address to bind; 0.0.0.0 exposes the endpoint to the network"),
            optional("linger", duration(), "5s", "keep serving this long after the run so the last scrape sees final values"),
            optional("vertx", bool(), false, "also expose Vert.x's HTTP client meters (connections, pool queue, bytes); costs client CPU per request"));

    static MetricsSpec from(ObjView v) {
        Long port = v.integerOrNull("port");
        return new MetricsSpec(port == null ? null : Math.toIntExact(port), v.str("host"), v.duration("linger"), v.bool("vertx"));
    }

    public boolean enabled() {
        return port != null;
    }
}

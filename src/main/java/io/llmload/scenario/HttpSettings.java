package io.llmload.scenario;

import static io.llmload.scenario.Shape.bool;
import static io.llmload.scenario.Shape.integer;
import static io.llmload.scenario.Shape.obj;
import static io.llmload.scenario.Shape.optional;
import static io.llmload.scenario.Shape.str;

/**
 * Transport settings. {@code maxConnections} null means "as many as the concurrency", so requests
 * never wait inside the client's pool (a wait there would be reported as server latency).
 */
public record HttpSettings(String version, Integer maxConnections, boolean tlsVerify) {

    public static final Shape.Obj SHAPE = obj(
            optional("version", str("1.1", "2"), "1.1", "HTTP version; 2 uses ALPN over TLS and prior knowledge over clear text"),
            optional("max_connections", integer(1), null, "connection pool size (default: the concurrency)"),
            optional("tls_verify", bool(), true, "verify the server's TLS certificate and host name"));

    static HttpSettings from(ObjView v) {
        Long max = v.integerOrNull("max_connections");
        return new HttpSettings(v.str("version"), max == null ? null : Math.toIntExact(max), v.bool("tls_verify"));
    }

    public boolean http2() {
        return "2".equals(version);
    }
}

package io.llmload.scenario;

import static io.llmload.scenario.Shape.bool;
import static io.llmload.scenario.Shape.integer;
import static io.llmload.scenario.Shape.obj;
import static io.llmload.scenario.Shape.optional;
import static io.llmload.scenario.Shape.str;

/**
 * Transport settings. {@code maxConnections} null means "as many as the concurrency", so requests
 * never wait inside the client's pool (a wait there would be reported as server latency).
 * {@code caFile} adds a private CA (PEM) to the trusted ones; {@code certFile} and {@code keyFile}
 * (PEM, both or neither) are the client certificate for servers that ask for one (mutual TLS);
 * {@code proxy} is an {@code http://}, {@code socks4://} or {@code socks5://} URL to connect
 * through, or null; {@code maxResponseBytes} caps what one response may send, so a runaway server
 * cannot exhaust the client's memory.
 */
public record HttpSettings(String version, Integer maxConnections, boolean tlsVerify, String caFile, String certFile,
                           String keyFile, String proxy, long maxResponseBytes) {

    public static final long DEFAULT_MAX_RESPONSE_BYTES = 64L << 20;

    public static final Shape.Obj SHAPE = obj(
            optional("version", str("1.1", "2"), "1.1", "HTTP version; 2 uses ALPN over TLS and prior knowledge over clear text"),
            optional("max_connections", integer(1), null, "connection pool size (default: the concurrency)"),
            optional("tls_verify", bool(), true, "verify the server's TLS certificate and host name (false prints a warning)"),
            optional("ca_file", str(), null, "PEM file of a private CA to trust, in addition to the system's"),
            optional("cert_file", str(), null, "PEM file of the client certificate, for a server that asks for one (with key_file)"),
            optional("key_file", str(), null, "PEM file of the client certificate's private key, unencrypted (RSA or EC)"),
            optional("proxy", str(), null, "connect through this proxy: http://host:port (CONNECT for https), socks4:// or socks5://"),
            optional("max_response_bytes", Shape.longInteger(1024), DEFAULT_MAX_RESPONSE_BYTES,
                    "largest response accepted, in bytes; a larger one fails as response_too_large"));

    static HttpSettings from(ObjView v) {
        Long max = v.integerOrNull("max_connections");
        return new HttpSettings(v.str("version"), max == null ? null : Math.toIntExact(max), v.bool("tls_verify"),
                v.str("ca_file"), v.str("cert_file"), v.str("key_file"), v.str("proxy"), v.integer("max_response_bytes"));
    }

    public boolean http2() {
        return "2".equals(version);
    }
}

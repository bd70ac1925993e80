package io.llmload.client;

import java.time.Duration;
import java.util.Map;

/**
 * Everything a {@link ChatClient} needs, already resolved: where to post, which headers (the
 * Authorization header included, its key read from the environment), TLS trust, limits, pool
 * size and the retry policy. {@code tokenizer} names the encoding that counts output tokens when
 * a server sends no usage.
 *
 * @param transport a private CA, a client certificate and a proxy, each when given
 */
public record ClientConfig(Endpoint endpoint, Map<String, String> headers, boolean http2, boolean tlsVerify,
                           int poolSize, Duration connectTimeout, Duration firstTokenTimeout, Duration idleTimeout,
                           Duration totalTimeout, long maxResponseBytes, int maxEventBytes, Redactor redactor,
                           String tokenizer, Transport transport, RetryPolicy retry) {

    public static final long DEFAULT_MAX_RESPONSE_BYTES = 64L << 20;
    public static final int DEFAULT_MAX_EVENT_BYTES = 8 << 20;

    /** With the default tokenizer ({@value Tokenizers#DEFAULT}), a direct connection and no retries. */
    public ClientConfig(Endpoint endpoint, Map<String, String> headers, boolean http2, boolean tlsVerify, int poolSize,
                        Duration connectTimeout, Duration firstTokenTimeout, Duration idleTimeout, Duration totalTimeout,
                        long maxResponseBytes, int maxEventBytes, Redactor redactor) {
        this(endpoint, headers, http2, tlsVerify, poolSize, connectTimeout, firstTokenTimeout, idleTimeout, totalTimeout,
                maxResponseBytes, maxEventBytes, redactor, Tokenizers.DEFAULT, Transport.DIRECT, RetryPolicy.NONE);
    }

    /** The largest single SSE event accepted: the response limit, but at most {@link #DEFAULT_MAX_EVENT_BYTES}. */
    public static int eventLimit(long maxResponseBytes) {
        return (int) Math.min(DEFAULT_MAX_EVENT_BYTES, maxResponseBytes);
    }

    public ClientConfig withPoolSize(int size) {
        return new ClientConfig(endpoint, headers, http2, tlsVerify, size, connectTimeout, firstTokenTimeout, idleTimeout,
                totalTimeout, maxResponseBytes, maxEventBytes, redactor, tokenizer, transport, retry);
    }

    public ClientConfig withEndpoint(Endpoint e) {
        return new ClientConfig(e, headers, http2, tlsVerify, poolSize, connectTimeout, firstTokenTimeout, idleTimeout,
                totalTimeout, maxResponseBytes, maxEventBytes, redactor, tokenizer, transport, retry);
    }

    public ClientConfig withRetry(RetryPolicy policy) {
        return new ClientConfig(endpoint, headers, http2, tlsVerify, poolSize, connectTimeout, firstTokenTimeout, idleTimeout,
                totalTimeout, maxResponseBytes, maxEventBytes, redactor, tokenizer, transport, policy);
    }

    public ClientConfig withTransport(Transport t) {
        return new ClientConfig(endpoint, headers, http2, tlsVerify, poolSize, connectTimeout, firstTokenTimeout, idleTimeout,
                totalTimeout, maxResponseBytes, maxEventBytes, redactor, tokenizer, t, retry);
    }

    public ClientConfig withTokenizer(String name) {
        return new ClientConfig(endpoint, headers, http2, tlsVerify, poolSize, connectTimeout, firstTokenTimeout, idleTimeout,
                totalTimeout, maxResponseBytes, maxEventBytes, redactor, name, transport, retry);
    }
}

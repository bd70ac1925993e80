package io.llmload.client;

import java.time.Duration;
import java.util.Map;

/**
 * Everything a {@link ChatClient} needs, already resolved: where to post, which headers (the
 * Authorization header included, its key read from the environment), limits and pool size.
 * {@code tokenizer} names the encoding that counts output tokens when a server sends no usage.
 */
public record ClientConfig(Endpoint endpoint, Map<String, String> headers, boolean http2, boolean tlsVerify,
                           int poolSize, Duration connectTimeout, Duration firstTokenTimeout, Duration idleTimeout,
                           Duration totalTimeout, long maxResponseBytes, int maxEventBytes, Redactor redactor,
                           String tokenizer) {

    public static final long DEFAULT_MAX_RESPONSE_BYTES = 64L << 20;
    public static final int DEFAULT_MAX_EVENT_BYTES = 8 << 20;

    /** With the default tokenizer ({@value Tokenizers#DEFAULT}). */
    public ClientConfig(Endpoint endpoint, Map<String, String> headers, boolean http2, boolean tlsVerify, int poolSize,
                        Duration connectTimeout, Duration firstTokenTimeout, Duration idleTimeout, Duration totalTimeout,
                        long maxResponseBytes, int maxEventBytes, Redactor redactor) {
        this(endpoint, headers, http2, tlsVerify, poolSize, connectTimeout, firstTokenTimeout, idleTimeout, totalTimeout,
                maxResponseBytes, maxEventBytes, redactor, Tokenizers.DEFAULT);
    }

    public ClientConfig withPoolSize(int size) {
        return new ClientConfig(endpoint, headers, http2, tlsVerify, size, connectTimeout, firstTokenTimeout, idleTimeout,
                totalTimeout, maxResponseBytes, maxEventBytes, redactor, tokenizer);
    }

    public ClientConfig withEndpoint(Endpoint e) {
        return new ClientConfig(e, headers, http2, tlsVerify, poolSize, connectTimeout, firstTokenTimeout, idleTimeout,
                totalTimeout, maxResponseBytes, maxEventBytes, redactor, tokenizer);
    }
}

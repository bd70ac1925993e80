package io.llmload.client;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;
import io.vertx.core.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One driver's connection to the endpoint: a Vert.x core {@link HttpClient} whose keep-alive
 * pool carries streamed and non-streaming requests alike (bodies are read buffer by buffer, never
 * collected by the client library: a non-streaming answer is gathered by {@link Exchange} within
 * the response limit). The core client rather than the Web Client: its request pipeline cost
 * about twice the CPU per request (docs/PERFORMANCE.md). The pool is sized to the
 * driver's share of the concurrency: Vert.x defaults to 5 connections per host, and a request
 * waiting in the pool would be timed as server latency.
 *
 * <p>Thread contract: create it on the driver's event loop and use it only there; its
 * connections then stay on that loop.
 */
public final class ChatClient {
    private final Vertx vertx;
    private final ClientConfig config;
    private final HttpClient http;
    private final RequestOptions streamOptions;
    private final ChunkScanner scanner = new ChunkScanner();
    /** The request's Accept-Encoding from {@code target.headers}, or null: llmload itself asks for no compression. */
    private final String acceptEncoding;
    /** Connections opened and not yet given to a request: at most the pool's size. */
    private final Set<HttpConnection> unused = Collections.newSetFromMap(new IdentityHashMap<>());
    private byte[] scratch = new byte[16 * 1024];

    public ChatClient(Vertx vertx, ClientConfig config) {
        this.vertx = vertx;
        this.config = config;
        Endpoint endpoint = config.endpoint();
        HttpClientOptions options = new HttpClientOptions()
                .setDefaultHost(endpoint.host())
                .setDefaultPort(endpoint.port())
                .setSsl(endpoint.ssl())
                .setTrustAll(endpoint.ssl() && !config.tlsVerify())
                .setVerifyHost(config.tlsVerify())
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
                .setMaxInitialLineLength(16 * 1024);
        this.acceptEncoding = config.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("accept-encoding"))
                .map(java.util.Map.Entry::getValue).findFirst().orElse(null);
        if (acceptEncoding != null) {
            // The user asked for compressed answers: Netty then decodes what it can (gzip, deflate)
            // and keeps the user's header as sent. Without one no decoder is installed, so a
            // compressed answer nobody asked for is seen as such (Exchange) instead of as noise.
            options.setDecompressionSupported(true);
        }
        if (endpoint.ssl()) {
            // The TLS handshake is part of opening the connection, so the connect limit bounds it too.
            options.setSslHandshakeTimeout(Math.max(1, config.connectTimeout().toMillis())).setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS);
            Transport transport = config.transport();
            if (transport.caFile() != null && config.tlsVerify()) {
                options.setTrustOptions(new PemTrustOptions().addCertPath(transport.caFile()));
            }
            if (transport.certFile() != null && transport.keyFile() != null) {
                options.setKeyCertOptions(new PemKeyCertOptions().setCertPath(transport.certFile()).setKeyPath(transport.keyFile()));
            }
        }
        if (config.transport().proxy() != null) {
            options.setProxyOptions(proxy(config.transport().proxy()));
        }
        if (config.http2()) {
            options.setProtocolVersion(HttpVersion.HTTP_2)
                    .setUseAlpn(endpoint.ssl())
                    .setHttp2ClearTextUpgrade(false)
                    .setHttp2MultiplexingLimit(Math.max(1, config.poolSize()));
        }
        PoolOptions pool = new PoolOptions()
                .setHttp1MaxSize(Math.max(1, config.poolSize()))
                .setHttp2MaxSize(Math.max(1, Math.min(config.poolSize(), 8)));
        this.http = vertx.httpClientBuilder().with(options).with(pool).withConnectHandler(this::opened).build();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        // Pre-encoded (AsciiString) names and values: Netty copies their bytes into every request
        // instead of encoding the characters again each time.
        headers.set(HttpHeaders.CONTENT_TYPE, HttpHeaders.createOptimized("application/json"));
        headers.set(HttpHeaders.ACCEPT, HttpHeaders.createOptimized("text/event-stream, application/json"));
        headers.set(HttpHeaders.USER_AGENT, HttpHeaders.createOptimized("llmload"));
        config.headers().forEach((name, value) -> headers.set(HttpHeaders.createOptimized(name), HttpHeaders.createOptimized(value)));
        // Vert.x writes the Host header from the request's host as given, so an IPv6 literal
        // needs its brackets there ("::1:8000" is refused with 400); the socket address is set
        // apart so that the connection goes to the bare address.
        this.streamOptions = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(endpoint.port(), endpoint.host()))
                .setHost(endpoint.uriHost())
                .setPort(endpoint.port())
                .setSsl(endpoint.ssl())
                .setURI(endpoint.requestUri())
                .setHeaders(headers)
                .setConnectTimeout(config.connectTimeout().toMillis());
    }

    /**
     * Vert.x sends plain-http requests to an HTTP proxy in absolute form and tunnels https with
     * CONNECT; SOCKS proxies carry both. The URL was checked with the scenario.
     */
    private static ProxyOptions proxy(URI url) {
        ProxyType type = switch (url.getScheme().toLowerCase()) {
            case "socks4" -> ProxyType.SOCKS4;
            case "socks5" -> ProxyType.SOCKS5;
            default -> ProxyType.HTTP;
        };
        return new ProxyOptions().setType(type).setHost(url.getHost()).setPort(url.getPort());
    }

    /** A reusable request state for one virtual user of this driver. */
    public Exchange newExchange() {
        return new Exchange(this);
    }

    /**
     * Opens up to {@code count} of the pool's connections before the schedule starts, so that the
     * first measured requests do not pay for TCP and TLS set-up: Vert.x's pool opens connections
     * only for requests, so each is opened by a {@code GET {base}/models} (cheap on every
     * OpenAI-compatible server; any answer, even a 404, leaves the keep-alive connection in the
     * pool). The probes are not measured as requests. Completes after all answered or after
     * {@code capMillis}, whichever is first, never failed: a target that cannot be reached
     * shows that in the measured requests.
     */
    public Future<ConnectionsOpened> openUpFront(int count, long capMillis) {
        if (count <= 0) {
            return Future.succeededFuture(new ConnectionsOpened(new long[0]));
        }
        RequestOptions probe = new RequestOptions(streamOptions).setMethod(HttpMethod.GET).setURI(config.endpoint().basePath() + "/models");
        long[] connectNanos = new long[count];
        int[] opened = {0};
        List<Future<Void>> probes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long begin = System.nanoTime();
            probes.add(http.request(probe).compose(req -> {
                if (firstUse(req.connection())) {
                    connectNanos[opened[0]++] = System.nanoTime() - begin;
                }
                return req.send();
            }).compose(response -> {
                response.handler(b -> { });
                return response.end();
            }));
        }
        Promise<ConnectionsOpened> done = Promise.promise();
        long timer = vertx.setTimer(Math.max(1, capMillis), id -> done.tryComplete(new ConnectionsOpened(Arrays.copyOf(connectNanos, opened[0]))));
        Future.join(probes).onComplete(ar -> {
            vertx.cancelTimer(timer);
            done.tryComplete(new ConnectionsOpened(Arrays.copyOf(connectNanos, opened[0])));
        });
        return done.future();
    }

    public Future<Void> close() {
        return http.close();
    }

    HttpClient http() {
        return http;
    }

    private void opened(HttpConnection connection) {
        unused.add(connection);
        // A connection that closes before any request took it must not stay in the set.
        connection.closeHandler(v -> unused.remove(connection));
    }

    /** Whether {@code connection} was opened for the request that now got it (true once per connection). */
    boolean firstUse(HttpConnection connection) {
        return connection != null && unused.remove(connection);
    }

    RequestOptions requestOptions() {
        return streamOptions;
    }

    Vertx vertx() {
        return vertx;
    }

    RetryPolicy retry() {
        return config.retry() == null ? RetryPolicy.NONE : config.retry();
    }

    /** The Accept-Encoding the requests carry, or null when they carry none. */
    String acceptEncoding() {
        return acceptEncoding;
    }

    Endpoint endpoint() {
        return config.endpoint();
    }

    ChunkScanner scanner() {
        return scanner;
    }

    /**
     * Counts an answer's tokens, and its reasoning's apart (either may be null: not counted), on a
     * worker thread: a tokenizer pass over a long answer takes hundreds of microseconds, which on
     * the event loop would delay other requests' timestamps. The future completes on the caller's
     * event loop; the buffers must not change until then.
     */
    Future<TextTokens> countTokens(ContentBuffer answer, ContentBuffer tools, ContentBuffer reasoning) {
        String name = config.tokenizer(); // loaded while planning; if not, loading happens on the worker too
        return vertx.executeBlocking(() -> {
            com.knuddels.jtokkit.api.Encoding encoding = Tokenizers.encoding(name);
            // the answer's text and its tool calls' names and arguments are all answer tokens
            int answerTokens = answer == null ? -1 : answer.countTokens(encoding) + (tools == null ? 0 : tools.countTokens(encoding));
            return new TextTokens(answerTokens, reasoning == null ? -1 : reasoning.countTokens(encoding));
        }, false);
    }

    /** Token counts of an answer's texts; -1 for a text that was not counted. */
    record TextTokens(int answer, int reasoning) {
    }

    Redactor redactor() {
        return config.redactor();
    }

    long maxResponseBytes() {
        return config.maxResponseBytes();
    }

    int maxEventBytes() {
        return config.maxEventBytes();
    }

    /** A per-driver copy area for incoming bytes, grown to the largest read seen. */
    byte[] scratch(int length) {
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        return scratch;
    }
}

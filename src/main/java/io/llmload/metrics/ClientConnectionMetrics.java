package io.llmload.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.ClientMetrics;
import io.vertx.core.spi.metrics.DatagramSocketMetrics;
import io.vertx.core.spi.metrics.EventBusMetrics;
import io.vertx.core.spi.metrics.HttpClientMetrics;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.PoolMetrics;
import io.vertx.core.spi.metrics.TCPMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.micrometer.MicrometerMetricsFactory;

/**
 * vertx-micrometer-metrics for a load generator: everything it measures, except the HTTP
 * client's per-request meters. Connections and bytes (TCP level) and the connection pool's queue
 * (pool metrics) stay; the per-request timer and counters with method and status tags go, because
 * at thousands of requests a second they cost the client 5-10% of its throughput (see
 * docs/PERFORMANCE.md) and llmload's own meters already count requests and time them.
 *
 * <p>Thread contract: as the Vert.x metrics SPI; every call is passed on to Micrometer's
 * implementation, which is thread-safe.
 */
public final class ClientConnectionMetrics implements VertxMetricsFactory {
    private final MicrometerMetricsFactory delegate;

    public ClientConnectionMetrics(MeterRegistry registry) {
        this.delegate = new MicrometerMetricsFactory(registry);
    }

    @Override
    public VertxMetrics metrics(VertxOptions options) {
        return new Filtered(delegate.metrics(options));
    }

    @Override
    public MetricsOptions newOptions() {
        return delegate.newOptions();
    }

    @Override
    public MetricsOptions newOptions(MetricsOptions options) {
        return delegate.newOptions(options);
    }

    @Override
    public MetricsOptions newOptions(JsonObject json) {
        return delegate.newOptions(json);
    }

    /** Passes everything on, but gives the HTTP client connection-level metrics only. */
    private record Filtered(VertxMetrics d) implements VertxMetrics {
        @Override
        public HttpClientMetrics<?, ?, ?> createHttpClientMetrics(HttpClientOptions options) {
            HttpClientMetrics<?, ?, ?> m = d.createHttpClientMetrics(options);
            return m == null ? null : connectionLevel(m);
        }

        @Override
        public EventBusMetrics<?> createEventBusMetrics() {
            return d.createEventBusMetrics();
        }

        @Override
        public HttpServerMetrics<?, ?, ?> createHttpServerMetrics(HttpServerOptions options, SocketAddress localAddress) {
            return d.createHttpServerMetrics(options, localAddress);
        }

        @Override
        public ClientMetrics<?, ?, ?> createClientMetrics(SocketAddress remoteAddress, String type, String namespace) {
            return d.createClientMetrics(remoteAddress, type, namespace);
        }

        @Override
        public TCPMetrics<?> createNetServerMetrics(NetServerOptions options, SocketAddress localAddress) {
            return d.createNetServerMetrics(options, localAddress);
        }

        @Override
        public TCPMetrics<?> createNetClientMetrics(NetClientOptions options) {
            return d.createNetClientMetrics(options);
        }

        @Override
        public DatagramSocketMetrics createDatagramSocketMetrics(DatagramSocketOptions options) {
            return d.createDatagramSocketMetrics(options);
        }

        @Override
        public PoolMetrics<?, ?> createPoolMetrics(String poolType, String poolName, int maxPoolSize) {
            return d.createPoolMetrics(poolType, poolName, maxPoolSize);
        }

        @Override
        public void vertxCreated(Vertx vertx) {
            d.vertxCreated(vertx);
        }

        @Override
        public boolean isMetricsEnabled() {
            return d.isMetricsEnabled();
        }

        @Override
        public void close() {
            d.close();
        }
    }

    private static <R, W, S> HttpClientMetrics<R, W, S> connectionLevel(HttpClientMetrics<R, W, S> d) {
        // createEndpointMetrics keeps its default (null): no per-request metrics.
        return new HttpClientMetrics<>() {
            @Override
            public S connected(SocketAddress remoteAddress, String remoteName) {
                return d.connected(remoteAddress, remoteName);
            }

            @Override
            public void disconnected(S socketMetric, SocketAddress remoteAddress) {
                d.disconnected(socketMetric, remoteAddress);
            }

            @Override
            public void bytesRead(S socketMetric, SocketAddress remoteAddress, long numberOfBytes) {
                d.bytesRead(socketMetric, remoteAddress, numberOfBytes);
            }

            @Override
            public void bytesWritten(S socketMetric, SocketAddress remoteAddress, long numberOfBytes) {
                d.bytesWritten(socketMetric, remoteAddress, numberOfBytes);
            }

            @Override
            public void exceptionOccurred(S socketMetric, SocketAddress remoteAddress, Throwable t) {
                d.exceptionOccurred(socketMetric, remoteAddress, t);
            }

            @Override
            public W connected(WebSocket webSocket) {
                return d.connected(webSocket);
            }

            @Override
            public void disconnected(W webSocketMetric) {
                d.disconnected(webSocketMetric);
            }

            @Override
            public void close() {
                d.close();
            }
        };
    }
}

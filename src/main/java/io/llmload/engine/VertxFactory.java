package io.llmload.engine;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * Creates the process's Vert.x instance, preferring Netty's native epoll transport: its timers
 * fire within tens of microseconds where NIO rounds every timer up to the next millisecond, which
 * matters for open-model fire times. Falls back to NIO where epoll is unavailable.
 */
public final class VertxFactory {
    private VertxFactory() {
    }

    public static Vertx create() {
        return Vertx.builder().with(new VertxOptions().setPreferNativeTransport(true)).build();
    }
}

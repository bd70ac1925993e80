package io.llmload.client;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;

/**
 * A Web Client body codec that collects a response body but fails with {@link TooLarge} as soon
 * as it grows past a limit, so a server that never stops sending cannot exhaust the client's
 * memory. Thread contract: one stream per response, used on that response's event loop.
 */
final class BoundedBody implements BodyCodec<Buffer> {
    private final long limitBytes;

    BoundedBody(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    /** The body passed the limit; the message says which. */
    static final class TooLarge extends RuntimeException {
        TooLarge(long limit) {
            super("response exceeded " + limit + " bytes", null, false, false);
        }
    }

    @Override
    public BodyStream<Buffer> stream() {
        return new Stream(limitBytes);
    }

    private static final class Stream implements BodyStream<Buffer> {
        private final long limit;
        private final Buffer body = Buffer.buffer();
        private final Promise<Buffer> result = Promise.promise();

        Stream(long limit) {
            this.limit = limit;
        }

        @Override
        public Future<Buffer> result() {
            return result.future();
        }

        @Override
        public void handle(Throwable failure) {
            result.tryFail(failure);
        }

        @Override
        public Future<Void> write(Buffer data) {
            if (result.future().isComplete()) {
                return Future.succeededFuture();
            }
            if (body.length() + (long) data.length() > limit) {
                result.tryFail(new TooLarge(limit));
                return Future.succeededFuture();
            }
            body.appendBuffer(data);
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> end() {
            result.tryComplete(body);
            return Future.succeededFuture();
        }

        @Override
        public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            return this;
        }

        @Override
        public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
            return this;
        }

        @Override
        public boolean writeQueueFull() {
            return false;
        }

        @Override
        public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
            return this;
        }
    }

}

package io.llmload.mock;

import io.llmload.scenario.MockFaults.Fault;
import io.llmload.scenario.MockFaults.Kind;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;

/**
 * Writes one non-streaming mock answer at its deadline ({@code start + ttft + (tokens - 1) * itl}),
 * bent by a {@link Fault} when given: a reset closes the connection instead of answering, a stall
 * delays the answer, a trickle writes it one byte at a time, a malformed chunk cuts the JSON in
 * half, a huge chunk pads the content, and a close-delimited answer ends by closing the
 * connection. Faults that only exist in a stream (a mid-stream stall, a missing [DONE]) leave the
 * answer as it is.
 */
final class MockAnswer {
    private MockAnswer() {
    }

    static void send(Vertx vertx, HttpServerRequest request, MockWire chunks, long dueNanos, int reasoning, int tokens,
                     int promptTokens, String finishReason, Fault fault) {
        Kind kind = fault == null ? null : fault.kind();
        long due = dueNanos + (kind == Kind.STALL_FIRST_TOKEN ? fault.duration().toNanos() : 0);
        Buffer answer = chunks.whole(reasoning, tokens, promptTokens, finishReason, kind == Kind.HUGE_CHUNK ? fault.bytes() : 0);
        HttpServerResponse response = request.response();
        MockStream.at(vertx, due, () -> {
            if (response.closed()) {
                return;
            }
            response.putHeader("content-type", "application/json");
            if (kind == Kind.RESET) {
                request.connection().close();
            } else if (kind == Kind.MALFORMED_CHUNK) {
                response.end(answer.getBuffer(0, answer.length() / 2));
            } else if (kind == Kind.TRICKLE) {
                response.putHeader("content-length", Integer.toString(answer.length()));
                trickle(vertx, response, answer, 0, fault.byteGap().toNanos(), System.nanoTime(), () -> { });
            } else if (kind == Kind.CLOSE_DELIMITED && request.version() != HttpVersion.HTTP_2) {
                response.putHeader("connection", "close").putHeader("transfer-encoding", "identity").writeHead();
                response.end(answer).onComplete(v -> request.connection().close());
            } else {
                response.end(answer);
            }
        });
    }

    /**
     * Writes {@code all} one byte per write, byte i at {@code start + i * gap}, then ends the
     * response; {@code done} runs once it has ended or the client has gone.
     */
    static void trickle(Vertx vertx, HttpServerResponse response, Buffer all, int from, long gapNanos, long startNanos, Runnable done) {
        MockStream.at(vertx, startNanos + from * gapNanos, () -> {
            if (response.closed()) {
                done.run();
                return;
            }
            long now = System.nanoTime();
            int i = from;
            do {
                response.write(all.getBuffer(i, i + 1));
                i++;
            } while (i < all.length() && startNanos + i * gapNanos <= now);
            if (i < all.length()) {
                trickle(vertx, response, all, i, gapNanos, startNanos, done);
            } else {
                response.end();
                done.run();
            }
        });
    }
}

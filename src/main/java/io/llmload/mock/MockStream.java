package io.llmload.mock;

import io.llmload.scenario.MockFaults.Fault;
import io.llmload.scenario.MockFaults.Kind;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.util.concurrent.TimeUnit;

/**
 * Writes one streamed mock response: headers at once, then — once the {@link BatchScheduler} has
 * room — the role chunk and first token {@code ttft} later, each further token one (batch-scaled)
 * {@code itl} after the previous deadline (the reasoning tokens first, when there are any, so the
 * first answer token comes {@code ttft + reasoning * itl} after admission), then the finish chunk, the usage chunk (when asked
 * for) and {@code [DONE]}. Deadlines follow each other, so timer lateness does not accumulate. A
 * {@link Fault}, when given, bends this: a stall shifts the deadlines, a reset closes the
 * connection after some tokens, a trickle writes every byte on its own, and so on. Stops quietly
 * and frees its batch slot if the client goes away.
 */
final class MockStream {
    private final Vertx vertx;
    private final Context context;
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final MockWire chunks;
    private final BatchScheduler scheduler;
    private final MockMetrics metrics;
    private final long arrivalNanos;
    private final long ttftNanos;
    private final long itlNanos;
    /** Of {@link #tokens}, the first ones, streamed as reasoning. */
    private final int reasoning;
    /** Reasoning and answer tokens together. */
    private final int tokens;
    private final int promptTokens;
    private final boolean usage;
    private final String finishReason;
    private final Fault fault;
    /** Where a mid-stream fault strikes: before token {@code faultAt} (== tokens: after the last one). */
    private final int faultAt;
    private final long stallNanos;
    private long firstDueNanos;
    private long nextDueNanos;
    private int next;
    private boolean faultDone;
    private boolean roleSent;
    private boolean admitted;
    private boolean released;
    private Future<Void> lastWrite = Future.succeededFuture();

    MockStream(Vertx vertx, Context context, HttpServerRequest request, MockWire chunks, MockState state, long ttftNanos,
               long itlNanos, int reasoning, int answerTokens, int promptTokens, boolean usage, String finishReason, Fault fault,
               long arrivalNanos) {
        this.vertx = vertx;
        this.context = context;
        this.request = request;
        this.response = request.response();
        this.chunks = chunks;
        this.scheduler = state.scheduler();
        this.metrics = state.metrics();
        this.arrivalNanos = arrivalNanos;
        this.fault = fault;
        Kind kind = fault == null ? null : fault.kind();
        this.ttftNanos = ttftNanos + (kind == Kind.STALL_FIRST_TOKEN ? fault.duration().toNanos() : 0);
        this.itlNanos = itlNanos;
        this.reasoning = reasoning;
        int tokens = reasoning + answerTokens;
        this.tokens = tokens;
        this.promptTokens = promptTokens;
        this.usage = usage;
        this.finishReason = finishReason;
        // A mid-stream stall sits between two tokens, so at most after the second-to-last one.
        this.faultAt = kind == Kind.STALL_MID_STREAM ? Math.max(0, Math.min(fault.afterTokens(), tokens - 1))
                : fault == null ? -1 : Math.min(fault.afterTokens(), tokens);
        this.stallNanos = kind == Kind.STALL_MID_STREAM ? fault.duration().toNanos() : 0;
    }

    /** An HTTP/1.x body that ends when the connection closes; HTTP/2 has no such thing (its streams always end explicitly). */
    private boolean closeDelimited() {
        return is(Kind.CLOSE_DELIMITED) && request.version() != HttpVersion.HTTP_2;
    }

    void begin() {
        if (closeDelimited()) {
            // No Content-Length and no chunked encoding: the body ends when the connection closes.
            // Vert.x insists on a length or a transfer coding; "identity" is the obsolete HTTP/1.0-era name for none.
            response.putHeader("connection", "close").putHeader("transfer-encoding", "identity");
        } else {
            response.setChunked(true);
        }
        response.putHeader("content-type", "text/event-stream; charset=utf-8").putHeader("cache-control", "no-cache");
        response.writeHead();
        response.closeHandler(v -> release());
        scheduler.admit(context, () -> {
            admitted = true;
            if (response.closed()) {
                release();
                return;
            }
            firstDueNanos = System.nanoTime() + ttftNanos;
            nextDueNanos = firstDueNanos + (faultAt == 0 ? stallNanos : 0);
            if (is(Kind.TRICKLE)) {
                MockAnswer.trickle(vertx, response, whole(), 0, fault.byteGap().toNanos(), firstDueNanos, this::release);
            } else {
                at(vertx, nextDueNanos, this::emit);
            }
        });
    }

    /**
     * Runs {@code action} at {@code dueNanos} (never early; at once if already due). The timer is
     * set in nanoseconds: on the native epoll transport it fires within tens of microseconds of the
     * deadline, where a whole-millisecond timer would make every token up to 1 ms late.
     */
    static void at(Vertx vertx, long dueNanos, Runnable action) {
        long waitNanos = dueNanos - System.nanoTime();
        if (waitNanos <= 0) {
            action.run();
        } else {
            vertx.timer(waitNanos, TimeUnit.NANOSECONDS).onComplete(v -> action.run());
        }
    }

    private boolean is(Kind kind) {
        return fault != null && fault.kind() == kind;
    }

    private void emit() {
        if (response.closed()) {
            release();
            return;
        }
        long now = System.nanoTime();
        if (!roleSent) {
            roleSent = true;
            lastWrite = response.write(chunks.start());
            metrics.firstToken(now - arrivalNanos);
        }
        int before = next;
        if (next < tokens) {
            metrics.late(now - nextDueNanos);
        }
        // Write every token that is due now in one go; with itl 0 that is the whole answer.
        while (true) {
            if (next == faultAt && !faultDone) {
                faultDone = true;
                if (strikeMidStream()) {
                    return;
                }
            }
            if (next >= tokens || nextDueNanos > now + 200_000) {
                break;
            }
            lastWrite = response.write(token(next++));
            nextDueNanos += Math.round(itlNanos * scheduler.itlScale()) + (next == faultAt ? stallNanos : 0);
        }
        metrics.generated(next - before);
        if (next < tokens) {
            at(vertx, nextDueNanos, this::emit);
            return;
        }
        metrics.succeeded(finishReason);
        Buffer end = chunks.end(finishReason, promptTokens, reasoning, tokens - reasoning, usage, !is(Kind.MISSING_DONE));
        if (closeDelimited()) {
            response.end(end).onComplete(v -> request.connection().close());
        } else {
            response.end(end);
        }
        release();
    }

    /** The fault that strikes between tokens; true when the response is over. */
    private boolean strikeMidStream() {
        if (is(Kind.RESET)) {
            // Close once the tokens before are on the wire: the client sees the body cut short.
            lastWrite.onComplete(v -> request.connection().close());
            release();
            return true;
        }
        if (is(Kind.MALFORMED_CHUNK)) {
            response.write(chunks.malformed());
        } else if (is(Kind.HUGE_CHUNK)) {
            response.write(chunks.huge(fault.bytes()));
        }
        return false;
    }

    private Buffer token(int i) {
        return i < reasoning ? chunks.reasoning(i) : chunks.token(i - reasoning);
    }

    /** The whole normal response, for a trickle. */
    private Buffer whole() {
        Buffer all = Buffer.buffer().appendBuffer(chunks.start());
        for (int i = 0; i < tokens; i++) {
            all.appendBuffer(token(i));
        }
        return all.appendBuffer(chunks.end(finishReason, promptTokens, reasoning, tokens - reasoning, usage, true));
    }

    private void release() {
        if (admitted && !released) {
            released = true;
            scheduler.release();
        }
    }
}

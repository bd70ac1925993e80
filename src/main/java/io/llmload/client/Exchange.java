package io.llmload.client;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;

/**
 * The state of one virtual user's current request, reused for its next one. It reads a streamed
 * response buffer by buffer ({@code System.nanoTime()} taken as each buffer arrives), parses
 * SSE, and records the first-token time, inter-token gaps and usage; or reads a whole
 * non-streaming body. When the client's {@link RetryPolicy} says so, a failed attempt is tried
 * again after a wait, inside this one request: the caller gets a single final outcome. It ends
 * exactly once: success, a classified error, or a timeout raised by {@link TimeoutWatchdog}.
 *
 * <p>A retried request's latencies count from its intended start, so they include the failed
 * attempts and the waits; its tokens and inter-token gaps are those of the final attempt;
 * {@link RequestOutcome#retries()} lists the kinds of the failed attempts.
 *
 * <p>A request started with an {@link Abandon} is given up by its simulated user at that point:
 * the request is reset (as a closed browser tab does) and ends as {@link ErrorKind#CANCELLED}.
 *
 * <p>Thread contract: confined to the event loop of the driver that owns it.
 */
public final class Exchange implements SseParser.Listener {
    private enum Phase { IDLE, CONNECTING, WAITING, RECEIVING, BACKOFF }

    /** How the current answer's body is read: an HTTP error, one JSON document, or an event stream. */
    private enum Answer { ERROR, JSON, SSE }

    private final ChatClient client;
    private final SseParser parser;
    private final AnswerTally tally = new AnswerTally();
    /** The API spoken, and its reader (null for chat, read by the allocation-free {@link ChunkScanner}). */
    private final Api api;
    private final WireReader reader;

    private Phase phase = Phase.IDLE;
    /** Bumped per attempt so late callbacks of an earlier attempt cannot touch the current one. */
    private long generation;
    private Promise<RequestOutcome> promise;
    private HttpClientRequest request;
    private Buffer body;
    private boolean stream;
    private final RetryTrail retries;
    private long intendedStartNanos;
    private long beginNanos;
    private long sendNanos;
    private long arrivalNanos;
    /** The current attempt's phases: when it had a connection and the response headers (0: not yet). */
    private long connectedNanos;
    private long headersNanos;
    private boolean newConnection;
    private long lastByteNanos;
    private long responseBytes;
    private int status;
    private String contentType;
    private Answer answer;
    private final BodyBytes jsonBody = new BodyBytes();
    private String retryAfter;
    /** The content type of a 2xx streamed answer that is not text/event-stream, else null. */
    private String foreignType;
    /** The first bytes of an error body, or of an answer with a foreign content type, for the message. */
    private Buffer sampleBody;
    /** Set while the parser is being fed: an outcome reached then is delivered after the feed returns. */
    private boolean feeding;
    private Promise<RequestOutcome> deferredPromise;
    private RequestOutcome deferredOutcome;
    /** The current request's abandon point, or null. */
    private Abandon abandon;
    private long abandonTimer = -1;

    Exchange(ChatClient client) {
        this.client = client;
        this.parser = new SseParser(this, client.maxEventBytes());
        this.retries = new RetryTrail(client.vertx(), client.retry());
        this.api = client.endpoint() == null ? Api.CHAT : client.endpoint().api();
        this.reader = WireReader.of(api);
    }

    /** Inter-token gaps of the request that just ended; valid until the next {@link #start}. */
    public ItlBuffer itl() {
        return tally.itl;
    }

    /** The answer's raw content of the request that just ended; valid until the next {@link #start}. */
    public ContentBuffer content() {
        return tally.content;
    }

    /** The tool calls' names and arguments of the request that just ended; valid until the next {@link #start}. */
    ContentBuffer toolCallText() {
        return tally.tools;
    }

    public boolean inFlight() {
        return phase != Phase.IDLE;
    }

    /**
     * Starts a request whose latency counts from {@code intendedStartNanos}.
     * The returned future never fails: errors end as an outcome with an error kind.
     */
    public Future<RequestOutcome> start(Buffer body, boolean stream, long intendedStartNanos) {
        return start(body, stream, intendedStartNanos, null);
    }

    /**
     * As {@link #start(Buffer, boolean, long)}; with {@code abandon} not null the simulated user
     * gives up at that point unless the answer is complete before.
     */
    public Future<RequestOutcome> start(Buffer body, boolean stream, long intendedStartNanos, Abandon abandon) {
        if (phase != Phase.IDLE) {
            throw new IllegalStateException("exchange already in flight");
        }
        this.intendedStartNanos = intendedStartNanos;
        this.body = body;
        this.stream = stream;
        this.abandon = abandon;
        retries.clear();
        promise = Promise.promise();
        Future<RequestOutcome> result = promise.future();
        if (abandon != null && abandon.afterNanos() >= 0) {
            long delayMs = Math.max(1, (intendedStartNanos + abandon.afterNanos() - System.nanoTime() + 999_999) / 1_000_000);
            abandonTimer = client.vertx().setTimer(delayMs, id -> {
                abandonTimer = -1;
                cancel(ErrorKind.CANCELLED, abandon.describe());
            });
        }
        attempt();
        return result;
    }

    private void attempt() {
        beginNanos = System.nanoTime();
        if (retries.isEmpty()) {
            sendNanos = beginNanos;
        }
        tally.reset();
        lastByteNanos = 0;
        connectedNanos = 0;
        headersNanos = 0;
        newConnection = false;
        responseBytes = 0;
        status = 0;
        retryAfter = null;
        foreignType = null;
        sampleBody = null;
        jsonBody.reset();
        request = null;
        parser.reset();
        phase = Phase.CONNECTING;
        long gen = ++generation;
        // Streamed or not, one code path on the core HttpClient: the body is read buffer by buffer
        // (bounded by the response limit) and a whole JSON answer is scanned when it ends. The Web
        // Client's request pipeline about doubled the CPU per request (docs/PERFORMANCE.md).
        client.http().request(client.requestOptions())
                .compose(req -> {
                    if (gen != generation) {
                        req.reset();
                        return Future.failedFuture("superseded");
                    }
                    onRequest(req);
                    return req.send(body);
                })
                .onComplete(ar -> {
                    if (gen == generation) {
                        if (ar.succeeded()) {
                            onResponse(ar.result(), gen);
                        } else {
                            onFailure(ar.cause());
                        }
                    }
                });
    }

    // ---- response handling ----

    private boolean active() {
        return phase == Phase.CONNECTING || phase == Phase.WAITING || phase == Phase.RECEIVING;
    }

    private void onRequest(HttpClientRequest req) {
        request = req;
        connectedNanos = System.nanoTime();
        newConnection = client.firstUse(req.connection());
        if (retries.isEmpty()) {
            sendNanos = connectedNanos;
        }
        phase = Phase.WAITING;
    }

    private void onResponse(HttpClientResponse response, long gen) {
        headersNanos = System.nanoTime();
        status = response.statusCode();
        contentType = response.getHeader("content-type");
        // Still set only when no decoder took it off: compression the request did not ask for, or cannot be read.
        String unreadable = ExchangeText.unreadableEncoding(response.getHeader("content-encoding"), client.acceptEncoding());
        if (unreadable != null && status < 400) {
            // Its bytes would parse as noise (missing_done, malformed_body): say what they are instead,
            // and reset rather than read the rest (the reset's own exception is expected, not news).
            response.exceptionHandler(t -> { });
            fail(ErrorKind.UNEXPECTED_ENCODING, unreadable, true);
            return;
        }
        if (status >= 400) {
            answer = Answer.ERROR;
            sampleBody = unreadable == null ? Buffer.buffer() : null;
            retryAfter = response.getHeader("retry-after");
        } else if (!stream || ExchangeText.isJson(contentType)) {
            // A non-streaming answer, or a server that ignored stream=true and answered with one JSON
            // body: read it whole, within the size limit.
            answer = Answer.JSON;
        } else {
            answer = Answer.SSE;
            if (!ExchangeText.isEventStream(contentType)) {
                // Read it as SSE anyway (some servers mislabel their streams); it fails only if no event comes.
                foreignType = contentType == null ? "no content type" : contentType;
                sampleBody = Buffer.buffer();
            }
        }
        response.handler(b -> {
            if (gen == generation) {
                onBytes(b);
            }
        });
        response.endHandler(v -> {
            if (gen == generation) {
                onEnd();
            }
        });
        response.exceptionHandler(t -> {
            if (gen == generation) {
                onFailure(t);
            }
        });
    }

    private void onBytes(Buffer buffer) {
        if (answer == Answer.SSE) {
            onStreamBytes(buffer);
        } else if (answer == Answer.ERROR) {
            onSampleBytes(buffer);
        } else if ((responseBytes += buffer.length()) > client.maxResponseBytes()) {
            fail(ErrorKind.RESPONSE_TOO_LARGE, "response exceeded " + client.maxResponseBytes() + " bytes", true);
        } else {
            jsonBody.append(buffer);
        }
    }

    private void onEnd() {
        if (answer == Answer.SSE) {
            onStreamEnd();
        } else if (answer == Answer.ERROR) {
            failHttp();
        } else {
            onWholeBody(contentType, jsonBody.array(), jsonBody.length(), System.nanoTime());
        }
    }

    private void onFailure(Throwable t) {
        if (!active()) {
            return;
        }
        String timeoutKind = phase == Phase.CONNECTING ? ErrorKind.TIMEOUT_CONNECT
                : tally.firstTokenNanos == 0 ? ErrorKind.TIMEOUT_FIRST_TOKEN : ErrorKind.TIMEOUT_IDLE;
        String kind = ErrorClassifier.classify(t, timeoutKind);
        String message = ErrorClassifier.describe(t);
        if (kind.equals(ErrorKind.CONNECT_REFUSED)) {
            message = "connection refused: " + client.endpoint().authority();
        } else if (kind.equals(ErrorKind.TIMEOUT_CONNECT)) {
            message = "no connection to " + client.endpoint().authority() + " within the connect timeout (" + message + ")";
        } else if (kind.equals(ErrorKind.TLS)) {
            message = TlsAdvice.explain(t, message);
        }
        fail(kind, message, false);
    }

    /** A non-streaming body (or a JSON answer to a streaming request) has fully arrived: {@code bytes[0..length)}. */
    private void onWholeBody(String contentType, byte[] bytes, int length, long arrival) {
        if (!active()) {
            return;
        }
        lastByteNanos = arrival;
        if (reader != null) {
            WireReader.Read read = reader.whole(bytes, length, arrival, tally);
            if (read == WireReader.Read.MALFORMED) {
                fail(ExchangeText.isJson(contentType) ? ErrorKind.MALFORMED_BODY : ErrorKind.UNEXPECTED_CONTENT_TYPE,
                        "response body is not a JSON object" + (ExchangeText.isJson(contentType) ? "" : " ('" + contentType + "')")
                                + ": " + ExchangeText.sample(bytes, 0, length), false);
            } else if (read == WireReader.Read.ERROR) {
                fail(ErrorKind.STREAM_ERROR, "server error: " + ExchangeText.sample(bytes, 0, length), false);
            } else {
                succeed(arrival);
            }
            return;
        }
        ChunkScanner scanner = client.scanner();
        if (!scanner.scan(bytes, 0, length)) {
            if (ExchangeText.isJson(contentType)) {
                fail(ErrorKind.MALFORMED_BODY, "response body is not a JSON object: " + ExchangeText.sample(bytes, 0, length), false);
            } else {
                fail(ErrorKind.UNEXPECTED_CONTENT_TYPE, "expected application/json, got " + (contentType == null ? "no content type"
                        : "'" + contentType + "'") + ": " + ExchangeText.sample(bytes, 0, length), false);
            }
            return;
        }
        if (scanner.hasError()) {
            fail(ErrorKind.STREAM_ERROR, "server error: " + ExchangeText.sample(bytes, 0, length), false);
            return;
        }
        tally.whole(scanner, arrival, bytes);
        succeed(arrival);
    }

    // ---- streaming ----

    private void onStreamBytes(Buffer buffer) {
        long now = System.nanoTime();
        if (!active()) {
            return;
        }
        arrivalNanos = now;
        lastByteNanos = now;
        phase = Phase.RECEIVING;
        int length = buffer.length();
        responseBytes += length;
        if (responseBytes > client.maxResponseBytes()) {
            fail(ErrorKind.RESPONSE_TOO_LARGE, "response exceeded " + client.maxResponseBytes() + " bytes", true);
            return;
        }
        if (foreignType != null) {
            onSampleBytes(buffer);
        }
        byte[] scratch = client.scratch(length);
        buffer.getBytes(0, length, scratch, 0);
        String tooLarge = null;
        feeding = true;
        try {
            parser.feed(scratch, 0, length);
        } catch (SseParser.TooLargeException e) {
            tooLarge = e.getMessage();
        } finally {
            feeding = false;
        }
        if (tooLarge != null) {
            fail(ErrorKind.RESPONSE_TOO_LARGE, tooLarge, true);
        }
        deliverDeferred();
    }

    @Override
    public void onEvent(byte[] data, int length, boolean errorEvent) {
        if (!active()) {
            return;
        }
        tally.events++;
        if (ExchangeText.isDone(data, length)) {
            tally.done(arrivalNanos);
            return;
        }
        if (reader != null) {
            onApiEvent(data, length, errorEvent);
            return;
        }
        ChunkScanner scanner = client.scanner();
        if (!scanner.scan(data, 0, length)) {
            fail(ErrorKind.MALFORMED_STREAM, "malformed chunk: " + ExchangeText.sample(data, 0, length), true);
            return;
        }
        if (errorEvent || scanner.hasError()) {
            fail(ErrorKind.STREAM_ERROR, "server sent an error in the stream: " + ExchangeText.sample(data, 0, length), true);
            return;
        }
        tally.chunk(scanner, arrivalNanos, data);
        if (abandon != null && abandon.afterChunks() > 0 && tally.contentChunks >= abandon.afterChunks() && tally.doneNanos == 0) {
            end(ErrorKind.CANCELLED, abandon.describe(), true);
        }
    }

    /** An event of an API other than chat: its reader says whether it carried tokens, ended the answer or was an error. */
    private void onApiEvent(byte[] data, int length, boolean errorEvent) {
        WireReader.Read read = errorEvent ? WireReader.Read.ERROR : reader.event(data, length, arrivalNanos, tally);
        switch (read) {
            case MALFORMED -> fail(ErrorKind.MALFORMED_STREAM, "malformed event: " + ExchangeText.sample(data, 0, length), true);
            case ERROR -> fail(ErrorKind.STREAM_ERROR, "server sent an error in the stream: " + ExchangeText.sample(data, 0, length), true);
            case DONE -> tally.done(arrivalNanos);
            case OK -> {
                if (abandon != null && abandon.afterChunks() > 0 && tally.contentChunks >= abandon.afterChunks() && tally.doneNanos == 0) {
                    end(ErrorKind.CANCELLED, abandon.describe(), true);
                }
            }
        }
    }

    /** What ends a stream of this API, for the message when it did not come. */
    private String streamEnd() {
        return switch (api) {
            case RESPONSES -> "a response.completed event";
            case MESSAGES -> "a message_stop event";
            default -> "data: [DONE]";
        };
    }

    private void onStreamEnd() {
        long now = System.nanoTime();
        if (!active()) {
            return;
        }
        if (foreignType != null && tally.events == 0) {
            fail(ErrorKind.UNEXPECTED_CONTENT_TYPE, "expected text/event-stream, got " + (foreignType.startsWith("no ") ? foreignType
                    : "'" + foreignType + "'") + ": " + ExchangeText.text(sampleBody), false);
            return;
        }
        if (tally.doneNanos == 0) {
            fail(ErrorKind.MISSING_DONE, "the stream ended without " + streamEnd() + " after " + tally.contentChunks + " content chunks", false);
            return;
        }
        succeed(now);
    }

    private void onSampleBytes(Buffer buffer) {
        if (sampleBody != null && sampleBody.length() < ExchangeText.ERROR_BODY_LIMIT) {
            sampleBody.appendBuffer(buffer, 0, Math.min(buffer.length(), ExchangeText.ERROR_BODY_LIMIT - sampleBody.length()));
        }
    }

    private void failHttp() {
        String text = sampleBody == null ? "(compressed body not shown)" : ExchangeText.text(sampleBody);
        String message = "HTTP " + status + (retryAfter != null ? " (Retry-After: " + retryAfter + ")" : "")
                + (text.isEmpty() ? "" : ": " + text);
        fail(ErrorKind.http(status), message, false);
    }

    // ---- timeouts, driven by the watchdog ----

    /** Ends the attempt with a timeout kind when one of its limits has passed at {@code now}. */
    void checkTimeouts(long now, long firstTokenLimitNanos, long idleLimitNanos, long totalLimitNanos) {
        if (phase != Phase.WAITING && phase != Phase.RECEIVING) {
            return; // connecting is bounded by the client's own connect timeout; a retry wait by its delay
        }
        if (now - beginNanos > totalLimitNanos) {
            fail(ErrorKind.TIMEOUT_TOTAL, "no complete response within " + ExchangeText.millis(totalLimitNanos), true);
        } else if (tally.firstTokenNanos == 0 && now - beginNanos > firstTokenLimitNanos) {
            fail(ErrorKind.TIMEOUT_FIRST_TOKEN, "no first token within " + ExchangeText.millis(firstTokenLimitNanos), true);
        } else if (phase == Phase.RECEIVING && now - lastByteNanos > idleLimitNanos) {
            fail(ErrorKind.TIMEOUT_IDLE, "no bytes for " + ExchangeText.millis(idleLimitNanos) + " mid-stream", true);
        }
    }

    /**
     * Abandons the request (the end of the run, or its user giving up): it ends with {@code kind}
     * and is never retried. A request cut off ({@link ErrorKind#CUT_OFF}) while it waits to be
     * retried ends as {@link ErrorKind#CUT_OFF_RETRYING} instead, its message saying what it
     * waited for: it was not waiting for a stalled server but out the server's own Retry-After.
     */
    public void cancel(String kind, String message) {
        String endKind = kind;
        String endMessage = message;
        if (phase == Phase.BACKOFF) {
            if (ErrorKind.CUT_OFF.equals(kind)) {
                endKind = ErrorKind.CUT_OFF_RETRYING;
                endMessage = retries.describeWait(System.nanoTime()) + " when the run stopped";
            }
            retries.cancel();
            phase = Phase.WAITING;
        }
        end(endKind, endMessage, true);
    }

    // ---- endings ----

    private void succeed(long endNanos) {
        AnswerTally t = tally;
        if (!api.streamsTokens()) {
            succeedItems(endNanos);
            return;
        }
        if (t.contentChunks == 0) {
            fail(ErrorKind.EMPTY_ANSWER, "the answer ended" + (t.finishReason != null ? " (finish_reason " + t.finishReason + ")" : "")
                    + " without any content, reasoning or tool call" + (stream ? " in " + t.events + " events" : ""), false);
            return;
        }
        long end = t.doneNanos != 0 ? t.doneNanos : endNanos;
        boolean usage = t.usageCompletion >= 0;
        // Output tokens from usage, else from the texts (the reasoning's too, when it came and was kept whole);
        // reasoning tokens from usage.completion_tokens_details, else from the reasoning text (vLLM sends usage without them).
        // Tool calls' names and arguments are answer tokens too: counted with the text (DESIGN.md "output tokens").
        boolean countOutput = !usage && t.content.countable() && t.reasoning.countable() && t.tools.countable();
        boolean countReasoning = t.reasoningChunks > 0 && t.usageReasoning < 0 && t.reasoning.countable();
        long output = usage ? t.usageCompletion : t.contentChunks;
        TokenSource outputSource = usage ? TokenSource.USAGE : TokenSource.CHUNKS;
        long reasoning = t.usageReasoning >= 0 ? t.usageReasoning : t.reasoningChunks;
        TokenSource reasoningSource = t.usageReasoning >= 0 ? TokenSource.USAGE : t.reasoningChunks > 0 ? TokenSource.CHUNKS : null;
        RequestOutcome known = succeeded(end, output, outputSource, reasoning, reasoningSource);
        if (!countOutput && !countReasoning) {
            finish(known);
            return;
        }
        // Count the texts off the loop. The request is over (its times are taken), so the exchange
        // is idle meanwhile; its next start waits for this outcome.
        Promise<RequestOutcome> p = promise;
        promise = null;
        phase = Phase.IDLE;
        request = null;
        clearAbandonTimer();
        client.countTokens(countOutput ? t.content : null, countOutput ? t.tools : null, countReasoning ? t.reasoning : null)
                .onComplete(ar -> {
            if (ar.failed()) {
                p.complete(known);
                return;
            }
            long r = countReasoning ? ar.result().reasoning() : reasoning;
            TokenSource rs = countReasoning ? TokenSource.TOKENIZER : reasoningSource;
            p.complete(countOutput ? succeeded(end, ar.result().answer() + r, TokenSource.TOKENIZER, r, rs)
                    : succeeded(end, output, outputSource, r, rs));
        });
    }

    /** An embeddings or rerank answer: no token stream, so no first token and no output tokens; its items counted. */
    private void succeedItems(long endNanos) {
        AnswerTally t = tally;
        if (t.items == 0) {
            fail(ErrorKind.EMPTY_ANSWER, "the answer carried no " + (api == Api.RERANK ? "scored documents" : "vectors"), false);
            return;
        }
        long end = t.doneNanos != 0 ? t.doneNanos : endNanos;
        finish(new RequestOutcome(null, null, status, intendedStartNanos, sendNanos, 0, end, 0, t.usagePrompt, TokenSource.USAGE, 0,
                null, retries.kinds(), phases(), false, new RequestOutcome.AnswerSplit(0, 0, null), t.items));
    }

    private RequestOutcome succeeded(long end, long tokens, TokenSource source, long reasoningTokens, TokenSource reasoningSource) {
        AnswerTally t = tally;
        // A whole JSON answer to a streaming request is measured as the non-streaming answer it is:
        // its one arrival time is no first token, and a TTFT equal to the E2E would flatter the server.
        boolean unstreamed = stream && answer == Answer.JSON;
        RequestOutcome.AnswerSplit split = new RequestOutcome.AnswerSplit(unstreamed ? 0 : t.firstAnswerNanos, reasoningTokens,
                reasoningSource, t.toolCalls);
        return new RequestOutcome(null, null, status, intendedStartNanos, sendNanos, unstreamed ? 0 : t.firstTokenNanos, end, tokens,
                t.usagePrompt, source, t.contentChunks, t.finishReason, retries.kinds(), phases(), unstreamed, split);
    }

    private RequestOutcome.Phases phases() {
        if (connectedNanos == 0) {
            return RequestOutcome.Phases.NONE;
        }
        return new RequestOutcome.Phases(connectedNanos - beginNanos, newConnection, headersNanos == 0 ? -1 : headersNanos - connectedNanos);
    }

    /** The attempt failed: retry it when the policy says so, else end the request with this error. */
    private void fail(String kind, String message, boolean resetConnection) {
        if (!active()) {
            return;
        }
        HttpClientRequest toReset = resetConnection ? request : null;
        if (!retries.schedule(kind, retryAfter, this::retryNow)) {
            end(kind, message, resetConnection);
            return;
        }
        phase = Phase.BACKOFF;
        request = null;
        generation++;
        if (toReset != null) {
            toReset.reset();
        }
    }

    private void retryNow() {
        if (phase == Phase.BACKOFF) {
            attempt();
        }
    }

    private void end(String kind, String message, boolean resetConnection) {
        if (!active()) {
            return;
        }
        HttpClientRequest toReset = resetConnection ? request : null;
        // Late callbacks of this attempt (a connection obtained only now) must reset, not send.
        generation++;
        finish(new RequestOutcome(kind, client.redactor().scrub(message), status, intendedStartNanos, sendNanos,
                tally.firstTokenNanos, System.nanoTime(), 0, tally.usagePrompt, TokenSource.CHUNKS, tally.contentChunks, null, retries.kinds(),
                phases(), false, new RequestOutcome.AnswerSplit(tally.firstAnswerNanos, 0, null)));
        if (toReset != null) {
            toReset.reset();
        }
    }

    private void finish(RequestOutcome outcome) {
        phase = Phase.IDLE;
        request = null;
        clearAbandonTimer();
        Promise<RequestOutcome> p = promise;
        promise = null;
        if (feeding) {
            // Completing now would let the caller start its next request while the parser is still
            // looping over this response's bytes; hand the outcome over once the feed has returned.
            deferredPromise = p;
            deferredOutcome = outcome;
        } else {
            p.complete(outcome);
        }
    }

    private void clearAbandonTimer() {
        if (abandonTimer >= 0) {
            client.vertx().cancelTimer(abandonTimer);
            abandonTimer = -1;
        }
    }

    private void deliverDeferred() {
        if (deferredPromise != null) {
            Promise<RequestOutcome> p = deferredPromise;
            RequestOutcome o = deferredOutcome;
            deferredPromise = null;
            deferredOutcome = null;
            p.complete(o);
        }
    }
}

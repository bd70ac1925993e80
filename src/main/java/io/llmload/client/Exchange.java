package io.llmload.client;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import java.nio.charset.StandardCharsets;

/**
 * The state of one virtual user's current request, reused for its next one. It reads a streamed
 * response buffer by buffer ({@code System.nanoTime()} taken as each buffer arrives), parses
 * SSE, and records the first-token time, inter-token gaps and usage; or reads a whole
 * non-streaming body. It ends exactly once: success, a classified error, or a timeout raised by
 * {@link TimeoutWatchdog}.
 *
 * <p>Thread contract: confined to the event loop of the driver that owns it.
 */
public final class Exchange implements SseParser.Listener {
    private static final int ERROR_BODY_LIMIT = 2048;
    private static final int SAMPLE_LIMIT = 300;

    private enum Phase { IDLE, CONNECTING, WAITING, RECEIVING }

    private final ChatClient client;
    private final SseParser parser;
    private final ItlBuffer itl = new ItlBuffer();
    private final ContentBuffer content = new ContentBuffer();

    private Phase phase = Phase.IDLE;
    /** Bumped per request so late callbacks of an earlier request cannot touch the current one. */
    private long generation;
    private Promise<RequestOutcome> promise;
    private HttpClientRequest request;
    private long intendedStartNanos;
    private long beginNanos;
    private long sendNanos;
    private long arrivalNanos;
    private long lastByteNanos;
    private long firstTokenNanos;
    private long lastTokenNanos;
    private long doneNanos;
    private long responseBytes;
    private int contentChunks;
    private long usageCompletion;
    private long usagePrompt;
    private String finishReason;
    private int status;
    private Buffer errorBody;

    Exchange(ChatClient client) {
        this.client = client;
        this.parser = new SseParser(this, client.maxEventBytes());
    }

    /** Inter-token gaps of the request that just ended; valid until the next {@link #start}. */
    public ItlBuffer itl() {
        return itl;
    }

    /** The answer text of the request that just ended; valid until the next {@link #start}. */
    public ContentBuffer content() {
        return content;
    }

    public boolean inFlight() {
        return phase != Phase.IDLE;
    }

    /**
     * Starts a request whose latency counts from {@code intendedStartNanos}.
     * The returned future never fails: errors end as an outcome with an error kind.
     */
    public Future<RequestOutcome> start(Buffer body, boolean stream, long intendedStartNanos) {
        if (phase != Phase.IDLE) {
            throw new IllegalStateException("exchange already in flight");
        }
        this.intendedStartNanos = intendedStartNanos;
        beginNanos = System.nanoTime();
        sendNanos = beginNanos;
        firstTokenNanos = lastTokenNanos = doneNanos = lastByteNanos = 0;
        responseBytes = 0;
        contentChunks = 0;
        usageCompletion = usagePrompt = -1;
        finishReason = null;
        status = 0;
        errorBody = null;
        request = null;
        itl.clear();
        content.reset();
        parser.reset();
        promise = Promise.promise();
        phase = Phase.CONNECTING;
        long gen = ++generation;
        Future<RequestOutcome> result = promise.future();
        if (stream) {
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
        } else {
            client.postWhole(body).onComplete(ar -> {
                if (gen == generation) {
                    if (ar.succeeded()) {
                        onWholeBody(ar.result().statusCode(), ar.result().bodyAsBuffer(), System.nanoTime());
                    } else {
                        onFailure(ar.cause());
                    }
                }
            });
            onSent();
        }
        return result;
    }

    // ---- response handling ----

    private void onRequest(HttpClientRequest req) {
        request = req;
        sendNanos = System.nanoTime();
        phase = Phase.WAITING;
    }

    private void onSent() {
        if (phase == Phase.CONNECTING) {
            sendNanos = System.nanoTime();
            phase = Phase.WAITING;
        }
    }

    private void onResponse(HttpClientResponse response, long gen) {
        status = response.statusCode();
        if (status >= 400) {
            errorBody = Buffer.buffer();
            response.handler(b -> {
                if (gen == generation) {
                    onErrorBytes(b);
                }
            });
            response.endHandler(v -> {
                if (gen == generation) {
                    failHttp(response.getHeader("retry-after"));
                }
            });
        } else if (isJson(response.getHeader("content-type"))) {
            // The server ignored stream=true and answered with one JSON body: read it as such.
            response.body().onComplete(ar -> {
                if (gen == generation) {
                    if (ar.succeeded()) {
                        onWholeBody(status, ar.result(), System.nanoTime());
                    } else {
                        onFailure(ar.cause());
                    }
                }
            });
            return;
        } else {
            response.handler(b -> {
                if (gen == generation) {
                    onStreamBytes(b);
                }
            });
            response.endHandler(v -> {
                if (gen == generation) {
                    onStreamEnd();
                }
            });
        }
        response.exceptionHandler(t -> {
            if (gen == generation) {
                onFailure(t);
            }
        });
    }

    private void onFailure(Throwable t) {
        if (phase == Phase.IDLE) {
            return;
        }
        String timeoutKind = phase == Phase.CONNECTING ? ErrorKind.TIMEOUT_CONNECT
                : firstTokenNanos == 0 ? ErrorKind.TIMEOUT_FIRST_TOKEN : ErrorKind.TIMEOUT_IDLE;
        String kind = ErrorClassifier.classify(t, timeoutKind);
        String message = ErrorClassifier.describe(t);
        if (kind.equals(ErrorKind.CONNECT_REFUSED)) {
            message = "connection refused: " + client.endpoint().authority();
        }
        fail(kind, message, false);
    }

    /** A non-streaming body (or a JSON answer to a streaming request) has fully arrived. */
    private void onWholeBody(int httpStatus, Buffer body, long arrival) {
        if (phase == Phase.IDLE) {
            return;
        }
        status = httpStatus;
        lastByteNanos = arrival;
        if (status >= 400) {
            errorBody = body.length() > ERROR_BODY_LIMIT ? body.getBuffer(0, ERROR_BODY_LIMIT) : body;
            failHttp(null);
            return;
        }
        byte[] bytes = body.getBytes();
        ChunkScanner scanner = client.scanner();
        if (!scanner.scan(bytes, 0, bytes.length)) {
            fail(ErrorKind.MALFORMED_BODY, "response body is not a JSON object: " + sample(bytes, 0, bytes.length), false);
            return;
        }
        if (scanner.hasError()) {
            fail(ErrorKind.STREAM_ERROR, "server error: " + sample(bytes, 0, bytes.length), false);
            return;
        }
        firstTokenNanos = arrival;
        lastTokenNanos = arrival;
        doneNanos = arrival;
        contentChunks = scanner.carriesToken() ? 1 : 0;
        content.record(scanner, bytes);
        if (scanner.hasUsage()) {
            usageCompletion = scanner.completionTokens();
            usagePrompt = scanner.promptTokens();
        }
        finishReason = scanner.finishReason();
        succeed(arrival);
    }

    // ---- streaming ----

    private void onStreamBytes(Buffer buffer) {
        long now = System.nanoTime();
        if (phase == Phase.IDLE) {
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
        byte[] scratch = client.scratch(length);
        buffer.getBytes(0, length, scratch, 0);
        try {
            parser.feed(scratch, 0, length);
        } catch (SseParser.TooLargeException e) {
            fail(ErrorKind.RESPONSE_TOO_LARGE, e.getMessage(), true);
        }
    }

    @Override
    public void onEvent(byte[] data, int length, boolean errorEvent) {
        if (phase == Phase.IDLE) {
            return;
        }
        if (isDone(data, length)) {
            if (doneNanos == 0) {
                doneNanos = arrivalNanos;
            }
            return;
        }
        ChunkScanner scanner = client.scanner();
        if (!scanner.scan(data, 0, length)) {
            fail(ErrorKind.MALFORMED_STREAM, "malformed chunk: " + sample(data, 0, length), true);
            return;
        }
        if (errorEvent || scanner.hasError()) {
            fail(ErrorKind.STREAM_ERROR, "server sent an error in the stream: " + sample(data, 0, length), true);
            return;
        }
        if (scanner.carriesToken()) {
            if (firstTokenNanos == 0) {
                firstTokenNanos = arrivalNanos;
            } else {
                itl.add(arrivalNanos - lastTokenNanos);
            }
            lastTokenNanos = arrivalNanos;
            contentChunks++;
            content.record(scanner, data);
        }
        if (scanner.hasUsage()) {
            usageCompletion = scanner.completionTokens();
            usagePrompt = scanner.promptTokens();
        }
        if (scanner.contentEnd() < 0 && finishReason == null) {
            finishReason = scanner.finishReason();
        }
    }

    private void onStreamEnd() {
        long now = System.nanoTime();
        if (phase == Phase.IDLE) {
            return;
        }
        if (doneNanos == 0) {
            fail(ErrorKind.MISSING_DONE, "the stream ended without data: [DONE] after " + contentChunks + " content chunks", false);
            return;
        }
        succeed(now);
    }

    private void onErrorBytes(Buffer buffer) {
        if (errorBody != null && errorBody.length() < ERROR_BODY_LIMIT) {
            errorBody.appendBuffer(buffer, 0, Math.min(buffer.length(), ERROR_BODY_LIMIT - errorBody.length()));
        }
    }

    private void failHttp(String retryAfter) {
        String body = errorBody == null ? "" : errorBody.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
        if (body.length() > SAMPLE_LIMIT) {
            body = body.substring(0, SAMPLE_LIMIT) + "...";
        }
        String message = "HTTP " + status + (retryAfter != null ? " (Retry-After: " + retryAfter + ")" : "")
                + (body.isEmpty() ? "" : ": " + body);
        fail(ErrorKind.http(status), message, false);
    }

    // ---- timeouts, driven by the watchdog ----

    /** Ends the request with a timeout kind when one of its limits has passed at {@code now}. */
    void checkTimeouts(long now, long firstTokenLimitNanos, long idleLimitNanos, long totalLimitNanos) {
        if (phase == Phase.IDLE || phase == Phase.CONNECTING) {
            return; // connecting is bounded by the client's own connect timeout
        }
        if (now - beginNanos > totalLimitNanos) {
            fail(ErrorKind.TIMEOUT_TOTAL, "no complete response within " + millis(totalLimitNanos), true);
        } else if (firstTokenNanos == 0 && now - beginNanos > firstTokenLimitNanos) {
            fail(ErrorKind.TIMEOUT_FIRST_TOKEN, "no first token within " + millis(firstTokenLimitNanos), true);
        } else if (phase == Phase.RECEIVING && now - lastByteNanos > idleLimitNanos) {
            fail(ErrorKind.TIMEOUT_IDLE, "no bytes for " + millis(idleLimitNanos) + " mid-stream", true);
        }
    }

    /** Abandons the request (end of run): it is reported as cut off, not as a server error. */
    public void cancel(String kind, String message) {
        fail(kind, message, true);
    }

    // ---- endings ----

    private void succeed(long endNanos) {
        long end = doneNanos != 0 ? doneNanos : endNanos;
        if (usageCompletion >= 0 || !content.countable()) {
            boolean usage = usageCompletion >= 0;
            finish(succeeded(end, usage ? usageCompletion : contentChunks, usage ? TokenSource.USAGE : TokenSource.CHUNKS));
            return;
        }
        // No usage from the server: count the answer text off the loop. The request is over (its
        // times are taken), so the exchange is idle meanwhile; its next start waits for this outcome.
        Promise<RequestOutcome> p = promise;
        promise = null;
        phase = Phase.IDLE;
        request = null;
        client.countTokens(content).onComplete(ar -> p.complete(ar.succeeded()
                ? succeeded(end, ar.result(), TokenSource.TOKENIZER) : succeeded(end, contentChunks, TokenSource.CHUNKS)));
    }

    private RequestOutcome succeeded(long end, long tokens, TokenSource source) {
        return new RequestOutcome(null, null, status, intendedStartNanos, sendNanos, firstTokenNanos, end, tokens, usagePrompt,
                source, contentChunks, finishReason);
    }

    private void fail(String kind, String message, boolean resetConnection) {
        if (phase == Phase.IDLE) {
            return;
        }
        HttpClientRequest toReset = resetConnection ? request : null;
        finish(new RequestOutcome(kind, client.redactor().scrub(message), status, intendedStartNanos, sendNanos,
                firstTokenNanos, System.nanoTime(), 0, usagePrompt, TokenSource.CHUNKS, contentChunks, null));
        if (toReset != null) {
            toReset.reset();
        }
    }

    private void finish(RequestOutcome outcome) {
        phase = Phase.IDLE;
        request = null;
        Promise<RequestOutcome> p = promise;
        promise = null;
        p.complete(outcome);
    }

    private static boolean isDone(byte[] data, int length) {
        int start = 0;
        int end = length;
        while (start < end && data[start] == ' ') {
            start++;
        }
        while (end > start && (data[end - 1] == ' ' || data[end - 1] == '\n')) {
            end--;
        }
        return end - start == 6 && data[start] == '[' && data[start + 1] == 'D' && data[start + 2] == 'O'
                && data[start + 3] == 'N' && data[start + 4] == 'E' && data[start + 5] == ']';
    }

    private static boolean isJson(String contentType) {
        return contentType != null && contentType.toLowerCase().startsWith("application/json");
    }

    private static String sample(byte[] data, int offset, int length) {
        String text = new String(data, offset, Math.min(length, SAMPLE_LIMIT), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        return length > SAMPLE_LIMIT ? text + "..." : text;
    }

    private static String millis(long nanos) {
        return nanos / 1_000_000 + " ms";
    }
}

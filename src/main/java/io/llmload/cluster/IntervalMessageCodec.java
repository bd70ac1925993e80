package io.llmload.cluster;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;

/**
 * The event-bus codec of {@link IntervalMessage}: a length-prefixed JSON document on the wire
 * (histograms as base64 of HdrHistogram's compressed form), the record itself within one JVM.
 * Registered as the default codec of the record on every member. Stateless and thread-safe.
 */
public final class IntervalMessageCodec implements MessageCodec<IntervalMessage, IntervalMessage> {
    public static final String NAME = "llmload-interval";

    @Override
    public void encodeToWire(Buffer buffer, IntervalMessage message) {
        Buffer json = encode(message);
        buffer.appendInt(json.length()).appendBuffer(json);
    }

    @Override
    public IntervalMessage decodeFromWire(int pos, Buffer buffer) {
        int length = buffer.getInt(pos);
        return IntervalMessage.fromJson(new JsonObject(buffer.getBuffer(pos + 4, pos + 4 + length)));
    }

    /** The JSON bytes of a message, as sent (without the length prefix). */
    public static Buffer encode(IntervalMessage message) {
        return message.toJson().toBuffer();
    }

    @Override
    public IntervalMessage transform(IntervalMessage message) {
        return message; // immutable
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }
}

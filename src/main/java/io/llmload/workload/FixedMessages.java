package io.llmload.workload;

import io.llmload.client.ChatRequestBody;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Map;

/** Sends the same messages with every request; the body is encoded once and reused. */
public final class FixedMessages implements RequestSource {
    private final Buffer body;

    public FixedMessages(String model, List<Object> messages, Integer maxTokens, boolean stream, Map<String, Object> params) {
        this.body = ChatRequestBody.encode(ChatRequestBody.fields(model, messages, maxTokens, stream, params));
    }

    @Override
    public Buffer body(long sequence) {
        return body;
    }
}

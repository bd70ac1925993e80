package io.llmload.workload;

import com.knuddels.jtokkit.api.Encoding;
import io.llmload.client.ChatRequestBody;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Map;

/** Sends the same messages with every request; the body is encoded once and reused. */
public final class FixedMessages implements RequestSource {
    private final Buffer body;
    private final InputTokenTally tally;
    private final int promptTokens;
    private final SentInputs sent;
    private final boolean carriesMedia;

    public FixedMessages(String model, List<Object> messages, Integer maxTokens, boolean stream, Map<String, Object> params) {
        this.body = ChatRequestBody.encode(ChatRequestBody.fields(model, messages, maxTokens, stream, params));
        this.sent = null;
        this.carriesMedia = false;
        this.tally = null;
        this.promptTokens = 0;
    }

    /** Counts the prompt once with {@code encoding} so reports can compare it with the server's count. */
    public FixedMessages(BodyTemplate template, List<Object> messages, Encoding encoding, String tokenizer) {
        Buffer frame = template.encodeFrame(messages, null);
        int at = template.mediaAt(frame);
        this.carriesMedia = at >= 0;
        this.body = carriesMedia ? template.withMedia(frame, at) : frame;
        this.sent = template.sent();
        this.tally = new InputTokenTally(tokenizer);
        this.promptTokens = PromptTokens.count(messages, encoding);
    }

    @Override
    public Buffer body(long sequence) {
        if (tally != null) {
            tally.add(promptTokens);
        }
        if (sent != null) {
            sent.add(carriesMedia);
        }
        return body;
    }

    @Override
    public SentInputs sentInputs() {
        return sent;
    }

    @Override
    public InputTokenTally inputTokens() {
        return tally;
    }

    @Override
    public String description() {
        return "fixed messages" + (tally != null ? " (" + promptTokens + " prompt tokens by " + tally.tokenizer() + ")" : "");
    }
}

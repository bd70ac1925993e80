package io.llmload.mock;

import io.vertx.core.buffer.Buffer;

/**
 * The bytes of one mock response in one API's shape: what a stream writes before its first token,
 * each reasoning and answer token, its end (finish, usage, end marker), and the whole answer of a
 * request that did not stream. {@link MockStream} and {@link MockAnswer} decide when each is
 * written (latency model, batch scheduler, faults); a wire only says what.
 */
interface MockWire {
    /** Written with the first token, before it (a role chunk, a message_start event); may be empty. */
    Buffer start();

    /** Reasoning token {@code i}. */
    Buffer reasoning(int i);

    /** Answer token {@code i} (counted from 0 after the reasoning). */
    Buffer token(int i);

    /** A valid token event whose text is {@code bytes} characters long. */
    Buffer huge(int bytes);

    /** An event whose JSON is cut off in the middle. */
    Buffer malformed();

    /**
     * The stream's end after {@code reasoning + answer} tokens: finish, usage (when {@code usage}),
     * and the end marker ({@code [DONE]}, {@code response.completed}, {@code message_stop}) unless {@code terminal} is false.
     */
    Buffer end(String finishReason, int promptTokens, int reasoning, int answer, boolean usage, boolean terminal);

    /** The whole non-streaming answer, with {@code padBytes} extra characters of text (a huge answer). */
    Buffer whole(int reasoning, int tokens, int promptTokens, String finishReason, int padBytes);
}

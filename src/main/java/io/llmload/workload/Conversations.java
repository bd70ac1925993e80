package io.llmload.workload;

import io.llmload.scenario.ConversationSpec;
import io.llmload.scenario.DistSpec;
import io.vertx.core.buffer.Buffer;
import java.util.Locale;
import java.util.Random;

/**
 * Multi-turn conversations ({@code workload.conversation}): each simulated user
 * ({@link #forUser}) opens a conversation with the script's opening, and after every reply sends
 * its whole history — the assistant's real answers included — plus its next message, until the
 * conversation's drawn number of turns is done; then it opens the next one. The number of turns
 * and every think time are pure functions of the seed and the conversation (named by its first
 * request's sequence number).
 *
 * <p>Thread contract: immutable and thread-safe; each {@link ConversationUser} it hands out is
 * confined to one event loop.
 */
public final class Conversations implements RequestSource {
    private static final long TURNS_SALT = 0x7475726E73L;
    private static final long THINK_SALT = 0x7468696E6BL;

    private final ConversationScript script;
    private final BodyTemplate template;
    private final ConversationSpec spec;
    private final long seed;
    private final InputTokenTally tally;

    Conversations(ConversationScript script, BodyTemplate template, ConversationSpec spec, long seed, String tokenizer) {
        this.script = script;
        this.template = template;
        this.spec = spec;
        this.seed = seed;
        this.tally = new InputTokenTally(tokenizer);
    }

    /** A single-turn body (each conversation's opening), for callers without users. */
    @Override
    public Buffer body(long sequence) {
        JsonBytes out = new JsonBytes();
        ConversationScript.Turn t = script.opening(sequence, sequence, out);
        tally.add(t.tokens());
        return template.encodeMessages(out.bytes(), out.length(), t.maxTokens());
    }

    @Override
    public UserWorkload forUser(int user) {
        return new ConversationUser(this);
    }

    @Override
    public int maxTurns() {
        return spec.maxTurns();
    }

    /**
     * Prompt tokens of each request as sent: the user messages counted with the workload's
     * tokenizer, the replies sent back with the server's count of them.
     */
    @Override
    public SentInputs sentInputs() {
        return template.sent();
    }

    @Override
    public InputTokenTally inputTokens() {
        return tally;
    }

    @Override
    public String description() {
        DistSpec think = spec.thinkTime();
        String thinking = think.max() == 0 || (DistSpec.FIXED.equals(think.kind()) && think.mean() == 0) ? "no think time"
                : String.format(Locale.ROOT, "think time %s", describeNanos(think));
        return "conversations of " + describeTurns() + " (" + thinking + "): " + script.description();
    }

    ConversationScript script() {
        return script;
    }

    BodyTemplate template() {
        return template;
    }

    InputTokenTally tally() {
        return tally;
    }

    /** Turns of this conversation: drawn from {@code turns}, at most what its script holds. */
    int turns(long conversation) {
        Random random = new Random(SyntheticPrompts.mix(seed ^ TURNS_SALT, conversation));
        int drawn = (int) Math.max(1, Math.min(spec.maxTurns(), Math.round(spec.turns().sample(random))));
        return Math.max(1, Math.min(drawn, script.turnsAvailable(conversation)));
    }

    /** The user's pause after the reply to turn {@code turn} of this conversation, in nanoseconds. */
    long thinkNanos(long conversation, int turn) {
        DistSpec think = spec.thinkTime();
        if (DistSpec.FIXED.equals(think.kind())) {
            return Math.round(think.mean());
        }
        Random random = new Random(SyntheticPrompts.mix(seed ^ THINK_SALT, SyntheticPrompts.mix(conversation, turn)));
        return Math.max(0, Math.round(think.sample(random)));
    }

    private String describeTurns() {
        DistSpec t = spec.turns();
        if (DistSpec.FIXED.equals(t.kind())) {
            return Math.round(t.mean()) + " turns";
        }
        return "up to " + spec.maxTurns() + " turns (mean about " + Math.round(t.mean()) + ")";
    }

    private static String describeNanos(DistSpec d) {
        if (DistSpec.FIXED.equals(d.kind())) {
            return ms(d.mean());
        }
        if (DistSpec.UNIFORM.equals(d.kind())) {
            return ms(d.min()) + " to " + ms(d.max());
        }
        return "mean " + ms(d.mean());
    }

    private static String ms(double nanos) {
        double ms = nanos / 1e6;
        return ms >= 1000 ? String.format(Locale.ROOT, "%.1f s", ms / 1000) : String.format(Locale.ROOT, "%.0f ms", ms);
    }
}

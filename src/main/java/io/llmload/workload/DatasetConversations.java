package io.llmload.workload;

import com.knuddels.jtokkit.api.Encoding;
import java.util.List;

/**
 * Conversations from a dataset: entry i (in the seeded order) opens a conversation with its
 * messages up to its first user message, and its later user messages — ShareGPT's later human
 * turns, or the later user messages of an OpenAI {@code messages} list — are the user's next
 * turns, with the server's real replies in between instead of the recorded ones. A conversation
 * has at most as many turns as its entry has user messages. Everything is encoded once.
 *
 * <p>Thread contract: immutable after {@link Builder#build}.
 */
final class DatasetConversations implements ConversationScript {
    private final byte[][] openings;
    private final int[] openingTokens;
    private final byte[][][] later;
    private final int[][] laterTokens;
    private final Integer[] maxTokens;
    private final int[] order;
    private final String description;

    private DatasetConversations(Builder b, String description) {
        this.openings = b.openings;
        this.openingTokens = b.openingTokens;
        this.later = b.later;
        this.laterTokens = b.laterTokens;
        this.maxTokens = b.maxTokens;
        this.order = b.order;
        this.description = description;
    }

    /** Collects the kept entries in pool order. */
    static final class Builder {
        private final byte[][] openings;
        private final int[] openingTokens;
        private final byte[][][] later;
        private final int[][] laterTokens;
        private final Integer[] maxTokens;
        private final int[] order;
        private int size;

        Builder(int capacity, int[] order) {
            openings = new byte[capacity][];
            openingTokens = new int[capacity];
            later = new byte[capacity][][];
            laterTokens = new int[capacity][];
            maxTokens = new Integer[capacity];
            this.order = order;
        }

        void add(List<Object> opening, List<Object> laterUserTurns, Integer max, Encoding encoding) {
            openings[size] = FixedConversations.objects(opening);
            openingTokens[size] = PromptTokens.count(opening, encoding);
            later[size] = new byte[laterUserTurns.size()][];
            laterTokens[size] = new int[laterUserTurns.size()];
            for (int k = 0; k < laterUserTurns.size(); k++) {
                later[size][k] = FixedConversations.objects(List.of(laterUserTurns.get(k)));
                laterTokens[size][k] = PromptTokens.count(List.of(laterUserTurns.get(k)), encoding);
            }
            maxTokens[size] = max;
            size++;
        }

        DatasetConversations build(String description) {
            long turns = 0;
            for (int i = 0; i < size; i++) {
                turns += 1 + later[i].length;
            }
            return new DatasetConversations(this, description + String.format(java.util.Locale.ROOT,
                    "; %.1f user turns per entry on average", size == 0 ? 0.0 : (double) turns / size));
        }
    }

    private int entry(long conversation) {
        return order[(int) Long.remainderUnsigned(conversation, order.length)];
    }

    @Override
    public int turnsAvailable(long conversation) {
        return 1 + later[entry(conversation)].length;
    }

    @Override
    public Turn opening(long conversation, long sequence, JsonBytes out) {
        int e = entry(conversation);
        out.append(openings[e]);
        return new Turn(openingTokens[e], maxTokens[e]);
    }

    @Override
    public Turn userTurn(long conversation, int turn, long sequence, JsonBytes out) {
        int e = entry(conversation);
        int k = Math.min(turn - 2, later[e].length - 1);
        out.append(later[e][k]);
        return new Turn(laterTokens[e][k], maxTokens[e]);
    }

    @Override
    public String description() {
        return description;
    }
}

package io.llmload.load.campaign;

/**
 * Marks the Pareto-optimal points of a throughput/latency trade-off: a point is optimal when no
 * other point has at least its throughput and at most its latency, and is better in one of them.
 */
public final class Pareto {
    private Pareto() {
    }

    public static boolean[] optimal(double[] throughput, double[] latency) {
        boolean[] out = new boolean[throughput.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = true;
            for (int j = 0; j < out.length && out[i]; j++) {
                boolean dominates = throughput[j] >= throughput[i] && latency[j] <= latency[i]
                        && (throughput[j] > throughput[i] || latency[j] < latency[i]);
                if (j != i && dominates) {
                    out[i] = false;
                }
            }
        }
        return out;
    }
}

package io.llmload.cluster;

import io.vertx.core.buffer.Buffer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What one coordinator core can merge: the per-second interval messages of {@code agents} agents
 * (each a busy second of 500 requests of 128 tokens, about 4.6 KB on the wire), decoded from their
 * wire form and added into the cluster's seconds, as the coordinator does. Prints the CPU time
 * per message and the agents one core keeps up with at one message per agent-second.
 * Not a test: {@code java -cp target/test-classes:target/llmload.jar io.llmload.cluster.CoordinatorMergeBench [agents] [seconds]}
 * (docs/PERFORMANCE.md, "Distributed runs").
 */
public final class CoordinatorMergeBench {
    private CoordinatorMergeBench() {
    }

    public static void main(String[] args) {
        int agents = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        IntervalMessageCodec codec = new IntervalMessageCodec();
        List<Buffer> wire = new ArrayList<>();
        for (int a = 0; a < agents; a++) {
            Buffer b = Buffer.buffer();
            codec.encodeToWire(b, IntervalMessage.of("t", "agent-" + a, 1, false, IntervalMessageCodecTest.busySecond(500, a)));
            wire.add(b);
        }
        System.out.printf("message: %d bytes%n", wire.get(0).length() - 4);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 2; round++) { // the first round warms the JIT up
            Set<String> names = new HashSet<>();
            for (int a = 0; a < agents; a++) {
                names.add("agent-" + a);
            }
            long[] emitted = {0};
            IntervalMerger merger = new IntervalMerger(names, s -> emitted[0]++);
            long cpu0 = threads.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            for (int s = 1; s <= seconds; s++) {
                for (int a = 0; a < agents; a++) {
                    IntervalMessage m = codec.decodeFromWire(0, wire.get(a));
                    merger.add(new IntervalMessage(m.trial(), m.agent(), s, false, m.elapsedS() + s, m.warmup(), m.stage(), m.target(),
                            m.requests(), m.succeeded(), m.errors(), m.dropped(), m.inFlight(), m.measuredOk(), m.measuredFailed(),
                            m.errorKinds(), m.inputTokens(), m.outputTokens(), m.histograms()));
                }
            }
            merger.flush();
            double cpuS = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
            double wallS = (System.nanoTime() - wall0) / 1e9;
            long messages = (long) agents * seconds;
            System.out.printf("round %d: %d agents x %d s = %d messages, %d seconds emitted: cpu %.2f s (wall %.2f s), %.0f µs per message,"
                    + " one core keeps up with %.0f agents%n", round + 1, agents, seconds, messages, emitted[0], cpuS, wallS,
                    cpuS / messages * 1e6, messages / cpuS);
        }
    }
}

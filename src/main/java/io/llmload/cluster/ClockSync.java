package io.llmload.cluster;

import java.time.Instant;
import java.util.List;

/**
 * Estimates an agent's wall-clock offset from the coordinator's over the event bus, the way NTP
 * does: the coordinator notes when it sent a ping ({@code t0}) and got the answer ({@code t2}),
 * the agent its own time when answering ({@code t1}); then {@code offset = t1 - (t0 + t2) / 2},
 * wrong by at most half the round trip. Of several pings the one with the shortest round trip
 * wins, since queueing delays only ever lengthen a trip. Pure functions; thread-safe.
 */
public final class ClockSync {
    private ClockSync() {
    }

    /** One ping: coordinator send and receive times, agent time; microseconds since the epoch. */
    public record Sample(long sentMicros, long agentMicros, long receivedMicros) {
        long rttMicros() {
            return receivedMicros - sentMicros;
        }

        long offsetMicros() {
            return agentMicros - (sentMicros + receivedMicros) / 2;
        }
    }

    /** The estimate: add {@code offsetMicros} to a coordinator time to get the agent's clock reading. */
    public record Estimate(long offsetMicros, long rttMicros) {
        public double offsetMs() {
            return offsetMicros / 1000.0;
        }

        public double rttMs() {
            return rttMicros / 1000.0;
        }
    }

    public static Estimate estimate(List<Sample> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no clock samples");
        }
        Sample best = samples.get(0);
        for (Sample s : samples) {
            if (s.rttMicros() < best.rttMicros()) {
                best = s;
            }
        }
        return new Estimate(best.offsetMicros(), best.rttMicros());
    }

    /** Now on this machine's wall clock, in microseconds since the epoch. */
    public static long wallMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }
}

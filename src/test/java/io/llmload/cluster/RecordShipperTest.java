package io.llmload.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.record.RequestRecord;
import io.llmload.record.RequestRecordBatch;
import io.llmload.record.RunTags;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An agent's records: bounded while they wait, shipped in batches, filed by the coordinator with its ids and tags. */
class RecordShipperTest {

    private static RequestRecord record(RecordShipper s, String lane) {
        return new RequestRecord(s.nextId(), 1, 7, false, "http_5xx", 503, lane, null, 2, null, null, 12.5, 0.2, 0.1, null, 3.0, null, 40.0,
                null, null, null, null, 1, List.of("503 overloaded"), null, "boom", List.of(1.5, 2.0));
    }

    @Test
    void aFullBufferDropsAndCountsInsteadOfGrowing() {
        RecordShipper s = new RecordShipper(false, 10);
        for (int i = 0; i < 25; i++) {
            s.accept(record(s, "default"));
        }
        assertThat(s.dropped()).isEqualTo(15);
        List<RequestRecord> shipped = RequestRecordBatch.decode(s.nextBatch());
        assertThat(shipped).hasSize(10);
        assertThat(s.nextBatch()).as("nothing waits any more").isNull();
        s.accept(record(s, "default"));
        assertThat(RequestRecordBatch.decode(s.nextBatch())).as("room again once shipped").hasSize(1);
    }

    @Test
    void batchesAreBoundedAndKeepTheOrderRecordsCameIn() {
        RecordShipper s = new RecordShipper(true);
        for (int i = 0; i < RecordShipper.BATCH + 5; i++) {
            s.accept(record(s, "default"));
        }
        List<RequestRecord> all = new ArrayList<>(RequestRecordBatch.decode(s.nextBatch()));
        assertThat(all).hasSize(RecordShipper.BATCH);
        all.addAll(RequestRecordBatch.decode(s.nextBatch()));
        assertThat(all).extracting(RequestRecord::id).isSorted().hasSize(RecordShipper.BATCH + 5);
        assertThat(s.recordTokens()).isTrue();
    }

    @Test
    void aRecordSurvivesTheWireAndTheCoordinatorFilesItWithItsOwnIdAndTags() {
        RecordShipper s = new RecordShipper(false);
        RequestRecord sent = record(s, "fast");
        s.accept(sent);
        RequestRecord received = RequestRecordBatch.decode(s.nextBatch()).get(0);
        assertThat(received).isEqualTo(sent);

        RequestRecord sequential = received.fromAgent(41, new RunTags(3, "fp8", 2, false), "agent-2");
        assertThat(sequential.id()).isEqualTo(41);
        assertThat(sequential.run()).isEqualTo(3);
        assertThat(sequential.variant()).as("a sequential variant's run names it").isEqualTo("fp8");
        assertThat(sequential.sweepPoint()).isEqualTo(2);
        assertThat(sequential.agent()).isEqualTo("agent-2");
        assertThat(sequential.error()).isEqualTo("boom");
        assertThat(sequential.itlMs()).containsExactly(1.5, 2.0);
        RequestRecord interleaved = received.fromAgent(42, new RunTags(1, null, null, true), "agent-1");
        assertThat(interleaved.variant()).as("an interleaved variant is its lane").isEqualTo("fast");
    }
}

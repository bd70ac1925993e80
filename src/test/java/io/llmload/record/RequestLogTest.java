package io.llmload.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bounded buffer between the event loops and the disk: never blocks, never grows, never loses a record unsaid. */
class RequestLogTest {
    @TempDir
    Path tmp;

    @Test
    void aStalledDiskDropsAndCountsRatherThanGrowOrBlock() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch writing = new CountDownLatch(1);
        OutputStream stalled = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                writing.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
        };
        RequestLog log = RequestLog.over(stalled, 8);
        RequestSink sink = log.forRun(new RunTags(1, null, null, false));
        sink.accept(record(sink.nextId(), null));
        assertThat(writing.await(10, TimeUnit.SECONDS)).as("the writer took the first record").isTrue();
        long start = System.nanoTime();
        for (int i = 0; i < 1_000; i++) {
            sink.accept(record(sink.nextId(), null));
        }
        long offerMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(offerMs).as("offering to a full buffer returns at once (the disk is stalled)").isLessThan(5_000);
        assertThat(log.maxQueued()).isLessThanOrEqualTo(8).isPositive();
        release.countDown();
        RequestLog.Totals t = log.close();
        assertThat(t.offered()).isEqualTo(1_001);
        assertThat(t.dropped()).as("the records beyond the buffer while the disk stalled").isGreaterThanOrEqualTo(1_001 - 1 - 8);
        assertThat(t.written() + t.dropped()).isEqualTo(t.offered());
        assertThat(t.lost()).isZero();
        assertThat(t.error()).isNull();
    }

    @Test
    void aWriteErrorIsReportedAndEveryRecordAfterItCountedAsLost() throws Exception {
        OutputStream failing = new OutputStream() {
            private int bytes;

            @Override
            public void write(int b) throws IOException {
                if (++bytes > 2_000) {
                    throw new IOException("No space left on device");
                }
            }
        };
        RequestLog log = RequestLog.over(failing, 64);
        RequestSink sink = log.forRun(new RunTags(1, null, null, false));
        for (int i = 0; i < 50; i++) {
            sink.accept(record(sink.nextId(), null));
            Thread.sleep(1); // let the writer keep up, so the loss is the error's, not the buffer's
        }
        RequestLog.Totals t = log.close();
        assertThat(t.error()).contains("requests.jsonl").contains("No space left on device");
        assertThat(t.written()).isPositive().isLessThan(50);
        assertThat(t.lost()).isPositive();
        assertThat(t.written() + t.dropped() + t.lost()).isEqualTo(t.offered()).isEqualTo(50);
    }

    @Test
    void everyRecordIsOneJsonLineWithTheServersWordsScrubbed() throws Exception {
        RequestLog log = RequestLog.open(tmp, true, false, s -> s == null ? null : s.replace("sk-live-1234567890", "***"));
        RequestSink sink = log.forRun(new RunTags(2, "fast", 3, false));
        sink.accept(record(sink.nextId(), null));
        sink.accept(record(sink.nextId(), "401: invalid key sk-live-1234567890"));
        RequestLog.Totals t = log.close();
        assertThat(t.files()).containsExactly(tmp.resolve("requests.jsonl"), tmp.resolve("requests.csv"));
        assertThat(t.written()).isEqualTo(2);
        List<String> lines = Files.readAllLines(tmp.resolve("requests.jsonl"));
        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        JsonNode second = json.readTree(lines.get(1));
        assertThat(second.get("id").asLong()).isEqualTo(2);
        assertThat(second.get("outcome").asText()).isEqualTo("http_4xx");
        assertThat(second.get("error").asText()).isEqualTo("401: invalid key ***");
        assertThat(second.get("retry_errors").get(0).asText()).isEqualTo("429 echoing ***");
        assertThat(json.readTree(lines.get(0)).has("error")).as("absent, not null").isFalse();
        String csv = Files.readString(tmp.resolve("requests.csv"));
        assertThat(csv).startsWith(String.join(",", RequestRecord.FIELDS)).doesNotContain("sk-live-1234567890");
        assertThat(Files.readString(tmp.resolve("requests.jsonl"))).doesNotContain("sk-live-1234567890");
    }

    @Test
    void closingWritesWhatIsStillQueued() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RequestLog log = RequestLog.over(bytes, 4_096);
        RequestSink sink = log.forRun(new RunTags(1, null, null, true));
        for (int i = 0; i < 3_000; i++) {
            sink.accept(record(sink.nextId(), null));
        }
        RequestLog.Totals t = log.close();
        assertThat(t.dropped()).isZero();
        assertThat(t.written()).isEqualTo(3_000);
        assertThat(bytes.toString().lines()).hasSize(3_000);
    }

    private static RequestRecord record(long id, String error) {
        boolean failed = error != null;
        return new RequestRecord(id, 1, id, false, failed ? "http_4xx" : "ok", failed ? 401 : 200, null, null, null, null, null, id * 10.0,
                0.1, 0.0, null, 3.0, failed ? null : 20.0, 40.0, 12L, "usage", failed ? null : 8L, "usage", failed ? 1 : 0,
                failed ? List.of("429 echoing sk-live-1234567890") : null,
                failed ? null : "stop", error, null);
    }
}

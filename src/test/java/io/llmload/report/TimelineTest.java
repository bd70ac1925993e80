package io.llmload.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Stage boundaries come from the report JSON, in either form a report may carry them. */
class TimelineTest {

    private static JsonNode json(String s) throws Exception {
        return ReportJson.MAPPER.readTree(s);
    }

    @Test
    void runStagesBecomeMarksAndTheWarmupABand() throws Exception {
        Timeline t = Timeline.of(json("""
                {"run": {"warmup_s": 5, "stages": [
                  {"name": "ramp", "start_s": 5, "end_s": 35}, {"start_s": 35, "end_s": 65}, {"name": "peak", "start_s": 65, "end_s": 95}]}}
                """));
        assertThat(t.bands()).containsExactly(new Chart.Band("warmup", 0, 5));
        assertThat(t.marks()).containsExactly(new Chart.Mark("ramp", 5), new Chart.Mark("stage 2", 35), new Chart.Mark("peak", 65));
    }

    @Test
    void stagesAsTheEngineWritesThemAreLabelledWithTheirLevel() throws Exception {
        Timeline t = Timeline.of(json("""
                {"run": {"warmup_s": 5, "stages": [
                  {"index": 0, "start_s": 5, "end_s": 35, "concurrency": 8},
                  {"index": 1, "start_s": 35, "end_s": 65, "rate": 20.5, "ramp": "linear"}]}}
                """));
        assertThat(t.marks()).containsExactly(new Chart.Mark("1: 8 users", 5), new Chart.Mark("2: → 20.5 req/s", 35));
        assertThat(Timeline.describeStages(json("""
                {"run": {"stages": [{"index": 0, "start_s": 5, "end_s": 35, "concurrency": 8},
                  {"index": 1, "start_s": 35, "end_s": 65.04, "rate": 20.5, "ramp": "linear"}, {"name": "cool", "start_s": 65.04, "end_s": 70}]}}
                """))).isEqualTo("1: 5–35 s 8 users · 2: 35–65 s → 20.5 req/s · cool 65–70 s");
        assertThat(Timeline.describeStages(json("{\"run\": {}}"))).isNull();
    }

    @Test
    void stageFieldsOnTimePointsMarkWhereTheyChange() throws Exception {
        Timeline t = Timeline.of(json("""
                {"run": {"warmup_s": 0}, "timeseries": [
                  {"t": 0.5, "stage": -1}, {"t": 1, "stage": 0}, {"t": 2, "stage": 0}, {"t": 3, "stage": 1}, {"t": 4, "stage": 1}, {"t": 5, "stage": 2}]}
                """));
        assertThat(t.bands()).isEmpty();
        assertThat(t.marks()).containsExactly(new Chart.Mark("stage 2", 2), new Chart.Mark("stage 3", 4));
    }

    @Test
    void aReportWithoutStagesHasNoMarks() {
        Timeline t = Timeline.of(TestReports.report(TestReports.spec()));
        assertThat(t.marks()).isEmpty();
        assertThat(t.bands()).hasSize(1);
    }
}

package io.llmload.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.result.ClientPauses;
import io.llmload.result.LoadInfo;
import io.llmload.result.Report;
import io.llmload.result.RunInfo;
import org.junit.jupiter.api.Test;

/** A client that paused for garbage collection long enough to show says so in the console and the HTML report. */
class PauseWarningTest {
    private static Report withPauses(ClientPauses p) {
        Report r = TestReports.report(TestReports.spec());
        RunInfo run = r.run();
        LoadInfo load = new LoadInfo("closed", null, null, null, null, null, null, 16, false, null).withClientPauses(p);
        return r.withRun(new RunInfo(run.startedAt(), run.durationS(), run.warmupS(), run.measuredS(), run.interrupted(),
                run.stopReason(), run.target(), run.model(), run.host(), load, run.steadyState(), run.stages()));
    }

    @Test
    void longPausesAreAWarningWithTheCollectorAndTheLongest() {
        Report r = withPauses(new ClientPauses("Serial", 40, 2132, 360, 14));
        assertThat(CampaignConsole.render(r)).contains("WARNING     the client itself paused for garbage collection (Serial): "
                + "14 pause(s) over 10 ms, the longest 360 ms, 2132 ms in all");
        assertThat(HtmlReport.render(r)).contains("The client itself paused for garbage collection (Serial)");
    }

    @Test
    void shortPausesAreOnlyOnRecord() {
        Report r = withPauses(new ClientPauses("generational ZGC", 20, 5, 3, 0));
        assertThat(CampaignConsole.render(r)).doesNotContain("paused for garbage collection");
        assertThat(HtmlReport.render(r)).doesNotContain("paused for garbage collection");
    }
}

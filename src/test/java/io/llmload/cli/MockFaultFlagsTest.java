package io.llmload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.scenario.MockFaults;
import org.junit.jupiter.api.Test;

/** {@code llmload mock --fault}: validated like the scenario, listed in the help, announced at start. */
class MockFaultFlagsTest {

    @Test
    void aBadFaultFlagIsAUsageErrorNamingTheFlag() {
        CliTest.Outcome o = CliTest.llmload("mock", "--port", "0", "--fault", "http_492=0.1");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("error: --fault http_492=0.1: http_492: unknown key 'http_492' (did you mean 'http_429'?)");
        CliTest.Outcome sum = CliTest.llmload("mock", "--port", "0", "--fault", "reset=0.7", "--fault", "http_500=0.7");
        assertThat(sum.code()).isEqualTo(2);
        assertThat(sum.err()).contains("the fault rates add up to 1.4");
    }

    @Test
    void aDurationBeyondThirtyDaysIsAUsageErrorNotAnOverflow() {
        for (String[] flag : new String[][] {{"--ttft", "99999999h"}, {"--itl", "9999999999999999999s"}, {"--duration", "31d"},
                {"--duration", "721h"}}) {
            CliTest.Outcome o = CliTest.llmload("mock", "--port", "0", flag[0], flag[1]);
            assertThat(o.code()).as(o.all()).isEqualTo(2);
            assertThat(o.err()).as(o.all()).contains("error: " + flag[0] + ": expected a").doesNotContain("overflow");
        }
        CliTest.Outcome o = CliTest.llmload("mock", "--port", "0", "--ttft", "99999999h");
        assertThat(o.err()).contains("--ttft: expected a duration of at most 30 days (720h); got '99999999h'");
    }

    @Test
    void theMockAnnouncesItsFaultsAndStopsByItself() {
        CliTest.Outcome o = CliTest.llmload("mock", "--port", "0", "--duration", "300ms", "--seed", "3",
                "--fault", "http_429=0.05", "--fault", "stall_first_token={rate: 0.1, duration: 2s}");
        assertThat(o.code()).as(o.all()).isZero();
        assertThat(o.out()).contains("mock LLM listening on http://127.0.0.1:")
                .contains("POST /v1/chat/completions, /v1/completions, /v1/embeddings, /v1/rerank, /v1/responses, /v1/messages")
                .contains("injecting faults (seed 3): http_429 5.0%, stall_first_token 10.0%");
    }

    @Test
    void theHelpListsEveryFault() {
        String help = CliTest.llmload("mock", "--help").out().replaceAll("\\s+", " ");
        for (MockFaults.Kind k : MockFaults.Kind.values()) {
            assertThat(help).contains(k.key());
        }
    }
}

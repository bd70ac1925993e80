package io.llmload.load.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RateSearchTest {

    /** A simulated server: TTFT p99 stays low until the capacity, then explodes. */
    static RateSearch.Prober capacity(double knee, List<Double> tried) {
        return rate -> {
            tried.add(rate);
            double p99 = rate < knee ? 200 + 100 * rate / knee : 5000;
            return p99 < 500;
        };
    }

    @ParameterizedTest
    @ValueSource(doubles = {3.3, 10.0, 37.3, 63.9})
    void bracketsTheKneeToThePrecision(double knee) throws Exception {
        List<Double> tried = new ArrayList<>();
        RateSearch.Result r = RateSearch.search(2, 64, 0.5, 2, capacity(knee, tried));
        assertThat(r.outcome()).isEqualTo("found");
        assertThat(r.maxRate()).isLessThan(knee).isGreaterThanOrEqualTo(knee - 0.5);
        assertThat(r.probes()).hasSameSizeAs(tried);
        // Step-up visits 2, 4, 8, ... until the first failure, never beyond it.
        assertThat(tried.get(0)).isEqualTo(2);
        assertThat(tried.get(1)).isEqualTo(4);
    }

    @Test
    void nothingPassesBelowTheRange() throws Exception {
        RateSearch.Result r = RateSearch.search(10, 100, 1, 2, capacity(5, new ArrayList<>()));
        assertThat(r.outcome()).isEqualTo("below_range");
        assertThat(r.maxRate()).isNull();
        assertThat(r.probes()).hasSize(1);
    }

    @Test
    void theTopOfTheRangePasses() throws Exception {
        List<Double> tried = new ArrayList<>();
        RateSearch.Result r = RateSearch.search(10, 100, 1, 2, capacity(1000, tried));
        assertThat(r.outcome()).isEqualTo("at_top");
        assertThat(r.maxRate()).isEqualTo(100);
        assertThat(tried).containsExactly(10.0, 20.0, 40.0, 80.0, 100.0);
    }

    @Test
    void paretoFrontOfThroughputAgainstLatency() {
        double[] throughput = {10, 40, 45, 41, 30};
        double[] latency = {100, 120, 500, 530, 90};
        assertThat(Pareto.optimal(throughput, latency)).containsExactly(false, true, true, false, true);
    }
}

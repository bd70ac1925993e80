#!/usr/bin/python3
"""Checks the harness's own code paths in a second, without running a benchmark: every module
compiles, and the targets and Markdown tables come out right for a made-up run that has every
suite (mvn verify runs this through BenchHarnessSmokeTest, so the harness cannot rot unseen)."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

for name in sorted(os.listdir(HERE)):
    if name.endswith(".py"):
        with open(os.path.join(HERE, name)) as f:
            compile(f.read(), name, "exec")  # syntax only: sse_client.py needs aiohttp to import

import llmload_run  # noqa: E402
import mockruns  # noqa: E402
import results  # noqa: E402

assert abs(llmload_run.parse_instant("1970-01-01T00:00:01.500000001Z") - 1.500000001) < 1e-6
assert abs(mockruns.quantile_truth("50ms..150ms", 0.99) - 149) < 1e-9
assert abs(mockruns.quantile_truth("20ms~5ms", 0.99) - 31.63) < 0.01
assert mockruns.quantile_truth("100ms", 0.5) == 100
# the mock's lateness over a plateau: 1,000 writes, 900 within 1 ms, 980 within 5 ms, the last 20 within 100 ms
LATE_BEFORE = {0.001: 50, 0.005: 50, 0.1: 50, float("inf"): 50}
LATE_AFTER = {0.001: 950, 0.005: 1030, 0.1: 1050, float("inf"): 1050}
late = mockruns.lateness_between(LATE_BEFORE, LATE_AFTER)
assert late == {"writes": 1000, "over_5ms_share": 0.02, "p50_ms_between": [0.0, 1.0], "p99_ms_between": [5.0, 100.0]}, late
assert mockruns.lateness_between(None, LATE_AFTER) is None and mockruns.lateness_between(LATE_AFTER, LATE_AFTER) is None

doc = {
    "started_at": "2026-01-01T00:00:00Z", "quick": False,
    "machine": {"cpus": 2, "cpu_model": "test", "memory_gib": 24},
    "versions": {"java": "17", "kernel": "6"}, "pinning": {"client_cpu": 0, "server_cpu": 1},
    "suites": {
        "jmh": {"rows": [{"benchmark": "client.SseChunkBench.readPath", "params": {"readBytes": "0"}, "ops_per_s": 3e6,
                          "bytes_per_op": 0.0}], "other_processes_cores": 0.01},
        "nonstream": {"connections": 64, "duration_s": 15, "clients": {
            "llmload": {"requests": 800, "measured_s": 10, "errors": 0, "cpu_s": 10, "requests_per_core_s": 80},
            "wrk": {"requests": 1000, "measured_s": 10, "errors": 0, "cpu_s": 10, "requests_per_core_s": 100},
            "hey": {"requests": 500, "measured_s": 10, "errors": 0, "cpu_s": 10, "requests_per_core_s": 50}}},
        "stream": {"connections": 64, "duration_s": 15, "clients": {
            "llmload": {"tokens": 1100, "tokens_per_s": 110, "measured_s": 10, "errors": 0, "cpu_s": 1, "tokens_per_core_s": 1100,
                        "parses": "x"},
            "python-aiohttp": {"tokens": 100, "tokens_per_s": 10, "measured_s": 10, "errors": 0, "cpu_s": 1,
                               "tokens_per_core_s": 100, "parses": "y"}}},
        "scale": {"streams": 10000, "baseline_streams": 1000, "mock": {"ttft_ms": 200, "itl_ms": 250, "tokens": 40},
                  "probes": {"low": {"heap_kib": 1000, "rss_kib": 2000}, "high": {"heap_kib": 118000, "rss_kib": 200000}},
                  "heap_per_stream_kib": 13.0, "rss_per_stream_kib": 22.0, "requests": 5, "errors": 0, "max_in_flight_seen": 10000,
                  "ttft_ms": {"p50": 1, "p99": 2}, "itl_ms": {"p50": 1, "p99": 2}, "plateau_s": 20,
                  "plateau_ttft_p99_ms": {"median": 3, "max": 4}, "plateau_itl_p99_ms": {"median": 5, "max": 6},
                  "mock_lateness_on_plateau": late},
        "accuracy": {"fixed": {"ttft": "100ms", "itl": "20ms", "levels": {"1000": {
            "requests": 9, "ttft_p50_ms": 100.5, "ttft_p50_truth_ms": 100, "ttft_p50_error_ms": 0.5, "ttft_p99_ms": 103,
            "ttft_p99_truth_ms": 100, "ttft_p99_error_ms": 3.0, "itl_p50_ms": 20, "itl_p50_truth_ms": 20, "itl_p50_error_ms": 0.0,
            "itl_p99_ms": 21, "itl_p99_truth_ms": 20, "itl_p99_error_ms": 1.0}}}},
        "open": {"rate": 2000, "duration_s": 60, "target_rate": 2000, "achieved_rate": 1990, "shortfall_pct": 0.5,
                 "schedule_lag_ms": {"p50": 0.1, "p99": 0.8, "p999": 2, "max": 3}, "errors": 0, "client_cpu_cores": 0.2,
                 "client_saturated": False},
    },
}
got = {t["target"]: t for t in results.targets(doc)}
assert got["non-streaming requests/s per client core vs wrk"]["value"] == 0.8 and got["non-streaming requests/s per client core vs wrk"]["met"]
assert got["non-streaming requests/s per client core vs hey"]["value"] == 1.6
assert got["streaming tokens/s per client core vs Python aiohttp"]["value"] == 11
assert got["client heap per in-flight stream at 10,000 streams"]["met"]
assert got["TTFT p99 error, fixed, 1,000 streams"]["met"] is False
assert got["open model at 2,000 req/s: schedule lag p99"]["met"]
doc["targets"] = list(got.values())
md = results.markdown(doc)
for heading in ("## Targets", "## Non-streaming", "## Streaming", "## Concurrency scale", "## Accuracy", "## Open model", "## JMH"):
    assert heading in md, heading
assert "The mock's own token writes on that plateau (1,000): p50 0.0-1.0 ms late, p99 5.0-100.0 ms late, 2.00 % more than 5 ms" in md, md
print("harness self-test passed: %d targets, %d lines of Markdown" % (len(got), md.count("\n")))

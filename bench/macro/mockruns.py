"""The runs against llmload's built-in mock, each in its own pinned JVM on the server core:
concurrency scale (10,000 streams with long gaps), accuracy against injected TTFT/ITL, and
open-model fidelity at 2,000 req/s."""
import os
import re
import statistics
import threading
import time
import urllib.request

import llmload_run
from procs import Proc, run_quiet


class Mock:
    def __init__(self, ctx, name, *flags):
        d = os.path.join(ctx.out, name)
        os.makedirs(d, exist_ok=True)
        argv = [ctx.mock_java, *ctx.mock_launcher_opts, *ctx.jvm_opts, f"-Xlog:gc:file={os.path.join(d, 'gc.log')}", "-jar", ctx.jar, "mock", "--port", "0", "--instances", "1", *flags,
                "--duration", f"{ctx.mock_lifetime_s}s"]
        self.proc = Proc(argv, os.path.join(d, "mock.log"), cpu=ctx.server_cpu)
        text = self.proc.wait_for_log("listening on", 60)
        self.base = re.search(r"http://127\.0\.0\.1:\d+/v1", text).group(0)
        self.flags = flags

    def metrics_ms(self):
        """How long the mock takes to answer a scrape of /metrics: is it still responsive?"""
        t = time.perf_counter()
        with urllib.request.urlopen(self.base[:-3] + "/metrics", timeout=30) as r:
            r.read()
        return (time.perf_counter() - t) * 1000

    def lateness(self):
        """The mock's own token-write lateness histogram: {le seconds: cumulative writes}."""
        with urllib.request.urlopen(self.base[:-3] + "/metrics", timeout=30) as r:
            text = r.read().decode()
        return {float("inf") if m.group(1) == "+Inf" else float(m.group(1)): float(m.group(2))
                for m in LATENESS_BUCKET.finditer(text)}

    def stop(self):
        self.proc.stop()


LATENESS_BUCKET = re.compile(r'^llmload_mock_token_lateness_seconds_bucket\{[^}]*le="([^"]+)"[^}]*\} (\S+)$', re.M)


def lateness_between(before, after):
    """What the mock's lateness histogram says of the writes between two scrapes: how many, the share
    later than 5 ms, and the bucket bounds (ms) that hold the p50 and p99 -- the server's own share of
    any inter-token tail the client reads."""
    if not before or not after:
        return None
    bounds = sorted(after)
    counts = [after[b] - before.get(b, 0) for b in bounds]
    total = counts[-1]
    if total <= 0:
        return None
    out = {"writes": int(total)}
    five = next((c for b, c in zip(bounds, counts) if abs(b - 0.005) < 1e-9), None)
    if five is not None:
        out["over_5ms_share"] = round(1 - five / total, 4)
    for name, q in (("p50", 0.5), ("p99", 0.99)):
        lower = 0.0
        for b, c in zip(bounds, counts):
            if c >= q * total:
                out[f"{name}_ms_between"] = [round(lower * 1000, 2), None if b == float("inf") else round(b * 1000, 2)]
                break
            lower = b
    return out


def warm(ctx, mock, name):
    """A short closed-model run so the mock's JIT is warm before a measured run."""
    load = {"concurrency": 64, "warmup": "0s", "duration": f"{ctx.mock_warm_s}s", "drain": "10s"}
    llmload_run.run(ctx, name, llmload_run.yaml_scenario(name, mock.base, True, load, max_tokens=64), ctx.client_cpu,
                    ctx.mock_warm_s + 60)


HISTOGRAM_ROW = re.compile(r"^\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)")


def class_histogram(jcmd, pid):
    """The live objects of a JVM by class, {class: (instances, bytes)}, from jcmd GC.class_histogram
    (a full collection first, then the heap walked: the same for every collector, where heap
    occupancy after a GC is not -- a concurrent collector's includes what was allocated meanwhile)."""
    rows = {}
    for line in run_quiet([jcmd, pid, "GC.class_histogram"], timeout=120).splitlines():
        m = HISTOGRAM_ROW.match(line)
        if m:
            rows[m.group(3)] = (int(m.group(1)), int(m.group(2)))
    return rows


def scale(ctx):
    """N concurrent streams with long inter-token gaps: client heap and RSS per in-flight stream,
    measured as the difference between a plateau at N/10 and a plateau at N streams."""
    n, low = ctx.scale_streams, ctx.scale_streams // 10
    ttft_ms, itl_ms, tokens = 200, 250, 40  # a stream lasts ~10 s, so users keep ~N streams open
    mock = Mock(ctx, "scale-mock", "--ttft", f"{ttft_ms}ms", "--itl", f"{itl_ms}ms", "--output-tokens", str(tokens))
    ramp1, hold1, ramp2, hold2 = ctx.scale_times
    stages = [{"duration": f"{ramp1}s", "concurrency": low, "ramp": "linear"}, {"duration": f"{hold1}s", "concurrency": low},
              {"duration": f"{ramp2}s", "concurrency": n, "ramp": "linear"}, {"duration": f"{hold2}s", "concurrency": n}]
    load = {"stages": stages, "warmup": "0s", "drain": "30s"}
    probes, histograms, late = {}, {}, {}
    jcmd = os.path.join(ctx.client_java_home, "bin", "jcmd")  # the client's own JDK attaches to it

    def during(proc):
        def probe_at(t_rel, key):
            while time.time() < proc.started + t_rel and proc.alive():
                time.sleep(0.2)
            if proc.alive():
                t0 = time.time() - proc.started
                # the live heap, and what each in-flight stream keeps alive: live objects by class
                histograms[key] = class_histogram(jcmd, proc.pid)
                probes[key] = {"t_s": round(t0, 1), "heap_kib": sum(b for _, b in histograms[key].values()) / 1024,
                               "rss_kib": proc.rss_kib(), "mock_metrics_ms": round(mock.metrics_ms(), 2),
                               "mock_rss_kib": mock.proc.rss_kib()}
                probes[key]["probe_s"] = round(time.time() - proc.started - t0, 1)
        def mock_lateness_at(t_rel, key):
            while time.time() < proc.started + t_rel and proc.alive():
                time.sleep(0.2)
            if proc.alive():
                late[key] = mock.lateness()

        # JVM start takes about a second: probe near the end of each plateau; the mock's lateness is
        # read over the full-size plateau, before the client's heap probe
        t = threading.Thread(target=lambda: (probe_at(1 + ramp1 + hold1 - 2, "low"),
                                             mock_lateness_at(1 + ramp1 + hold1 + ramp2 + 1, "plateau_start"),
                                             mock_lateness_at(1 + ramp1 + hold1 + ramp2 + hold2 - 4, "plateau_end"),
                                             probe_at(1 + ramp1 + hold1 + ramp2 + hold2 - 3, "high")), daemon=True)
        t.start()
        return lambda: (t.join(60), probes)[1]

    text = llmload_run.yaml_scenario("scale", mock.base, True, load, max_tokens=tokens)
    try:
        r = llmload_run.run(ctx, "scale-llmload", text, ctx.client_cpu, sum(ctx.scale_times) + 120,
                            jvm_opts=["-Xss512k"], during=during)
    finally:
        mock.stop()
    lo, hi = probes.get("low"), probes.get("high")
    # the client's own stop-the-world pauses, but for the probes' forced full GCs (the probe's cost)
    probe_windows = [(p["t_s"] - 1, p["t_s"] + p.get("probe_s", 10) + 1) for p in probes.values()]
    in_flight = {p["t"]: p["in_flight"] for p in r["timeseries"]}
    result = {"streams": n, "baseline_streams": low, "mock": {"ttft_ms": ttft_ms, "itl_ms": itl_ms, "tokens": tokens},
              "probes": probes, "errors": r["failed"], "requests": r["requests"], "error_kinds": r["errors"],
              "max_in_flight_seen": max(in_flight.values()) if in_flight else None,
              "ttft_ms": pick(r["latency_ms"]["ttft"]), "itl_ms": pick(r["latency_ms"]["itl"]),
              "client_jvm": " ".join(ctx.client_launcher_opts + ["-Xss512k"]),
              "client_pauses": llmload_run.pauses(r["safepoint_log"], probe_windows),
              "mock_lateness_on_plateau": lateness_between(late.get("plateau_start"), late.get("plateau_end"))}
    # Responsiveness at full size: each second's p99 while all N streams were open (the seconds of
    # the forced full GC of the heap probe included, which is the probe's cost, not the run's).
    plateau = [p for p in r["timeseries"] if p.get("in_flight", 0) >= 0.99 * n and not p.get("warmup")]
    if plateau:
        result["plateau_s"] = len(plateau)
        for key in ("ttft_p99_ms", "itl_p99_ms"):
            vals = sorted(p[key] for p in plateau)
            result[f"plateau_{key}"] = {"median": vals[len(vals) // 2], "max": vals[-1]}
    if lo and hi:
        streams = n - low
        result["heap_per_stream_kib"] = (hi["heap_kib"] - lo["heap_kib"]) / streams
        result["rss_per_stream_kib"] = (hi["rss_kib"] - lo["rss_kib"]) / streams
        result["heap_at_n_kib"] = hi["heap_kib"]
    if "low" in histograms and "high" in histograms:
        per_stream = []
        for cls, (count, size) in histograms["high"].items():
            c0, b0 = histograms["low"].get(cls, (0, 0))
            per_stream.append({"class": cls, "objects": round((count - c0) / (n - low), 2), "bytes": round((size - b0) / (n - low), 1)})
        per_stream.sort(key=lambda row: -row["bytes"])
        result["live_per_stream_by_class"] = per_stream[:25]
    return result


def pick(stats):
    return {k: stats.get(k) for k in ("count", "p50", "p99", "p999", "max")}


def quantile_truth(spec, q):
    """The q-quantile (ms) of what the mock injects: a fixed value, uniform a..b, or normal mean~sd."""
    if ".." in spec:
        a, b = (float(x.rstrip("ms")) for x in spec.split(".."))
        return a + (b - a) * q
    if "~" in spec:
        m, sd = (float(x.rstrip("ms")) for x in spec.split("~"))
        return statistics.NormalDist(m, sd).inv_cdf(q)
    return float(spec.rstrip("ms"))


def accuracy(ctx):
    """Reported p50/p99 of TTFT and ITL minus what the mock injected, at 1, 100 and 1,000 streams."""
    cases = {"fixed": ("100ms", "20ms"), "distributed": ("50ms..150ms", "20ms~5ms")}
    tokens = 32
    out = {}
    for case, (ttft, itl) in cases.items():
        mock = Mock(ctx, f"accuracy-{case}-mock", "--ttft", ttft, "--itl", itl, "--output-tokens", str(tokens))
        try:
            for c in ctx.accuracy_levels:
                name = f"accuracy-{case}-{c}"
                load = {"concurrency": c, "warmup": f"{ctx.warmup_s}s", "duration": f"{ctx.accuracy_s}s", "drain": "10s"}
                r = llmload_run.run(ctx, name, llmload_run.yaml_scenario(name, mock.base, True, load, max_tokens=tokens),
                                    ctx.client_cpu, ctx.warmup_s + ctx.accuracy_s + 90)
                row = {"requests": r["requests"], "errors": r["failed"]}
                for metric, spec in (("ttft", ttft), ("itl", itl)):
                    got = r["latency_ms"][metric]
                    for p, q in (("p50", 0.5), ("p99", 0.99)):
                        truth = quantile_truth(spec, q)
                        row[f"{metric}_{p}_ms"] = got[p]
                        row[f"{metric}_{p}_truth_ms"] = round(truth, 3)
                        row[f"{metric}_{p}_error_ms"] = round(got[p] - truth, 3)
                    row[f"{metric}_count"] = got["count"]
                out.setdefault(case, {"ttft": ttft, "itl": itl, "tokens": tokens, "levels": {}})["levels"][str(c)] = row
        finally:
            mock.stop()
    return out


def open_model(ctx):
    """Poisson arrivals at a fixed rate against a mock with no think time: achieved rate and schedule lag."""
    mock = Mock(ctx, "open-mock", "--ttft", "0ms", "--itl", "0ms", "--output-tokens", "64")
    try:
        warm(ctx, mock, "open-warm-mock")
        load = {"rate": ctx.open_rate, "arrival": "poisson", "warmup": f"{ctx.open_warmup_s}s", "duration": f"{ctx.open_s}s",
                "drain": "10s"}
        name = "open-llmload"
        r = llmload_run.run(ctx, name, llmload_run.yaml_scenario(name, mock.base, True, load, max_tokens=64),
                            ctx.client_cpu, ctx.open_warmup_s + ctx.open_s + 90)
    finally:
        mock.stop()
    lag = r["latency_ms"]["schedule_lag"]
    ld = r["load"] or {}
    target, achieved = ld.get("target_rate"), ld.get("achieved_rate")
    return {"rate": ctx.open_rate, "arrival": "poisson", "duration_s": r["measured_s"], "target_rate": target,
            "achieved_rate": achieved, "shortfall_pct": None if not target else round(100 * (target - achieved) / target, 3),
            "scheduled_arrivals": ld.get("scheduled_arrivals"), "client_saturated": ld.get("client_saturated"),
            "saturation": ld.get("saturation"), "requests": r["requests"], "errors": r["failed"],
            "dropped": r.get("dropped"), "schedule_lag_ms": pick(lag), "e2e_ms": pick(r["latency_ms"]["e2e"]),
            "client_cpu_cores": r["window_cpu_s"] / r["measured_s"] if r["window_cpu_s"] else None}

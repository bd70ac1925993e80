"""Runs `llmload run` as its own pinned JVM and reads back its JSON report, with the client's CPU
time over the measured window (warmup excluded: a JVM client is used warmed up) and over its
whole life (JVM start, JIT and warmup included)."""
import datetime
import json
import os
import re

from procs import Proc


def parse_instant(text):
    """ISO-8601 with up to nanoseconds and a Z, as the report writes it, to epoch seconds."""
    head, _, frac = text.rstrip("Z").partition(".")
    base = datetime.datetime.fromisoformat(head).replace(tzinfo=datetime.timezone.utc).timestamp()
    return base + (float("0." + frac) if frac else 0.0)


def yaml_scenario(name, url, stream, load, max_tokens=None, extra=""):
    """A scenario as YAML flow mappings (JSON is YAML): load is a dict written as given."""
    request = {"stream": stream}
    if max_tokens is not None:
        request["max_tokens"] = max_tokens
    return (f"name: {name}\n"
            f"target: {{url: \"{url}\", model: bench, timeouts: {{connect: 10s, first_token: 60s, idle: 60s, total: 300s}}}}\n"
            f"request: {json.dumps(request)}\n"
            f"load: {json.dumps(load)}\n"
            "report: {formats: [json]}\n" + extra)


SAFEPOINT = re.compile(r"^\[([\d.]+)s\] Safepoint \"(\w+)\".*Total: (\d+) ns")


def pauses(safepoint_log, exclude=()):
    """The client's stop-the-world pauses from its -Xlog:safepoint log (every collector's pauses
    are safepoints), leaving out those in the (from_s, to_s) uptime windows of `exclude`."""
    ms = []
    with open(safepoint_log) as f:
        for line in f:
            m = SAFEPOINT.match(line)
            if m and not any(a <= float(m.group(1)) <= b for a, b in exclude):
                ms.append(int(m.group(3)) / 1e6)
    ms.sort()
    if not ms:
        return {"count": 0}
    return {"count": len(ms), "total_ms": round(sum(ms), 1), "p50_ms": round(ms[len(ms) // 2], 3),
            "p99_ms": round(ms[min(len(ms) - 1, int(len(ms) * 0.99))], 3), "max_ms": round(ms[-1], 3),
            "over_1ms": sum(1 for v in ms if v > 1), "over_10ms": sum(1 for v in ms if v > 10)}


def run(ctx, name, scenario_text, cpu, timeout_s, jvm_opts=(), during=None):
    """Runs one scenario; `during(proc)` is called while it runs (for heap probes). Returns a dict."""
    d = os.path.join(ctx.out, name)
    os.makedirs(d, exist_ok=True)
    scenario = os.path.join(d, "scenario.yaml")
    with open(scenario, "w") as f:
        f.write(scenario_text)
    report_dir = os.path.join(d, "report")
    argv = [ctx.client_java, *ctx.client_launcher_opts, *ctx.jvm_opts, *jvm_opts, f"-Xlog:gc:file={os.path.join(d, 'gc.log')}",
            f"-Xlog:safepoint:file={os.path.join(d, 'safepoint.log')}:uptime", "-jar", ctx.jar, "run", scenario,
            "--out", report_dir, "--quiet"]
    proc = Proc(argv, os.path.join(d, "llmload.log"), cpu=cpu)
    probe = during(proc) if during else None
    code = proc.wait(timeout_s)
    path = os.path.join(report_dir, "report.json")
    if not os.path.exists(path):
        raise RuntimeError(f"llmload exited {code} without a report; log:\n{proc.log_text()[-3000:]}")
    with open(path) as f:
        report = json.load(f)
    run_info = report["run"]
    t0 = parse_instant(run_info["started_at"]) + run_info.get("warmup_s", 0.0)
    t1 = t0 + run_info["measured_s"]
    c0, c1 = proc.cpu_at(t0), proc.cpu_at(t1)
    s = report["summary"]
    return {
        "exit_code": code,
        "report": path,
        "measured_s": run_info["measured_s"],
        "requests": s["requests"]["total"],
        "succeeded": s["requests"]["succeeded"],
        "failed": s["requests"]["failed"],
        "errors": s["requests"].get("errors", {}),
        "output_tokens": s["tokens"]["output"],
        "requests_per_s": s["throughput"]["requests_per_s"],
        "output_tokens_per_s": s["throughput"]["output_tokens_per_s"],
        "window_cpu_s": None if c0 is None or c1 is None else c1 - c0,
        "whole_cpu_s": proc.rusage_cpu_s,
        "whole_wall_s": None,
        "latency_ms": s["latency_ms"],
        "load": run_info.get("load"),
        "timeseries": report.get("timeseries", []),
        "probe": probe() if callable(probe) else probe,
        "safepoint_log": os.path.join(d, "safepoint.log"),
    }

#!/usr/bin/python3
"""bench/run.sh's driver: runs every suite in turn, each bounded in time and on loopback only,
and writes results.json and results.md (the side-by-side tables) into the output directory."""
import argparse
import json
import os
import platform
import resource
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mockruns  # noqa: E402
import peers  # noqa: E402
import results  # noqa: E402
from procs import busy_cpu_seconds, children_cpu_seconds, load_average  # noqa: E402

SUITES = ["jmh", "nonstream", "stream", "scale", "accuracy", "open"]


class Context:
    def __init__(self, args, repo):
        self.repo = repo
        self.bench_dir = os.path.join(repo, "bench")
        self.out = os.path.abspath(args.out)
        self.jar = os.path.join(repo, "target", "llmload.jar")
        self.test_classes = os.path.join(repo, "target", "test-classes")
        self.jvm_opts = args.jvm_opts.split() if args.jvm_opts else []
        # The client runs as the launchers run it: their JVM options for its runtime (the collector)
        self.client_java_home = args.client_java or java_home_on_path()
        self.client_java = os.path.join(self.client_java_home, "bin", "java")
        self.client_launcher_opts = launcher_options(repo, self.client_java_home) + args.client_jvm_opts.split()
        # The mock is the server: its own pauses are server latency, the same whichever client runs
        mock_home = args.mock_java or java_home_on_path()
        self.mock_java = os.path.join(mock_home, "bin", "java")
        self.mock_launcher_opts = launcher_options(repo, mock_home) + args.mock_jvm_opts.split()
        self.client_cpu, self.server_cpu = args.client_cpu, args.server_cpu
        self.python = "/usr/bin/python3"
        self.nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        self.wrk = shutil.which("wrk")
        self.hey = shutil.which("hey")
        q = args.quick
        self.conns = args.connections
        self.warmup_s = 2 if q else 10
        self.duration_s = 3 if q else 15
        self.mock_warm_s = 2 if q else 10
        self.scale_streams = 1000 if q else 10000
        self.scale_times = (2, 4, 3, 5) if q else (5, 15, 25, 25)
        self.accuracy_levels = [1, 100] if q else [1, 100, 1000]
        self.accuracy_s = 3 if q else 20
        self.open_rate = 500 if q else 2000
        self.open_warmup_s = 2 if q else 10
        self.open_s = 4 if q else 60
        self.mock_lifetime_s = 3600
        self.quick = q
        self.versions = tool_versions(self)

    def free_port(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            return s.getsockname()[1]

    def wait_http(self, url, post=False, timeout=20):
        deadline = time.time() + timeout
        while True:
            try:
                req = urllib.request.Request(url, data=b"{}" if post else None, method="POST" if post else "GET")
                with urllib.request.urlopen(req, timeout=2) as r:
                    r.read()
                    return
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.1)


def java_home_on_path():
    java = os.path.realpath(shutil.which("java") or "/usr/bin/java")
    return os.path.dirname(os.path.dirname(java))


def launcher_options(repo, java_home):
    """The JVM options bin/llmload and ./llmload give this Java home (src/dist/lib/launcher.sh)."""
    script = os.path.join(repo, "src", "dist", "lib", "launcher.sh")
    out = subprocess.run(["sh", "-c", '. "$0"; llmload_jvm_options "$(llmload_java_feature "$1")"', script, java_home],
                         capture_output=True, text=True, check=True, env={k: v for k, v in os.environ.items()
                                                                          if k not in ("LLMLOAD_JAVA_OPTS", "JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS")})
    return out.stdout.split()


def first_line(argv):
    try:
        p = subprocess.run(argv, capture_output=True, text=True, timeout=20)
        return (p.stdout + p.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return None


def dpkg_version(pkg):
    return first_line(["dpkg-query", "-W", "-f=${Version}", pkg])


def tool_versions(ctx):
    return {"java": first_line(["java", "-version"]), "client_java": first_line([ctx.client_java, "-version"]),
            "client_jvm_options": " ".join(ctx.client_launcher_opts), "mock_java": first_line([ctx.mock_java, "-version"]),
            "mock_jvm_options": " ".join(ctx.mock_launcher_opts), "nginx": first_line([ctx.nginx, "-v"]),
            "wrk": dpkg_version("wrk"), "hey": dpkg_version("hey") if ctx.hey else None,
            "python3": first_line([ctx.python, "--version"]), "python3-aiohttp": dpkg_version("python3-aiohttp"),
            "kernel": platform.release()}


def machine():
    model = None
    try:
        with open("/proc/cpuinfo") as f:
            model = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), None)
    except OSError:
        pass
    return {"cpus": os.cpu_count(), "cpu_model": model, "memory_gib": round(os.sysconf("SC_PAGE_SIZE")
            * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)}


def wait_quiet(max_load, max_wait_s):
    deadline = time.time() + max_wait_s
    while load_average() > max_load and time.time() < deadline:
        print(f"  load average {load_average():.2f} > {max_load}: waiting for a quieter machine", flush=True)
        time.sleep(30)
    return load_average()


def run_jmh(ctx):
    out = os.path.join(ctx.out, "jmh.json")
    args = ["-prof", "gc", "-f", "1"] + (["-wi", "1", "-w", "1", "-i", "1", "-r", "1"] if ctx.quick else [])
    env = dict(os.environ, OUT=out, JMH_CPU=str(ctx.client_cpu))
    with open(os.path.join(ctx.out, "jmh.log"), "w") as log:
        subprocess.run([os.path.join(ctx.bench_dir, "jmh.sh"), *args], check=True, stdout=log, stderr=subprocess.STDOUT,
                       env=env, timeout=1800)
    with open(out) as f:
        data = json.load(f)
    rows = []
    for b in data:
        sec = b.get("secondaryMetrics", {})
        alloc = sec.get("gc.alloc.rate.norm") or sec.get("\u00b7gc.alloc.rate.norm") or {}
        rows.append({"benchmark": b["benchmark"].replace("io.llmload.", ""), "params": b.get("params", {}),
                     "ops_per_s": b["primaryMetric"]["score"], "ops_per_s_error": b["primaryMetric"].get("scoreError"),
                     "bytes_per_op": alloc.get("score")})
    return {"rows": rows, "raw": out}


def main():
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    p = argparse.ArgumentParser(description="llmload side-by-side benchmark (loopback only, bounded in time)")
    p.add_argument("--out", default=os.path.join(repo, "bench", "results", time.strftime("run-%Y%m%d-%H%M%S", time.gmtime())))
    p.add_argument("--quick", action="store_true", help="seconds per run instead of the documented durations (smoke test)")
    p.add_argument("--only", default=",".join(SUITES), help="comma-separated suites: " + ",".join(SUITES))
    p.add_argument("--connections", type=int, default=64)
    p.add_argument("--jvm-opts", default="", help="extra JVM options for llmload and the mock (default: none, as users run it)")
    p.add_argument("--client-java", default="", help="the Java home llmload runs on (default: the java on the PATH), "
                   "with the JVM options the launchers pick for it")
    p.add_argument("--client-jvm-opts", default="", help="JVM options for llmload only, after the launchers' (e.g. another collector)")
    p.add_argument("--mock-jvm-opts", default="", help="JVM options for the mock only, after the launchers' (e.g. a young "
                   "generation large enough that the server under test does not pause during a plateau)")
    p.add_argument("--mock-java", default="", help="the Java home the mock runs on (default: the java on the PATH), "
                   "with the launchers' JVM options for it")
    p.add_argument("--client-cpu", type=int, default=0)
    p.add_argument("--server-cpu", type=int, default=1)
    p.add_argument("--wait-quiet", type=float, default=0, help="wait up to this many seconds for load average < --max-load")
    p.add_argument("--max-load", type=float, default=1.0)
    args = p.parse_args()
    suites = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = [s for s in suites if s not in SUITES]
    if unknown:
        p.error(f"unknown suite(s) {unknown}; choose from {SUITES}")
    os.makedirs(args.out, exist_ok=True)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(65536, hard if hard > 0 else 65536)), hard))
    except (ValueError, OSError):
        pass
    ctx = Context(args, repo)
    doc = {"schema": "llmload.bench/v1", "started_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "quick": ctx.quick,
           "machine": machine(), "versions": ctx.versions, "pinning": {"client_cpu": ctx.client_cpu, "server_cpu": ctx.server_cpu},
           "suites": {}, "load_average": {}}
    if args.wait_quiet > 0:
        wait_quiet(args.max_load, args.wait_quiet)
    nginx = None
    try:
        for s in suites:
            la = load_average()
            print(f"== {s} (load average {la:.2f})", flush=True)
            t = time.time()
            busy0, ours0 = busy_cpu_seconds(), children_cpu_seconds()
            nginx0 = (nginx.proc.cpu_seconds() or 0) if nginx else 0
            try:
                if s in ("nonstream", "stream") and nginx is None:
                    nginx = peers.Nginx(ctx)
                if s == "jmh":
                    r = run_jmh(ctx)
                elif s == "nonstream":
                    r = peers.non_streaming(ctx, nginx)
                elif s == "stream":
                    r = peers.streaming(ctx, nginx)
                elif s == "scale":
                    r = mockruns.scale(ctx)
                elif s == "accuracy":
                    r = mockruns.accuracy(ctx)
                else:
                    r = mockruns.open_model(ctx)
            except Exception as e:  # one failed suite is reported; the others still run
                r = {"failed": f"{type(e).__name__}: {e}"}
                print(f"   {s} failed: {e}", flush=True)
            # What else ran meanwhile: the machine's busy time minus this benchmark's own processes
            # (the load average counts the benchmark's processes too, so it cannot say that)
            nginx_cpu = ((nginx.proc.cpu_seconds() or 0) - nginx0) if nginx else 0
            other = busy_cpu_seconds() - busy0 - (children_cpu_seconds() - ours0) - nginx_cpu
            r["other_processes_cores"] = round(max(0.0, other) / max(0.001, time.time() - t), 3)
            r["load_average_before"] = round(la, 2)
            r["load_average_after"] = round(load_average(), 2)
            r["elapsed_s"] = round(time.time() - t, 1)
            doc["suites"][s] = r
            with open(os.path.join(ctx.out, "results.json"), "w") as f:
                json.dump(doc, f, indent=2)
    finally:
        if nginx:
            nginx.stop()
    doc["targets"] = results.targets(doc)
    doc["finished_at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    with open(os.path.join(ctx.out, "results.json"), "w") as f:
        json.dump(doc, f, indent=2)
    md = results.markdown(doc)
    with open(os.path.join(ctx.out, "results.md"), "w") as f:
        f.write(md)
    print(md)
    print(f"results: {os.path.join(ctx.out, 'results.json')} and results.md")
    return 0 if all("failed" not in r for r in doc["suites"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())

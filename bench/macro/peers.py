"""The fast static target and the peers: nginx (one worker, pinned) serves a ~600-byte
chat.completion and a pre-rendered 64-token SSE stream; llmload, wrk, hey and a Python aiohttp
client run against it pinned to the other core, with the same connections and duration."""
import json
import os
import re
import shutil
import subprocess
import time

import llmload_run
from procs import Proc

NGINX_CONF = """worker_processes 1;
# one process: the pid the harness starts, pins and measures is the one serving
master_process off;
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
worker_rlimit_nofile 65536;
events {{ worker_connections 16384; }}
http {{
  access_log off;
  types {{ application/json json; text/event-stream sse; }}
  default_type application/octet-stream;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_requests 100000000;
  keepalive_timeout 300s;
  client_body_temp_path {dir}/tmp-body;
  proxy_temp_path {dir}/tmp-proxy;
  fastcgi_temp_path {dir}/tmp-fastcgi;
  uwsgi_temp_path {dir}/tmp-uwsgi;
  scgi_temp_path {dir}/tmp-scgi;
  server {{
    listen 127.0.0.1:{port} backlog=4096;
    root {dir}/www;
    # The static module answers POST with 405; error_page turns that into the file with 200.
    location = /json/v1/chat/completions {{ try_files /chat.json =404; error_page 405 =200 $uri; }}
    location = /sse/v1/chat/completions {{ try_files /stream.sse =404; error_page 405 =200 $uri; }}
  }}
}}
"""

BODY = {"model": "bench", "messages": [{"role": "user", "content": "Hello"}]}
STREAM_TOKENS = 64


class Nginx:
    def __init__(self, ctx):
        self.dir = os.path.join(ctx.out, "nginx")
        os.makedirs(os.path.join(self.dir, "www"), exist_ok=True)
        subprocess.run(["java", "-cp", ctx.test_classes, "io.llmload.bench.OpenAiPayloads", os.path.join(self.dir, "www")],
                       check=True, capture_output=True)
        self.port = ctx.free_port()
        with open(os.path.join(self.dir, "nginx.conf"), "w") as f:
            f.write(NGINX_CONF.format(dir=self.dir, port=self.port))
        self.proc = Proc([ctx.nginx, "-c", os.path.join(self.dir, "nginx.conf"), "-p", self.dir],
                         os.path.join(self.dir, "nginx.log"), cpu=ctx.server_cpu)
        self.json_url = f"http://127.0.0.1:{self.port}/json/v1/chat/completions"
        self.sse_url = f"http://127.0.0.1:{self.port}/sse/v1/chat/completions"
        ctx.wait_http(self.json_url, post=True)

    def base(self, kind):
        return f"http://127.0.0.1:{self.port}/{kind}/v1"

    def stop(self):
        self.proc.stop()


def wrk(ctx, name, url, conns, duration_s, body_json):
    d = os.path.join(ctx.out, name)
    os.makedirs(d, exist_ok=True)
    lua = os.path.join(d, "post.lua")
    with open(lua, "w") as f:
        f.write('wrk.method = "POST"\nwrk.body = [[' + body_json + ']]\nwrk.headers["Content-Type"] = "application/json"\n')
    p = Proc([ctx.wrk, "-t1", f"-c{conns}", f"-d{duration_s}s", "--timeout", "10s", "-s", lua, url],
             os.path.join(d, "wrk.log"), cpu=ctx.client_cpu)
    p.wait(duration_s + 30)
    out = p.log_text()
    m = re.search(r"(\d+) requests in ([\d.]+)(m?s)", out)
    if not m:
        raise RuntimeError("wrk output not understood:\n" + out)
    requests = int(m.group(1))
    wall = float(m.group(2)) * (0.001 if m.group(3) == "ms" else 1)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(bad.group(1)) if bad else 0) + (sum(int(g) for g in sock.groups()) if sock else 0)
    return {"requests": requests, "measured_s": wall, "errors": errors, "cpu_s": window_cpu(p, wall),
            "whole_cpu_s": p.rusage_cpu_s, "requests_per_s": requests / wall, "version": ctx.versions.get("wrk")}


def window_cpu(p, seconds):
    """CPU time a peer spent from its start to the end of its load window."""
    c = p.cpu_at(p.started + seconds)
    return c if c else p.rusage_cpu_s


def hey(ctx, name, url, conns, duration_s, body_json):
    d = os.path.join(ctx.out, name)
    os.makedirs(d, exist_ok=True)
    body = os.path.join(d, "body.json")
    with open(body, "w") as f:
        f.write(body_json)
    p = Proc([ctx.hey, "-z", f"{duration_s}s", "-c", str(conns), "-m", "POST", "-T", "application/json", "-D", body, url],
             os.path.join(d, "hey.log"), cpu=ctx.client_cpu)
    p.wait(duration_s + 60)
    out = p.log_text()
    total = re.search(r"Total:\s+([\d.]+) secs", out)
    codes = re.findall(r"\[(\d{3})\]\s+(\d+) responses", out)
    if not total or not codes:
        raise RuntimeError("hey output not understood:\n" + out[-3000:])
    ok = sum(int(n) for c, n in codes if c == "200")
    err_section = out.split("Error distribution:")[1] if "Error distribution:" in out else ""
    errors = sum(int(n) for c, n in codes if c != "200") + sum(int(n) for n in re.findall(r"^\s*\[(\d+)\]", err_section, re.M))
    wall = float(total.group(1))
    # hey computes its statistics over every stored result after the run: that CPU is not load
    # generation, so only the load window (process start + duration) is charged to it
    return {"requests": ok, "measured_s": wall, "errors": errors, "cpu_s": window_cpu(p, wall),
            "whole_cpu_s": p.rusage_cpu_s, "requests_per_s": ok / wall, "version": ctx.versions.get("hey")}


def python_client(ctx, name, url, conns, warmup_s, duration_s):
    d = os.path.join(ctx.out, name)
    os.makedirs(d, exist_ok=True)
    script = os.path.join(ctx.bench_dir, "macro", "sse_client.py")
    p = Proc([ctx.python, script, "--url", url, "--concurrency", conns, "--max-tokens", STREAM_TOKENS,
              "--warmup", warmup_s, "--duration", duration_s], os.path.join(d, "python.log"), cpu=ctx.client_cpu)
    p.wait(warmup_s + duration_s + 60)
    lines = [l for l in p.log_text().splitlines() if l.startswith("{")]
    if p.exit_code != 0 or not lines:
        raise RuntimeError("python client failed:\n" + p.log_text()[-3000:])
    r = json.loads(lines[-1])
    r["whole_cpu_s"] = p.rusage_cpu_s
    return r


def llmload(ctx, name, base_url, stream, conns, warmup_s, duration_s):
    load = {"concurrency": conns, "warmup": f"{warmup_s}s", "duration": f"{duration_s}s", "drain": "10s"}
    text = llmload_run.yaml_scenario(name, base_url, stream, load, max_tokens=STREAM_TOKENS if stream else None)
    return llmload_run.run(ctx, name, text, ctx.client_cpu, warmup_s + duration_s + 90)


def per_core(count, cpu_s):
    return None if not cpu_s else count / cpu_s


def non_streaming(ctx, nginx):
    c, w, dur = ctx.conns, ctx.warmup_s, ctx.duration_s
    body = json.dumps(BODY)
    rows = {}
    r = llmload(ctx, "nonstream-llmload", nginx.base("json"), False, c, w, dur)
    rows["llmload"] = {"requests": r["requests"], "requests_per_s": r["requests_per_s"], "errors": r["failed"],
                       "cpu_s": r["window_cpu_s"], "measured_s": r["measured_s"], "whole_cpu_s": r["whole_cpu_s"]}
    rows["wrk"] = wrk(ctx, "nonstream-wrk", nginx.json_url, c, dur, body)
    rows["hey"] = hey(ctx, "nonstream-hey", nginx.json_url, c, dur, body) if ctx.hey else {"skipped": "hey is not packaged here"}
    for row in rows.values():
        if "requests" in row:
            row["cpu_cores"] = row["cpu_s"] / row["measured_s"] if row["cpu_s"] else None
            row["cpu_us_per_request"] = 1e6 * row["cpu_s"] / row["requests"] if row["requests"] else None
            row["requests_per_core_s"] = per_core(row["requests"], row["cpu_s"])
    return {"connections": c, "duration_s": dur, "server": "nginx, 1 worker", "clients": rows}


def streaming(ctx, nginx):
    c, w, dur = ctx.conns, ctx.warmup_s, ctx.duration_s
    rows = {}
    r = llmload(ctx, "stream-llmload", nginx.base("sse"), True, c, w, dur)
    rows["llmload"] = {"requests": r["requests"], "tokens": r["output_tokens"], "errors": r["failed"], "cpu_s": r["window_cpu_s"],
                       "measured_s": r["measured_s"], "whole_cpu_s": r["whole_cpu_s"], "parses": "SSE + JSON scan of every chunk"}
    py = python_client(ctx, "stream-python", nginx.sse_url, c, min(w, 3), dur)
    rows["python-aiohttp"] = {"requests": py["requests"], "tokens": py["tokens"], "errors": py["errors"], "cpu_s": py["cpu_s"],
                              "measured_s": py["measured_s"], "whole_cpu_s": py["whole_cpu_s"],
                              "parses": "line split + json.loads of every chunk", "version": py["aiohttp"]}
    wk = wrk(ctx, "stream-wrk", nginx.sse_url, c, dur, json.dumps(dict(BODY, stream=True)))
    rows["wrk"] = {"requests": wk["requests"], "tokens": wk["requests"] * STREAM_TOKENS, "errors": wk["errors"],
                   "cpu_s": wk["cpu_s"], "measured_s": wk["measured_s"], "parses": "nothing (reads the body: the floor)",
                   "version": wk["version"]}
    for row in rows.values():
        row["tokens_per_s"] = row["tokens"] / row["measured_s"]
        row["cpu_cores"] = row["cpu_s"] / row["measured_s"] if row["cpu_s"] else None
        row["tokens_per_core_s"] = per_core(row["tokens"], row["cpu_s"])
    return {"connections": c, "duration_s": dur, "tokens_per_answer": STREAM_TOKENS, "server": "nginx, 1 worker", "clients": rows}

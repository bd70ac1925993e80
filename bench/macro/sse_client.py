#!/usr/bin/python3
"""A streaming chat-completion load client written the way the popular Python LLM benchmark
scripts are (vLLM's benchmarks/backend_request_func.py, and the many scripts derived from it):
asyncio + aiohttp, one task per concurrent user, iterate the response body line by line, strip
the "data: " prefix, json.loads every chunk, timestamp each token with time.perf_counter(), keep
TTFT and the inter-token gaps in lists. It is the baseline llmload is compared against in
bench/run.sh, so it is deliberately ordinary, not tuned.

Prints one JSON object: requests, tokens and CPU time (time.process_time) over the measured
window (after --warmup), and the latencies it saw."""
import argparse
import asyncio
import json
import statistics
import time

import aiohttp


async def one_request(session, url, payload, stats, measuring):
    st = time.perf_counter()
    most_recent = st
    ttft = 0.0
    itl = []
    generated = ""
    tokens = 0
    async with session.post(url, json=payload, headers={"Accept": "text/event-stream"}) as response:
        if response.status != 200:
            stats["errors"] += 1
            await response.read()
            return
        async for chunk_bytes in response.content:
            chunk_bytes = chunk_bytes.strip()
            if not chunk_bytes:
                continue
            chunk = chunk_bytes.decode("utf-8").removeprefix("data: ")
            if chunk == "[DONE]":
                continue
            timestamp = time.perf_counter()
            data = json.loads(chunk)
            choices = data.get("choices")
            if choices:
                content = choices[0]["delta"].get("content")
                if content:
                    if ttft == 0.0:
                        ttft = timestamp - st
                    else:
                        itl.append(timestamp - most_recent)
                    generated += content
                    tokens += 1
                    most_recent = timestamp
            elif data.get("usage"):
                stats["usage_tokens"] += data["usage"].get("completion_tokens", 0) if measuring() else 0
    if measuring():
        stats["requests"] += 1
        stats["tokens"] += tokens
        stats["ttft"].append(ttft)
        stats["itl"].extend(itl)


async def user(session, url, payload, stats, measuring, deadline):
    while time.perf_counter() < deadline:
        try:
            await one_request(session, url, payload, stats, measuring)
        except (aiohttp.ClientError, asyncio.TimeoutError):
            stats["errors"] += 1


async def main(args):
    # --prompt-bytes: a long prompt (one string of about that many bytes), for the long-context case
    content = "Hello" if args.prompt_bytes <= 0 else ("lorem ipsum dolor sit amet " * (args.prompt_bytes // 27 + 1))[:args.prompt_bytes]
    if args.prompt_file:
        with open(args.prompt_file, encoding="utf-8") as f:
            content = f.read()
    payload = {"model": args.model, "messages": [{"role": "user", "content": content}], "stream": True,
               "stream_options": {"include_usage": True}, "max_tokens": args.max_tokens}
    stats = {"requests": 0, "tokens": 0, "usage_tokens": 0, "errors": 0, "ttft": [], "itl": []}
    start = time.perf_counter()
    measure_from = start + args.warmup
    deadline = measure_from + args.duration
    marks = {}

    def measuring():
        return time.perf_counter() >= measure_from

    async def mark_window():
        await asyncio.sleep(max(0.0, measure_from - time.perf_counter()))
        marks["cpu0"], marks["t0"] = time.process_time(), time.perf_counter()
        await asyncio.sleep(max(0.0, deadline - time.perf_counter()))
        marks["cpu1"], marks["t1"] = time.process_time(), time.perf_counter()

    connector = aiohttp.TCPConnector(limit=args.concurrency)
    timeout = aiohttp.ClientTimeout(total=6 * 60 * 60)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        window = asyncio.create_task(mark_window())
        await asyncio.gather(*(user(session, args.url, payload, stats, measuring, deadline) for _ in range(args.concurrency)))
        await window
    wall = marks["t1"] - marks["t0"]
    cpu = marks["cpu1"] - marks["cpu0"]
    q = lambda xs, p: statistics.quantiles(xs, n=1000)[int(p * 10) - 1] * 1000 if len(xs) > 1 else None
    print(json.dumps({
        "client": "python-aiohttp", "aiohttp": aiohttp.__version__, "concurrency": args.concurrency,
        "measured_s": wall, "cpu_s": cpu, "requests": stats["requests"], "tokens": stats["tokens"],
        "usage_tokens": stats["usage_tokens"], "errors": stats["errors"],
        "requests_per_s": stats["requests"] / wall, "tokens_per_s": stats["tokens"] / wall,
        "ttft_p50_ms": q(stats["ttft"], 50), "ttft_p99_ms": q(stats["ttft"], 99),
        "itl_p50_ms": q(stats["itl"], 50), "itl_p99_ms": q(stats["itl"], 99)}))


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--url", required=True, help="full chat/completions URL (loopback only)")
    p.add_argument("--model", default="bench")
    p.add_argument("--concurrency", type=int, default=64)
    p.add_argument("--max-tokens", type=int, default=64)
    p.add_argument("--warmup", type=float, default=2.0)
    p.add_argument("--duration", type=float, default=15.0)
    p.add_argument("--prompt-bytes", type=int, default=0, help="send a prompt of about this many bytes instead of 'Hello'")
    p.add_argument("--prompt-file", default="", help="send this file's text as the prompt")
    a = p.parse_args()
    if not (a.url.startswith("http://127.") or a.url.startswith("http://[::1]") or a.url.startswith("http://localhost")):
        raise SystemExit("loopback targets only")
    asyncio.run(main(a))

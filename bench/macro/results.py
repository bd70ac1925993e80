"""Targets (as ratios from the same run) and the Markdown tables of a benchmark run."""


def _get(d, *path):
    for p in path:
        if not isinstance(d, dict) or p not in d or d[p] is None:
            return None
        d = d[p]
    return d


def _target(name, value, op, goal, unit=""):
    met = None if value is None else (value >= goal if op == ">=" else value <= goal)
    return {"target": name, "value": value, "goal": f"{op} {goal}{unit}", "met": met}


def targets(doc):
    s = doc["suites"]
    out = []
    ns = _get(s, "nonstream", "clients")
    if ns:
        ll = _get(ns, "llmload", "requests_per_core_s")
        wrk = _get(ns, "wrk", "requests_per_core_s")
        hey = _get(ns, "hey", "requests_per_core_s")
        out.append(_target("non-streaming requests/s per client core vs wrk", ll / wrk if ll and wrk else None, ">=", 0.7, "x"))
        out.append(_target("non-streaming requests/s per client core vs hey", ll / hey if ll and hey else None, ">=", 1.5, "x"))
    st = _get(s, "stream", "clients")
    if st:
        ll = _get(st, "llmload", "tokens_per_core_s")
        py = _get(st, "python-aiohttp", "tokens_per_core_s")
        out.append(_target("streaming tokens/s per client core vs Python aiohttp", ll / py if ll and py else None, ">=", 10, "x"))
    jmh = _get(s, "jmh", "rows")
    if jmh:
        path = [r for r in jmh if r["benchmark"].endswith("SseChunkBench.readPath")]
        if path:
            out.append(_target("SSE parse + extract events/s per core (JMH, worst read size)", min(r["ops_per_s"] for r in path),
                               ">=", 1_000_000))
            allocs = [r["bytes_per_op"] for r in path if r["bytes_per_op"] is not None]
            out.append(_target("bytes allocated per event (JMH -prof gc, worst read size)", max(allocs) if allocs else None,
                               "<=", 100, " B"))
    sc = s.get("scale")
    if sc and "failed" not in sc:
        out.append(_target(f"client heap per in-flight stream at {sc['streams']:,} streams",
                           sc.get("heap_per_stream_kib"), "<=", 20, " KiB"))
    acc = s.get("accuracy")
    if acc and "failed" not in acc:
        for case, c in acc.items():
            if not isinstance(c, dict) or "levels" not in c:
                continue
            level = max(c["levels"], key=int)
            row = c["levels"][level]
            for m in ("ttft", "itl"):
                out.append(_target(f"{m.upper()} p50 error, {case}, {int(level):,} streams", abs(row[f"{m}_p50_error_ms"]), "<=", 1, " ms"))
                out.append(_target(f"{m.upper()} p99 error, {case}, {int(level):,} streams", abs(row[f"{m}_p99_error_ms"]), "<=", 2, " ms"))
    op = s.get("open")
    if op and "failed" not in op:
        out.append(_target(f"open model at {op['rate']:,} req/s: achieved rate shortfall", op.get("shortfall_pct"), "<=", 1, " %"))
        out.append(_target(f"open model at {op['rate']:,} req/s: schedule lag p99", _get(op, "schedule_lag_ms", "p99"), "<=", 1, " ms"))
    return out


def _n(v, digits=0):
    if v is None:
        return "—"
    if isinstance(v, str):
        return v
    return f"{v:,.{digits}f}"


def markdown(doc):
    s = doc["suites"]
    m, v = doc["machine"], doc["versions"]
    lines = [f"# llmload benchmark — {doc['started_at']}{' (quick smoke run: not for comparison)' if doc.get('quick') else ''}", "",
             f"Machine: {m['cpus']} CPUs ({m['cpu_model']}), {m['memory_gib']} GiB; {v.get('java')}; kernel {v.get('kernel')}. "
             f"Clients pinned to CPU {doc['pinning']['client_cpu']}, servers (nginx, mock) to CPU {doc['pinning']['server_cpu']} "
             "with taskset; loopback only.", ""]
    lines += ["| suite | CPU used by other processes meanwhile | load average before → after | elapsed |", "|---|---|---|---|"]
    for name, r in s.items():
        other = r.get("other_processes_cores")
        lines.append(f"| {name} | {'—' if other is None else f'{other:.2f} cores'} | {r.get('load_average_before')} → "
                     f"{r.get('load_average_after')} | {r.get('elapsed_s')} s |"
                     + (f" **failed: {r['failed']}**" if "failed" in r else ""))
    lines.append("")
    if doc.get("targets"):
        lines += ["## Targets", "", "| target | value | goal | met |", "|---|---|---|---|"]
        for t in doc["targets"]:
            met = "—" if t["met"] is None else ("yes" if t["met"] else "**no**")
            val = t["value"]
            lines.append(f"| {t['target']} | {_n(val, 2 if val is not None and abs(val) < 100 else 0)} | {t['goal']} | {met} |")
        lines.append("")
    ns = _get(s, "nonstream", "clients")
    if ns:
        lines += [f"## Non-streaming against nginx (~600-byte chat.completion), {s['nonstream']['connections']} connections, "
                  f"{s['nonstream']['duration_s']} s", "",
                  "| client | requests/s | client CPU (cores) | CPU µs/request | requests/s per client core | errors |", "|---|---|---|---|---|---|"]
        for name, r in ns.items():
            if "skipped" in r:
                lines.append(f"| {name} | skipped: {r['skipped']} | | | | |")
                continue
            lines.append(f"| {name} | {_n(r['requests'] / r['measured_s'])} | {_n(r.get('cpu_cores'), 2)} | "
                         f"{_n(r.get('cpu_us_per_request'), 1)} | {_n(r.get('requests_per_core_s'))} | {r['errors']} |")
        lines.append("")
    st = _get(s, "stream", "clients")
    if st:
        lines += [f"## Streaming against nginx (pre-rendered 64-token SSE answer), {s['stream']['connections']} connections, "
                  f"{s['stream']['duration_s']} s", "",
                  "| client | what it does per chunk | tokens/s | client CPU (cores) | tokens/s per client core | errors |",
                  "|---|---|---|---|---|---|"]
        for name, r in st.items():
            lines.append(f"| {name} | {r['parses']} | {_n(r['tokens_per_s'])} | {_n(r.get('cpu_cores'), 2)} | "
                         f"{_n(r.get('tokens_per_core_s'))} | {r['errors']} |")
        lines.append("")
    sc = s.get("scale")
    if sc and "failed" not in sc:
        lo, hi = _get(sc, "probes", "low") or {}, _get(sc, "probes", "high") or {}
        lines += [f"## Concurrency scale: {sc['streams']:,} streams against the mock (TTFT {sc['mock']['ttft_ms']} ms, "
                  f"ITL {sc['mock']['itl_ms']} ms, {sc['mock']['tokens']} tokens)", "",
                  "| streams | client live heap | client RSS | mock /metrics answer | mock RSS |", "|---|---|---|---|---|"]
        for n, p in ((sc["baseline_streams"], lo), (sc["streams"], hi)):
            lines.append(f"| {n:,} | {_n((p.get('heap_kib') or 0) / 1024, 1)} MiB | {_n((p.get('rss_kib') or 0) / 1024, 1)} MiB | "
                         f"{_n(p.get('mock_metrics_ms'), 1)} ms | {_n((p.get('mock_rss_kib') or 0) / 1024, 1)} MiB |")
        lines += ["", f"Per in-flight stream: **{_n(sc.get('heap_per_stream_kib'), 1)} KiB heap**, "
                  f"{_n(sc.get('rss_per_stream_kib'), 1)} KiB RSS. Requests {sc['requests']:,}, errors {sc['errors']}, "
                  f"max in flight seen {_n(sc.get('max_in_flight_seen'))}. TTFT p50/p99 {_n(sc['ttft_ms']['p50'], 1)}/"
                  f"{_n(sc['ttft_ms']['p99'], 1)} ms, ITL p50/p99 {_n(sc['itl_ms']['p50'], 1)}/{_n(sc['itl_ms']['p99'], 1)} ms over the "
                  "whole run (ramps and the heap probes' forced full GCs included).", ""]
        if sc.get("plateau_s"):
            t, i = sc["plateau_ttft_p99_ms"], sc["plateau_itl_p99_ms"]
            lines += [f"With all {sc['streams']:,} streams open ({sc['plateau_s']} s): per-second TTFT p99 median {_n(t['median'], 1)} ms "
                      f"(worst second {_n(t['max'], 1)}), ITL p99 median {_n(i['median'], 1)} ms (worst second {_n(i['max'], 1)}).", ""]
        ml = sc.get("mock_lateness_on_plateau")
        if ml:
            lo50, hi50 = ml["p50_ms_between"]
            lo99, hi99 = ml["p99_ms_between"]
            lines += [f"The mock's own token writes on that plateau ({ml['writes']:,}): p50 {lo50}-{hi50} ms late, "
                      f"p99 {lo99}-{hi99 if hi99 is not None else 'inf'} ms late, {_n(100 * ml.get('over_5ms_share', 0), 2)} % more than 5 ms "
                      "late: the server's share of the client's tail.", ""]
    acc = s.get("accuracy")
    if acc and "failed" not in acc:
        lines += ["## Accuracy: reported minus injected (ms)", "",
                  "| mock | streams | requests | TTFT p50 | TTFT p99 | ITL p50 | ITL p99 |", "|---|---|---|---|---|---|---|"]
        for case, c in acc.items():
            if not isinstance(c, dict) or "levels" not in c:
                continue
            for level, r in c["levels"].items():
                cell = lambda m, p: f"{_n(r[f'{m}_{p}_ms'], 2)} − {_n(r[f'{m}_{p}_truth_ms'], 2)} = **{r[f'{m}_{p}_error_ms']:+.2f}**"
                lines.append(f"| {case}: TTFT {c['ttft']}, ITL {c['itl']} | {int(level):,} | {r['requests']:,} | {cell('ttft', 'p50')} | "
                             f"{cell('ttft', 'p99')} | {cell('itl', 'p50')} | {cell('itl', 'p99')} |")
        lines.append("")
    op = s.get("open")
    if op and "failed" not in op:
        lag = op["schedule_lag_ms"]
        lines += [f"## Open model: Poisson {op['rate']:,} req/s against the mock (0 ms TTFT), {_n(op['duration_s'], 0)} s", "",
                  "| target rate | achieved | shortfall | schedule lag p50 / p99 / p99.9 / max | errors | client CPU | saturated |",
                  "|---|---|---|---|---|---|---|",
                  f"| {_n(op['target_rate'], 1)} | {_n(op['achieved_rate'], 1)} | {_n(op['shortfall_pct'], 2)} % | "
                  f"{_n(lag['p50'], 3)} / {_n(lag['p99'], 3)} / {_n(lag['p999'], 3)} / {_n(lag['max'], 3)} ms | {op['errors']} | "
                  f"{_n(op.get('client_cpu_cores'), 2)} cores | {op['client_saturated']} {op.get('saturation') or ''} |", ""]
    jmh = _get(s, "jmh", "rows")
    if jmh:
        lines += ["## JMH (one thread = one core)", "", "| benchmark | params | ops/s | bytes allocated per op |", "|---|---|---|---|"]
        for r in jmh:
            lines.append(f"| {r['benchmark']} | {', '.join(f'{k}={v}' for k, v in r['params'].items())} | {_n(r['ops_per_s'])} | "
                         f"{_n(r['bytes_per_op'], 2)} |")
        lines.append("")
    return "\n".join(lines)

#!/usr/bin/env bash
# Soak benchmark: a long run at 500 req/s against the standalone mock on loopback, with the
# client's heap capped (-Xmx256m), recording heap use over time. It shows whether anything in
# the client grows with run length: the heap after each GC must stay flat and no request may fail.
#
# Usage: bench/soak.sh                      # one hour (the documented run)
#        DURATION=3m bench/soak.sh          # a short run to check the script and the machine
# Settings (environment): DURATION (1h), RATE (500 req/s, Poisson arrivals), MAX_IN_FLIGHT (256),
#   TTFT (50ms), ITL (5ms), TOKENS (16),
#   HEAP (256m), SAMPLE_S (10), OUT (bench/results/soak-<time>), FAULTS (mock fault flags, none by
#   default; e.g. FAULTS="--fault reset=0.01 --fault huge_chunk=0.001" soaks against a hostile server).
# Open model: requests arrive at RATE whatever the latency; ~RATE x 125 ms ~= 63 are in flight.
# Traffic goes to 127.0.0.1 only; both processes stop by themselves at the end (or on Ctrl-C).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-1h}
RATE=${RATE:-500}
MAX_IN_FLIGHT=${MAX_IN_FLIGHT:-256}
TTFT=${TTFT:-50ms}
ITL=${ITL:-5ms}
TOKENS=${TOKENS:-16}
HEAP=${HEAP:-256m}
SAMPLE_S=${SAMPLE_S:-10}
OUT=${OUT:-bench/results/soak-$(date -u +%Y%m%d-%H%M%S)}
FAULTS=${FAULTS:-}
JAR=target/llmload.jar

if [[ ! -f $JAR ]]; then
  mvn -B -q -DskipTests -pl core -am package
fi
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
# Run from a copy: a rebuild of target/llmload.jar during the hour must not pull classes from under the JVMs.
cp "$JAR" "$OUT/llmload.jar"
JAR=$OUT/llmload.jar

MOCK_PID=""
RUN_PID=""
# SIGTERM, not SIGINT: a shell ignores SIGINT in its background jobs, and a JVM keeps it ignored.
stop() {
  local pid=$1
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 150); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
  stop "$RUN_PID"
  stop "$MOCK_PID"
}
trap cleanup EXIT

# The mock gets its own JVM (and its own heap) so the client's heap is the client's alone.
# shellcheck disable=SC2086 # FAULTS is a list of flags
java -Xmx"$HEAP" -jar "$JAR" mock --port 0 --ttft "$TTFT" --itl "$ITL" --output-tokens "$TOKENS" $FAULTS >"$OUT/mock.log" 2>&1 &
MOCK_PID=$!
for _ in $(seq 1 100); do
  grep -q "listening on" "$OUT/mock.log" 2>/dev/null && break
  sleep 0.1
done
BASE_URL=$(grep -o 'http://127.0.0.1:[0-9]*/v1' "$OUT/mock.log" | head -1)
[[ -n $BASE_URL ]] || { echo "the mock did not start:"; cat "$OUT/mock.log"; exit 1; }

cat >"$OUT/soak.yaml" <<EOF
name: soak
description: soak benchmark, ${DURATION} at ${RATE} req/s against the standalone mock, client -Xmx${HEAP}
target: {url: "$BASE_URL", model: soak}
request: {stream: true, max_tokens: $TOKENS}
load: {rate: $RATE, arrival: poisson, max_in_flight: $MAX_IN_FLIGHT, warmup: 10s, duration: $DURATION, drain: 30s}
report: {formats: [json, html]}
EOF

java -Xmx"$HEAP" -Xlog:gc:file="$OUT/gc.log":uptime -jar "$JAR" run "$OUT/soak.yaml" --quiet --out "$OUT/report" \
  >"$OUT/run.log" 2>&1 &
RUN_PID=$!
echo "soak: $DURATION, $RATE req/s, mock $BASE_URL (pid $MOCK_PID), client pid $RUN_PID, output $OUT"

# The run's length in seconds (DURATION is NNs, NNm or NNh), for the two forced full GCs below.
case $DURATION in
  *h) RUN_S=$(( ${DURATION%h} * 3600 )) ;;
  *m) RUN_S=$(( ${DURATION%m} * 60 )) ;;
  *s) RUN_S=${DURATION%s} ;;
  *) RUN_S=$DURATION ;;
esac
# A full GC (jcmd GC.run) a minute after the warmup and a minute before the end: the heap after
# each is the live set, so their difference is what the run kept, without the garbage that young
# collections promote and G1 leaves in the old generation until it needs the space.
LIVE_FIRST=$(( 10 + 60 ))
LIVE_LAST=$(( 10 + RUN_S - 60 ))
FORCED=0

# Heap and RSS of the client every SAMPLE_S seconds (jstat sizes are KiB).
echo "t_s,heap_used_kib,old_used_kib,young_gcs,full_gcs,rss_kib,cpu_percent" >"$OUT/heap.csv"
START=$(date +%s)
while kill -0 "$RUN_PID" 2>/dev/null; do
  ELAPSED=$(( $(date +%s) - START ))
  if (( LIVE_LAST > LIVE_FIRST )) && { (( FORCED == 0 && ELAPSED >= LIVE_FIRST )) || (( FORCED == 1 && ELAPSED >= LIVE_LAST )); }; then
    jcmd "$RUN_PID" GC.run >/dev/null 2>&1 || true
    FORCED=$(( FORCED + 1 ))
  fi
  if line=$(jstat -gc "$RUN_PID" 2>/dev/null | tail -1); then
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$RUN_PID/status" 2>/dev/null || echo 0)
    cpu=$(ps -o %cpu= -p "$RUN_PID" 2>/dev/null | tr -d ' ' || echo 0)
    # jstat -gc columns: S0C S1C S0U S1U EC EU OC OU MC MU CCSC CCSU YGC YGCT FGC FGCT ...
    echo "$line" | awk -v t=$(($(date +%s) - START)) -v rss="$rss" -v cpu="$cpu" \
      '{printf "%d,%.0f,%.0f,%d,%d,%s,%s\n", t, $3 + $4 + $6 + $8, $8, $13, $15, rss, cpu}' >>"$OUT/heap.csv" || true
  fi
  sleep "$SAMPLE_S"
done
set +e
wait "$RUN_PID"
CODE=$?
set -e
RUN_PID=""
echo "client exit code: $CODE" | tee -a "$OUT/run.log"

python3 - "$OUT" "$CODE" <<'PY' | tee "$OUT/summary.txt"
import csv, json, re, statistics, sys
out, code = sys.argv[1], sys.argv[2]
r = json.load(open(f"{out}/report/report.json"))
s = r["summary"]; q = s["requests"]; lat = s["latency_ms"]
print(f"exit code {code}; measured {r['run']['measured_s']:.0f} s; stop: {r['run']['stop_reason']}")
print(f"requests {q['total']} total, {q['succeeded']} ok, {q['failed']} failed {q['errors']}, {q['incomplete']} cut off, "
      f"{q.get('dropped', 0)} dropped")
print(f"throughput {s['throughput']['requests_per_s']:.1f} req/s, {s['throughput']['output_tokens_per_s']:.0f} output tok/s")
for m in ("ttft", "itl", "e2e", "schedule_lag"):
    print(f"{m:13s} p50 {lat[m]['p50']:8.2f} ms  p99 {lat[m]['p99']:8.2f} ms  max {lat[m]['max']:8.2f} ms")
# Heap after each allocation-driven GC from the unified GC log:
# "[20.4s] GC(2) Pause Young (Normal) (G1 Evacuation Pause) 155M->9M(256M) 44.1ms"; the report writing at the end is left out.
after = []
for line in open(f"{out}/gc.log"):
    m = re.search(r"\[([\d.]+)s\].*Pause Young \(Normal\).* (\d+)M->(\d+)M\((\d+)M\)", line)
    if m and float(m.group(1)) <= r["run"]["duration_s"]:
        after.append((float(m.group(1)), int(m.group(3))))
# Skip the start (JIT, warmup, pools filling): from 60 s on, or from a fifth of a short run.
skip = min(60.0, r["run"]["duration_s"] / 5)
steady = [(t, a) for t, a in after if t >= skip]
if len(steady) >= 2:
    tenth = max(1, len(steady) // 10)
    first = statistics.median(a for _, a in steady[:tenth])
    last = statistics.median(a for _, a in steady[-tenth:])
    n = len(steady); mt = sum(t for t, _ in steady) / n; ma = sum(a for _, a in steady) / n
    var = sum((t - mt) ** 2 for t, _ in steady)
    slope = sum((t - mt) * (a - ma) for t, a in steady) / var * 3600 if var else 0.0
    print(f"GCs {len(after)} ({n} after {skip:.0f} s); heap after GC: median {first} MiB in the first tenth, "
          f"{last} MiB in the last tenth, max {max(a for _, a in steady)} MiB; trend {slope:+.1f} MiB/hour")
# The live set: the heap after each forced full GC ("Pause Full (Diagnostic Command) 69M->30M(107M)").
live = []
for line in open(f"{out}/gc.log"):
    m = re.search(r"\[([\d.]+)s\].*Pause Full \((?:Diagnostic Command|System.gc\(\))\) (\d+)M->(\d+)M", line)
    if m:
        live.append((float(m.group(1)), int(m.group(3))))
if len(live) >= 2:
    (t0, a0), (t1, a1) = live[0], live[-1]
    print(f"live set (heap after a forced full GC): {a0} MiB at {t0:.0f} s, {a1} MiB at {t1:.0f} s; "
          f"{(a1 - a0) / max(1e-9, (t1 - t0) / 3600):+.1f} MiB/hour")
rows = list(csv.DictReader(open(f"{out}/heap.csv")))
steady_rows = [x for x in rows if float(x["t_s"]) >= skip]
if steady_rows:
    print(f"old generation (jstat OU, what survives young GCs): {steady_rows[0]['old_used_kib']} KiB at {steady_rows[0]['t_s']} s, "
          f"{steady_rows[-1]['old_used_kib']} KiB at {steady_rows[-1]['t_s']} s")
# Every request on record: requests.jsonl streamed through a bounded buffer the whole hour.
import os
rec = f"{out}/report/requests.jsonl"
if os.path.exists(rec):
    n = warm = 0
    with open(rec, "rb") as f:
        for line in f:
            n += 1
            warm += b'"warmup":true' in line
    missing = [l.strip() for l in open(f"{out}/run.log") if "request record(s)" in l]
    print(f"requests.jsonl: {n} records ({warm} warmup, {n - warm} measured against {q['total']} in the summary), "
          f"{os.path.getsize(rec) / 2**20:.0f} MiB; {'; '.join(missing) if missing else 'none dropped or lost'}")
if rows:
    print(f"RSS {int(rows[0]['rss_kib']) // 1024} MiB at start, {int(rows[-1]['rss_kib']) // 1024} MiB at end; "
          f"heap samples {len(rows)} (heap.csv)")
PY

#!/usr/bin/env bash
# Cluster scaling benchmark: 1, 2 and 3 llmload agents (separate JVMs) on this machine, driven by
# a coordinator (llmload run --agents N), against the standalone mock on loopback. For each N it
# reports the merged output tokens/s, the agents' CPU time, the tokens parsed per agent CPU-second
# (scaling efficiency = that figure against one agent's), and the coordinator's CPU time per
# agent-second (what merging the per-second intervals costs). CPU comes from /proc/<pid>/stat,
# sampled when the run starts and when it stops issuing, so JVM start and cluster join are left out.
#
# Usage: bench/cluster.sh                      # 1, 2 and 3 agents, 20 s each
# Settings (environment): AGENTS ("1 2 3"), DURATION (20s), CONCURRENCY per agent (32), TTFT (10ms),
#   ITL (1ms), TOKENS (256), OUT (bench/results/cluster-<time>).
# Every process binds to 127.0.0.1; everything stops by itself (or on Ctrl-C).
set -euo pipefail
cd "$(dirname "$0")/.."

AGENTS=${AGENTS:-"1 2 3"}
DURATION=${DURATION:-20s}
CONCURRENCY=${CONCURRENCY:-32}
TTFT=${TTFT:-10ms}
ITL=${ITL:-1ms}
TOKENS=${TOKENS:-256}
OUT=${OUT:-bench/results/cluster-$(date -u +%Y%m%d-%H%M%S)}
JAR=target/llmload.jar
export LLMLOAD_CLUSTER_SECRET=${LLMLOAD_CLUSTER_SECRET:-bench-$RANDOM-$RANDOM}
CLUSTER=bench-$RANDOM
HZ=$(getconf CLK_TCK)

if [[ ! -f $JAR ]]; then
  mvn -B -q -DskipTests -pl core -am package
fi
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

PIDS=()
stop() {
  local pid=$1
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 150); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
  for pid in "${PIDS[@]}"; do stop "$pid"; done
}
trap cleanup EXIT

wait_for() { # file text seconds
  for _ in $(seq 1 $(($3 * 10))); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "timed out waiting for '$2' in $1" >&2
  exit 1
}
cpu_ticks() { # pid -> utime+stime in clock ticks
  awk '{print $14 + $15}' "/proc/$1/stat"
}
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

java -jar "$JAR" mock --port 0 --ttft "$TTFT" --itl "$ITL" --output-tokens "$TOKENS" >"$OUT/mock.log" 2>&1 &
MOCK_PID=$!
PIDS+=("$MOCK_PID")
wait_for "$OUT/mock.log" "listening on" 30
BASE_URL=$(grep -o 'http://127.0.0.1:[0-9]*/v1' "$OUT/mock.log" | head -1)

cat >"$OUT/scenario.yaml" <<YAML
name: cluster-bench
target: {url: "$BASE_URL", model: bench}
request: {max_tokens: $TOKENS}
load: {warmup: 3s, duration: $DURATION}
report: {formats: [json]}
YAML

printf '%-7s %9s %14s %16s %20s %11s %22s %14s\n' agents users "output tok/s" "agent cpu s/s" "tok per agent cpu-s" efficiency "coordinator cpu ms/agent-s" "mock cpu s/s" | tee "$OUT/results.txt"
BASELINE=""
for n in $AGENTS; do
  ports=()
  for _ in $(seq 1 "$n"); do ports+=("$(free_port)"); done
  join=$(printf '127.0.0.1:%s,' "${ports[@]}"); join=${join%,}
  agent_pids=()
  for i in $(seq 0 $((n - 1))); do
    java -jar "$JAR" agent --name "a$((i + 1))" --cluster-port "${ports[$i]}" --join "$join" --cluster-name "$CLUSTER-$n" \
      >"$OUT/agents$n-a$((i + 1)).log" 2>&1 &
    agent_pids+=($!)
    PIDS+=($!)
  done
  for i in $(seq 1 "$n"); do wait_for "$OUT/agents$n-a$i.log" "waiting for work" 60; done
  java -jar "$JAR" run "$OUT/scenario.yaml" --agents "$n" --concurrency $((n * CONCURRENCY)) --join "$join" \
    --cluster-port "$(free_port)" --cluster-name "$CLUSTER-$n" --out "$OUT/run$n" >"$OUT/run$n.out" 2>"$OUT/run$n.err" &
  coord=$!
  PIDS+=("$coord")
  wait_for "$OUT/run$n.err" "running against" 120
  sleep 3 # the warmup: JIT and connections
  t0=$(date +%s.%N); c0=$(cpu_ticks "$coord"); m0=$(cpu_ticks "$MOCK_PID"); a0=0
  for p in "${agent_pids[@]}"; do a0=$((a0 + $(cpu_ticks "$p"))); done
  wait_for "$OUT/run$n.err" "stopped issuing" 600
  t1=$(date +%s.%N); c1=$(cpu_ticks "$coord"); m1=$(cpu_ticks "$MOCK_PID"); a1=0
  for p in "${agent_pids[@]}"; do a1=$((a1 + $(cpu_ticks "$p"))); done
  wait "$coord"
  tps=$(python3 -c "import json; print(json.load(open('$OUT/run$n/report.json'))['summary']['throughput']['output_tokens_per_s'])")
  read -r agent_cpu per_cpu coord_ms mock_cpu < <(python3 -c "
w = $t1 - $t0
agent = ($a1 - $a0) / $HZ
print(f'{agent / w:.2f} {$tps * w / agent:.0f} {($c1 - $c0) / $HZ * 1000 / ($n * w):.2f} {($m1 - $m0) / $HZ / w:.2f}')")
  BASELINE=${BASELINE:-$per_cpu}
  eff=$(python3 -c "print(f'{100 * $per_cpu / $BASELINE:.0f}%')")
  printf '%-7s %9s %14s %16s %20s %11s %22s %14s\n' "$n" $((n * CONCURRENCY)) "$tps" "$agent_cpu" "$per_cpu" "$eff" "$coord_ms" "$mock_cpu" \
    | tee -a "$OUT/results.txt"
  for p in "${agent_pids[@]}"; do stop "$p"; done
done
echo "results: $OUT/results.txt"

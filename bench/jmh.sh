#!/usr/bin/env bash
# JMH micro-benchmarks of the client's hot path (src/jmh/java): SSE parse + delta extraction on
# realistic OpenAI chunks, the JSON scan alone, and the recording path. Never part of `mvn verify`.
#   bench/jmh.sh                     # all benchmarks, with the GC profiler (bytes allocated per op)
#   bench/jmh.sh SseChunkBench -f 1  # any JMH arguments: a name filter, -wi/-i/-r, -prof ...
# Results: bench/results/jmh-<time>.json (JMH's JSON) and the console table.
# One fork, pinned to one core when taskset is there, so "per second" means per core.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-bench/results/jmh-$(date -u +%Y%m%d-%H%M%S).json}
mkdir -p "$(dirname "$OUT")"
mvn -B -q -Pjmh -pl core -am test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/target/jmh-classpath.txt" -Dmdep.includeScope=test
PIN=()
if command -v taskset >/dev/null 2>&1 && [[ ${JMH_CPU:-0} != none ]]; then
  PIN=(taskset -c "${JMH_CPU:-0}")
fi
ARGS=("$@")
if [[ ${#ARGS[@]} -eq 0 ]]; then
  ARGS=(-prof gc)
fi
"${PIN[@]}" java -cp "target/test-classes:target/classes:$(cat target/jmh-classpath.txt)" org.openjdk.jmh.Main \
  -rf json -rff "$OUT" "${ARGS[@]}"
echo "JMH results: $OUT"

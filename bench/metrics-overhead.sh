#!/usr/bin/env bash
# What the live Prometheus endpoint costs the client (issue: under 3% of client throughput).
# Starts a standalone mock with no think time (so the client works flat out) and runs
# io.llmload.engine.MetricsOverheadBench, which alternates runs without and with the endpoint in one
# warmed-up JVM and compares the client's CPU time per request. Loopback only; stops by itself.
#   bench/metrics-overhead.sh [rounds=6] [seconds=6] [users=64] [vertx-meters=false] [scrape-ms=1000, 0: never]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-6}
SECONDS_PER_RUN=${2:-6}
USERS=${3:-64}
VERTX_METERS=${4:-false}
SCRAPE_MS=${5:-1000}
MOCK_PORT=${MOCK_PORT:-18765}
mvn -B -q -DskipTests -pl core -am package test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/target/bench-classpath.txt"
java -jar target/llmload.jar mock --port "$MOCK_PORT" --ttft 0ms --itl 0ms --output-tokens 64 --duration 30m > target/bench-mock.log 2>&1 &
MOCK=$!
trap 'kill $MOCK 2>/dev/null || true' EXIT
sleep 3
java -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" io.llmload.engine.MetricsOverheadBench \
    "http://127.0.0.1:$MOCK_PORT/v1" "$ROUNDS" "$SECONDS_PER_RUN" "$USERS" "$VERTX_METERS" "$SCRAPE_MS"

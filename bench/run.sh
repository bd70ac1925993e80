#!/usr/bin/env bash
# The side-by-side benchmark of issue 9: llmload against wrk, hey and a Python aiohttp client on
# a fast static target (nginx), plus concurrency scale, accuracy and open-model fidelity against
# the built-in mock, and the JMH micro-benchmarks. Loopback only; every run is bounded in time
# (about 15 minutes in all; --quick: about 3). Clients are pinned to CPU 0 and servers to CPU 1.
#
#   bench/run.sh                       # everything, the documented durations
#   bench/run.sh --quick               # seconds per run: checks the harness, not the numbers
#   bench/run.sh --only nonstream,stream --wait-quiet 900 --max-load 1.0
#
# Writes bench/results/run-<time>/results.json and results.md (and every run's logs and reports),
# and prints the tables. Needs root or sudo to install what is missing from Debian:
# nginx-light, wrk, hey, python3-aiohttp (and the JDK's jcmd/jstat, procps).
set -euo pipefail
cd "$(dirname "$0")/.."

sudo=""
[[ $(id -u) == 0 ]] || sudo="sudo"
candidate() { apt-cache policy "$1" 2>/dev/null | grep -q 'Candidate: [0-9]'; }
have_nginx() { command -v nginx >/dev/null 2>&1 || [[ -x /usr/sbin/nginx ]]; }
if ! have_nginx || ! command -v wrk >/dev/null 2>&1 || ! command -v hey >/dev/null 2>&1 \
    || ! /usr/bin/python3 -c 'import aiohttp' >/dev/null 2>&1; then
  echo "updating the Debian package lists"
  $sudo apt-get update -q >/dev/null
  need=()
  if ! have_nginx; then
    if candidate nginx-light; then need+=(nginx-light); else need+=(nginx); fi  # nginx-light left Debian after bookworm
  fi
  command -v wrk >/dev/null 2>&1 || need+=(wrk)
  /usr/bin/python3 -c 'import aiohttp' >/dev/null 2>&1 || need+=(python3-aiohttp)
  if ! command -v hey >/dev/null 2>&1 && candidate hey; then need+=(hey); fi
  if [[ ${#need[@]} -gt 0 ]]; then
    echo "installing from Debian: ${need[*]}"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
  fi
fi
command -v hey >/dev/null 2>&1 || echo "hey is not packaged for this system: its column is left out"
[[ $(nproc) -ge 2 ]] || { echo "needs at least 2 CPUs (one for the clients, one for the servers)"; exit 2; }

echo "building target/llmload.jar and the test classes (payload fixtures)"
mvn -B -q -DskipTests -pl core -am package
exec /usr/bin/python3 bench/macro/harness.py "$@"

#!/usr/bin/env bash
# Load benchmark on this machine only: starts `memqa serve` on a free 127.0.0.1 port (or uses the
# URL given), runs CLIENTS clients sending SQuAD dev questions for SECONDS seconds, prints
# answers/s, latency p50/p95/p99 and errors, then stops the server with SIGTERM.
#
#   bench/load/run.sh [CLIENTS=8] [SECONDS=30] [URL]
#   MEMQA_BENCH_ENDPOINT=search bench/load/run.sh 8 30     # retrieval only: the HTTP layer's share
#   MEMQA_SERVE_ARGS="--model models/other --max-concurrent 2" bench/load/run.sh 8 60
set -euo pipefail
cd "$(dirname "$0")/../.."
CLIENTS="${1:-8}"
DURATION="${2:-30}"
URL="${3:-}"
QUESTIONS=data/squad/dev-v1.1.json
[ -f "$QUESTIONS" ] || { echo "need $QUESTIONS: run ./memqa data fetch squad first" >&2; exit 1; }

./memqa --version >/dev/null # builds target/memqa.jar when the sources changed
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
[ -x "$JAVA" ] || JAVA=java
mkdir -p bench/work

if [ -z "$URL" ]; then
  LOG=bench/work/serve.log
  # shellcheck disable=SC2086 # MEMQA_SERVE_ARGS is a list of flags
  ./memqa serve --port 0 ${MEMQA_SERVE_ARGS:-} >"$LOG" 2>&1 &
  SERVER=$!
  trap 'kill -TERM $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
  for _ in $(seq 1 600); do
    URL="$(grep -o 'listening on http://127\.0\.0\.1:[0-9]*' "$LOG" | head -1 | cut -d' ' -f3 || true)"
    [ -n "$URL" ] && break
    kill -0 $SERVER 2>/dev/null || { cat "$LOG" >&2; exit 1; }
    sleep 0.5
  done
  [ -n "$URL" ] || { echo "the server did not start; see $LOG" >&2; exit 1; }
fi

echo "machine: $(nproc) cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA" -cp "target/memqa.jar:target/lib/*" bench/load/Load.java "$URL" "$CLIENTS" "$DURATION" "$QUESTIONS" 5 "${MEMQA_BENCH_ENDPOINT:-answer}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

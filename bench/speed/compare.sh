#!/usr/bin/env bash
# Reader speed against a baseline build, measured in one run on this machine (machines of this kind
# differ by up to 2x, so only the ratios carry over). BASELINE is another memqa checkout with its
# own target/memqa.jar, index/squad and models/squad (e.g. `git worktree add ../baseline cf1803c`,
# then `./memqa quickstart --from ../shared/datasets` there). Rounds alternate the two builds;
# each figure is the median of the rounds.
#
#   bench/speed/compare.sh BASELINE [ROUNDS=3] [LIMIT=0 (all SQuAD dev)] [LOAD_SECONDS=30]
#   CANDIDATE_ARGS="--retriever bm25" bench/speed/compare.sh ../baseline   # the readers alone, like for like
#   (BASELINE_ARGS likewise, when the baseline has that option too: both builds read BM25's passages)
#
# Per build: in process (eval answers, open, K=5, one thread): EM, F1, latency p50/p99; through
# the service (bench/load/run.sh 8 LOAD_SECONDS): answers/s, p50, p99, errors; and the first
# answer after /ready (a fresh server, a question it has not seen, timed by curl).
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE="$PWD"
BASE="$(cd "${1:?usage: bench/speed/compare.sh BASELINE [ROUNDS] [LIMIT] [LOAD_SECONDS]}" && pwd)"
ROUNDS="${2:-3}"
LIMIT="${3:-0}"
SECONDS_LOAD="${4:-30}"
WORK="$HERE/bench/work/speed"
rm -rf "$WORK" && mkdir -p "$WORK"
for d in "$HERE" "$BASE"; do
  [ -d "$d/index/squad" ] && [ -d "$d/models/squad" ] || { echo "need index/squad and models/squad in $d" >&2; exit 1; }
  (cd "$d" && ./memqa --version >/dev/null)
done

first_answer() { # DIR -> seconds from a POST right after /ready to its reply
  local dir=$1 log="$WORK/first-$RANDOM.log" url=""
  # shellcheck disable=SC2086 # word lists of flags
  (cd "$dir" && exec ./memqa serve --port 0 $2) >"$log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 600); do
    url="$(grep -o 'listening on http://127\.0\.0\.1:[0-9]*' "$log" | head -1 | cut -d' ' -f3 || true)"
    [ -n "$url" ] && curl -sf "$url/ready" >/dev/null 2>&1 && break
    sleep 0.1
  done
  curl -s -o /dev/null -w '%{time_total}' "$url/v1/answer" -H 'Content-Type: application/json' \
    -d '{"question": "Which river flows through the city where the treaty was signed?"}'
  kill -TERM $pid; wait $pid 2>/dev/null || true
}

for r in $(seq 1 "$ROUNDS"); do
  for who in baseline candidate; do
    dir=$HERE; args="${CANDIDATE_ARGS:-}"
    [ $who = baseline ] && dir=$BASE && args="${BASELINE_ARGS:-}"
    echo "round $r/$ROUNDS: $who" >&2
    # shellcheck disable=SC2086
    (cd "$dir" && ./memqa eval answers --threads 1 --limit "$LIMIT" --out "$WORK/$who-$r" --overwrite $args) >"$WORK/$who-$r.eval" 2>&1
    (cd "$dir" && MEMQA_SERVE_ARGS="$args" bench/load/run.sh 8 "$SECONDS_LOAD") >"$WORK/$who-$r.load" 2>&1
    first_answer "$dir" "$args" >"$WORK/$who-$r.first"
  done
done

python3 - "$WORK" "$ROUNDS" <<'PY'
import re, statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])
def grab(path, pattern):
    m = re.search(pattern, open(path).read())
    return [float(x) for x in m.groups()] if m else None
rows = {}
for who in ("baseline", "candidate"):
    vals = {k: [] for k in ("em", "f1", "p50", "p99", "aps", "lp50", "lp99", "errors", "first")}
    for r in range(1, rounds + 1):
        ev = grab(f"{work}/{who}-{r}.eval", r"EM ([\d.]+)\s+F1 ([\d.]+)")
        lat = grab(f"{work}/{who}-{r}.eval", r"latency ms: p50 ([\d.]+)\s+p95 [\d.]+\s+p99 ([\d.]+)")
        load = grab(f"{work}/{who}-{r}.load", r"/s ([\d.]+), errors (\d+)")
        llat = grab(f"{work}/{who}-{r}.load", r"latency ms: p50 ([\d.]+), p95 [\d.]+, p99 ([\d.]+)")
        if not (ev and lat and load and llat):
            sys.exit(f"round {r} of {who} did not finish: see {work}/{who}-{r}.*")
        vals["em"].append(ev[0]); vals["f1"].append(ev[1]); vals["p50"].append(lat[0]); vals["p99"].append(lat[1])
        vals["aps"].append(load[0]); vals["errors"].append(load[1]); vals["lp50"].append(llat[0]); vals["lp99"].append(llat[1])
        vals["first"].append(1000 * float(open(f"{work}/{who}-{r}.first").read() or "nan"))
    rows[who] = {k: statistics.median(v) for k, v in vals.items()}
    rows[who]["errors"] = sum(vals["errors"])
b, c = rows["baseline"], rows["candidate"]
print(f"medians of {rounds} rounds, in one run on this machine")
print("| | EM | F1 | in process p50 ms | p99 ms | service answers/s | service p50 ms | p99 ms | errors | first answer after /ready ms |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for who, x in (("baseline", b), ("candidate", c)):
    print(f"| {who} | {x['em']:.2f} | {x['f1']:.2f} | {x['p50']:.2f} | {x['p99']:.2f} | {x['aps']:.1f} | {x['lp50']:.1f} | {x['lp99']:.1f} | {x['errors']:.0f} | {x['first']:.0f} |")
print(f"| candidate / baseline | | | {c['p50']/b['p50']:.2f} | {c['p99']/b['p99']:.2f} | {c['aps']/b['aps']:.2f} | {c['lp50']/b['lp50']:.2f} | {c['lp99']/b['lp99']:.2f} | | {c['first']/b['first']:.2f} |")
PY

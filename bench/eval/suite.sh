#!/usr/bin/env bash
# The standard answer-quality suite: SQuAD v1.1 dev, closed (gold paragraph) and open (the index's default retriever, K=5),
# in process by default. Everything goes under runs/<date>/ (or --out); RESULTS.md there is the
# README "Results" section, with the published anchors and the command that reproduces it.
# A stopped suite continues where it stopped when run again with the same arguments.
#
# Usage: bench/eval/suite.sh [--model DIR] [--index DIR] [--limit N] [--concurrency N]
#                            [--server URL] [--out DIR]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

MODEL=models/squad
INDEX=index/squad
LIMIT=0
CONCURRENCY=1
SERVER=
OUT="runs/$(date +%Y-%m-%d)"
ARGS=("$@")
while [ $# -gt 0 ]; do
  case "$1" in
    --model) MODEL="$2"; shift 2 ;;
    --index) INDEX="$2"; shift 2 ;;
    --limit) LIMIT="$2"; shift 2 ;;
    --concurrency) CONCURRENCY="$2"; shift 2 ;;
    --server) SERVER="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "suite.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done

COMMON=(--dataset squad-dev --index "$INDEX" --model "$MODEL" --concurrency "$CONCURRENCY" --limit "$LIMIT" --resume)
[ -n "$SERVER" ] && COMMON+=(--server "$SERVER")
CLOSED="$OUT/squad-dev-closed"
OPEN="$OUT/squad-dev-open-k5"

echo "== SQuAD dev, closed (gold paragraph) -> $CLOSED"
./memqa eval answers "${COMMON[@]}" --mode closed --out "$CLOSED"
echo "== SQuAD dev, open (top 5 of the index's default retriever) -> $OPEN"
./memqa eval answers "${COMMON[@]}" --mode open --passages 5 --out "$OPEN"

RESULTS="$OUT/RESULTS.md"
{
  echo "## Results"
  echo
  echo "SQuAD v1.1 dev ($(date +%Y-%m-%d), model \`$MODEL\`). EM and F1 use the official SQuAD normalisation."
  echo "Published figures are the papers' own, on the same questions."
  echo
  echo "### Closed: reading comprehension (the gold paragraph is given)"
  echo
  ./memqa eval table "$CLOSED" --anchor "SQuAD logistic regression (Rajpurkar et al., 2016)=40.4/51.0"
  echo
  echo "### Open: the reader sees the top 5 passages of the index's default retriever (hybrid when it has passage vectors)"
  echo
  ./memqa eval table "$OPEN" \
    --anchor "DrQA, SQuAD-open (Chen et al., 2017)=29.8" \
    --anchor "BERTserini, SQuAD-open (Yang et al., 2019)=38.6/46.1"
  echo
  echo "memqa retrieves from the 20,963 SQuAD paragraphs (train + dev); DrQA and BERTserini search all of"
  echo "English Wikipedia, a harder setting, so the open rows are a reference point rather than a like-for-like race."
  echo "Per-run reports (recall@k, latency, EM by question type and answer length): \`$CLOSED/report.md\`,"
  echo "\`$OPEN/report.md\`."
  echo
  echo "Reproduce:"
  echo
  echo '```bash'
  echo "./memqa data fetch squad && ./memqa index --dataset squad"
  echo "bench/eval/suite.sh${ARGS[*]:+ ${ARGS[*]}}"
  echo '```'
} > "$RESULTS.tmp"
mv "$RESULTS.tmp" "$RESULTS"
echo
cat "$RESULTS"

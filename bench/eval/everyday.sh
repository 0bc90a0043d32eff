#!/usr/bin/env bash
# The everyday-words question set against SQuAD's own wording: the bundled `everyday` set and, as
# the control, SQuAD dev's questions on the same paragraphs, each closed, open (K=5) and through the
# retriever alone; prints one table (the README's "Everyday-words questions"). Runs go under --out
# (default runs/everyday); a stopped run continues when the script is run again.
#
# Usage: bench/eval/everyday.sh [--model DIR] [--index DIR] [--out DIR]
#        (needs data/squad: ./memqa data fetch squad, and an index and a model)
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/retrieval/lib.sh
MODEL=models/squad
INDEX=index/squad
OUT=runs/everyday
while [ $# -gt 0 ]; do
  case "$1" in
    --model) MODEL="$2"; shift 2 ;;
    --index) INDEX="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (try --help)" ;;
  esac
done
[ -f data/squad/dev-v1.1.json ] || die "data/squad/dev-v1.1.json is missing: run ./memqa data fetch squad"
JDK="$(find_jdk)" || die "no JDK 21 or newer found"
./memqa --version >/dev/null   # builds target/memqa.jar if needed
mkdir -p "$OUT"
helper() { "$JDK/bin/java" -cp "target/memqa.jar:target/lib/*" bench/eval/Everyday.java "$@"; }
helper same-paragraphs data/squad/dev-v1.1.json "$OUT/squad-same.jsonl"
for set in everyday squad-same; do
  dataset="$set"; [ "$set" = squad-same ] && dataset="$OUT/squad-same.jsonl"
  for mode in closed open; do
    say "$set, $mode -> $OUT/$set-$mode"
    ./memqa eval answers --dataset "$dataset" --mode "$mode" --index "$INDEX" --model "$MODEL" --resume \
      --out "$OUT/$set-$mode" | grep -E '^(questions|EM |confidence|unanswerable|left out)'
  done
  say "$set, retrieval -> $OUT/$set-retrieval"
  ./memqa eval retrieval --dataset "$dataset" --index "$INDEX" --k 1,5,20 --out "$OUT/$set-retrieval" | grep -E '^(questions|left out)'
done
echo
helper table "$OUT"

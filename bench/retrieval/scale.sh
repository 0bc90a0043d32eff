#!/usr/bin/env bash
# Scale run: for 20k (real SQuAD), 200k and 1M passages (SQuAD sentences recombined with a fixed
# seed), index time, size on disk, peak heap, and one-thread query latency p50/p95 at k=5 and
# k=100 over the 10,570 SQuAD dev questions; then a linear projection to 21M passages.
# Results: bench/work/results/scale.{md,json}. Generated corpora are kept and reused.
#
# Usage: scale.sh [--sizes 20k,200k,1m] [--engines memqa,anserini]
# Environment: as run.sh (BENCH_THREADS, BENCH_XMX, JAVA_HOME, ANSERINI_JAVA_HOME);
# KEEP_INDEXES=1 keeps the indexes (else each is deleted once measured, to spare the disk).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SIZES=20k,200k,1m
ENGINES=memqa,anserini
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) SIZES="$2"; shift 2 ;;
    --engines) ENGINES="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done

setup
OUT="$WORK/results/scale"
CORPUS="$WORK/corpus"
IDX="$WORK/indexes"
rm -rf "$OUT"
mkdir -p "$OUT" "$CORPUS" "$IDX"
loadavg > "$OUT/load-before.txt"

if [ ! -f "$CORPUS/topics-squad-dev.tsv" ] || [ ! -f "$CORPUS/squad.jsonl" ]; then
  say "preparing the SQuAD corpus and topics"
  memqa_java Prepare "$ROOT/data" "$CORPUS" "$((THREADS * 4))"
fi
TOPICS="$CORPUS/topics-squad-dev.tsv"

for size in ${SIZES//,/ }; do
  n="$(passages "$size")"
  if [ "$n" = 0 ]; then
    name=squad
  else
    name="synth-$n"
    if [ ! -f "$CORPUS/$name.done" ]; then
      say "generating $size passages ($name)"
      memqa_java Generate "$ROOT/data" "$CORPUS" "$n" "$((THREADS * 4))"
      touch "$CORPUS/$name.done"
    fi
  fi
  for engine in ${ENGINES//,/ }; do
    index="$IDX/scale-$size-$engine"
    rm -rf "$index"
    say "$size: indexing with $engine ($THREADS threads)"
    case "$engine" in
      memqa)
        memqa_java IndexMemqa "$CORPUS/$name.jsonl" "$index" "$THREADS" "$OUT/scale-$size-$engine-index.json"
        say "$size: $engine query latency (1 thread, k=5 and k=100)"
        memqa_java SearchMemqa "$index" "$TOPICS" "$OUT/scale-$size-$engine-latency.json" latency 5,100 ;;
      anserini)
        anserini_java IndexAnserini "$CORPUS/anserini-input/$name" "$index" "$THREADS" "$OUT/scale-$size-$engine-index.json"
        say "$size: $engine query latency (1 thread, k=5 and k=100)"
        anserini_java SearchAnserini "$index" "$TOPICS" "$OUT/scale-$size-$engine-latency.json" latency 5,100 ;;
      *) die "unknown engine '$engine' (memqa or anserini)" ;;
    esac
    [ "${KEEP_INDEXES:-0}" = 1 ] || rm -rf "$index"
  done
done

loadavg > "$OUT/load-after.txt"
say "results ($(nproc) cores; timings are only comparable on a quiet machine)"
memqa_java Report scale "$OUT" "$SIZES" "$ENGINES"

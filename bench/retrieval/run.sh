#!/usr/bin/env bash
# memqa vs Anserini 1.5.0 on SQuAD: the same 20,963 paragraphs (train + dev), the same 10,570 dev
# questions. Indexing time, answer recall@1/5/20/100 (memqa's metric code for both), search q/s.
# Results: bench/work/results/compare.{md,json}. Re-runnable; the Anserini jar is downloaded once.
#
# Environment: BENCH_REPS (timed search passes, default 5), BENCH_THREADS (indexing threads, 2),
# BENCH_XMX (heap, 4g), JAVA_HOME / ANSERINI_JAVA_HOME (JDK 21+), MEMQA_DATA_MIRROR.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
REPS="${BENCH_REPS:-5}"

setup
OUT="$WORK/results/compare"
CORPUS="$WORK/corpus"
IDX="$WORK/indexes"
rm -rf "$OUT" "$IDX/squad-memqa" "$IDX/squad-anserini"
mkdir -p "$OUT" "$CORPUS" "$IDX"
loadavg > "$OUT/load-before.txt"

say "preparing corpus and topics (memqa JSON lines, Anserini JsonCollection in $THREADS+ shards)"
memqa_java Prepare "$ROOT/data" "$CORPUS" "$((THREADS * 4))"
TOPICS="$CORPUS/topics-squad-dev.tsv"
DEV="$ROOT/data/squad/dev-v1.1.json"

say "indexing with memqa ($THREADS threads)"
timed "$OUT/memqa-index.wall" memqa_java IndexMemqa "$CORPUS/squad.jsonl" "$IDX/squad-memqa" "$THREADS" "$OUT/memqa-index.json"

say "indexing with Anserini ($THREADS threads)"
timed "$OUT/anserini-index.wall" anserini_java IndexAnserini "$CORPUS/anserini-input/squad" "$IDX/squad-anserini" "$THREADS" "$OUT/anserini-index.json"

say "answer recall, memqa (k=100)"
memqa_java Recall "$DEV" "$OUT/recall-memqa" memqa "$IDX/squad-memqa"

say "answer recall, Anserini (SearchCollection, BM25 k1=0.9 b=0.4, k=100; scored by memqa's code)"
anserini_java io.anserini.search.SearchCollection -index "$IDX/squad-anserini" -topics "$TOPICS" \
  -topicReader TsvString -output "$OUT/anserini.run" -bm25 -bm25.k1 0.9 -bm25.b 0.4 -hits 100 -threads 2 > "$OUT/searchcollection.log" 2>&1 ||
  { tail -20 "$OUT/searchcollection.log" >&2; die "Anserini SearchCollection failed"; }
memqa_java Recall "$DEV" "$OUT/recall-anserini" run "$OUT/anserini.run" "$TOPICS" "$CORPUS/squad.jsonl"

say "search throughput, memqa (k=100, 1 and 2 threads, median of $REPS)"
memqa_java SearchMemqa "$IDX/squad-memqa" "$TOPICS" "$OUT/memqa-search.json" throughput 100 1,2 "$REPS"

say "search throughput, Anserini (k=100, 1 and 2 threads, median of $REPS)"
anserini_java SearchAnserini "$IDX/squad-anserini" "$TOPICS" "$OUT/anserini-search.json" throughput 100 1,2 "$REPS"

loadavg > "$OUT/load-after.txt"
say "results ($(nproc) cores; timings are only comparable on a quiet machine)"
memqa_java Report compare "$OUT"

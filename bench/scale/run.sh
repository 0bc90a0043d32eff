#!/usr/bin/env bash
# Full-scale run of the whole pipeline: for 20k passages (the real SQuAD paragraphs) and 1M and 5M
# synthetic ones (SQuAD sentences recombined with a fixed seed, as bench/retrieval/scale.sh makes
# them), the index build (time, size on disk, peak heap) and the answer latency of retrieve +
# memory + reader on one thread (p50/p95/p99 over SQuAD dev questions, K=5, after a warm-up);
# then a projection to DPR's 21M Wikipedia passages and what one 2-core, 24 GB machine serves.
# Results: bench/work/results/scale-pipeline/scale.{md,json}. Corpora are kept and reused.
#
# Usage: bench/scale/run.sh [--sizes 20k,1m,5m] [--questions 2000] [--model DIR]
# Needs: a trained reader (default models/squad: ./memqa train, or a copy of one) and SQuAD
# (fetched from ../shared/datasets or $MEMQA_DATA_MIRROR when missing). Disk: about 8 GB at 5M
# while it runs (3.7 GB corpus kept, index deleted once measured unless KEEP_INDEXES=1).
# Environment: BENCH_THREADS (indexing threads, 2), BENCH_XMX (indexing heap, 4g),
# SERVE_XMX (answering heap, 2g), JAVA_HOME; KEEP_INDEXES=1 keeps the indexes (about 4.5 GB in
# all) and REUSE_INDEXES=1 measures the answers again on kept ones, without rebuilding (for a
# new reader: the build figures are those of the run that built them).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../retrieval/lib.sh"
HERE_SCALE="$ROOT/bench/scale"

SIZES=20k,1m,5m
QUESTIONS=2000
WARMUP=500
K=5
MODEL="$ROOT/models/squad"
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) SIZES="$2"; shift 2 ;;
    --questions) QUESTIONS="$2"; shift 2 ;;
    --model) MODEL="$(cd "$2" && pwd)"; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done

for size in ${SIZES//,/ }; do passages "$size" >/dev/null; done

JDK="$(find_jdk)" || die "no JDK 21 or newer found; install one or set JAVA_HOME"
export JAVA_HOME="$JDK"
[ -f "$MODEL/weights.params" ] || die "no trained reader in $MODEL: run ./memqa train (or copy a model there, or pass --model DIR)"
if [ ! -f "$ROOT/target/memqa.jar" ] || [ ! -d "$ROOT/target/lib" ] ||
   [ -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$ROOT/target/memqa.jar" -print -quit)" ]; then
  say "building memqa"
  (cd "$ROOT" && ./mvnw -B -q -DskipTests package) >&2 || die "memqa build failed"
fi
if [ ! -f "$ROOT/data/squad/train-v1.1.json" ] || [ ! -f "$ROOT/data/squad/dev-v1.1.json" ]; then
  mirror="${MEMQA_DATA_MIRROR:-}"
  [ -z "$mirror" ] && [ -d "$ROOT/../shared/datasets" ] && mirror="$ROOT/../shared/datasets"
  "$ROOT/memqa" data fetch squad ${mirror:+--from "$mirror"} >&2 || die "could not fetch SQuAD"
fi

OUT="$WORK/results/scale-pipeline"
CORPUS="$WORK/scale-corpus"
IDX="$WORK/indexes"
CLASSES="$WORK/classes/scale"
rm -rf "$OUT" "$CLASSES"
mkdir -p "$OUT" "$CORPUS" "$IDX"
"$JDK/bin/javac" -nowarn -d "$CLASSES" -cp "$ROOT/target/memqa.jar:$ROOT/target/lib/*" "$HERE_SCALE"/*.java \
  "$HERE"/common/Bench.java "$HERE"/memqa/Generate.java "$HERE"/memqa/Prepare.java "$HERE"/memqa/IndexMemqa.java ||
  die "compiling the benchmark failed"
CP="$CLASSES:$ROOT/target/memqa.jar:$ROOT/target/lib/*"
BASE=(-XX:+UseParallelGC --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED
      -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$ROOT/.cache/djl}" OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
export ENGINE_CACHE_DIR="${ENGINE_CACHE_DIR:-$DJL_CACHE_DIR}"
build_java() { "$JDK/bin/java" -Xmx"${BENCH_XMX:-4g}" "${BASE[@]}" -cp "$CP" "$@"; }
serve_java() {
  "$JDK/bin/java" -Xmx"${SERVE_XMX:-2g}" "${BASE[@]}" -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 \
    -Dai.djl.pytorch.num_interop_threads=1 -Dorg.slf4j.simpleLogger.log.ai.djl=error -cp "$CP" "$@"
}

T0=$(date +%s)
loadavg > "$OUT/load-before.txt"
if [ ! -f "$CORPUS/topics-squad-dev.tsv" ] || [ ! -f "$CORPUS/squad.jsonl" ]; then
  say "preparing the SQuAD corpus and questions"
  build_java Prepare "$ROOT/data" "$CORPUS" 0
fi
for size in ${SIZES//,/ }; do
  n="$(passages "$size")"
  name=squad
  if [ "$n" != 0 ]; then
    name="synth-$n"
    if [ ! -f "$CORPUS/$name.done" ]; then
      say "generating $size passages"
      build_java Generate "$ROOT/data" "$CORPUS" "$n" 0
      touch "$CORPUS/$name.done"
    fi
  fi
  index="$IDX/scale-pipeline-$size"
  if [ "${REUSE_INDEXES:-0}" = 1 ] && [ -f "$index.build.json" ] && [ -d "$index" ]; then
    say "$size: reusing the index built before"
  else
    rm -rf "$index" "$index.build.json"
    say "$size: building the index ($THREADS threads)"
    build_java IndexMemqa "$CORPUS/$name.jsonl" "$index" "$THREADS" "$index.build.json"
  fi
  cp "$index.build.json" "$OUT/scale-$size-index.json"
  say "$size: answering $QUESTIONS questions (retrieve + memory + reader, one thread, K=$K)"
  # PyTorch's native library writes a warning per thread it starts (NNPACK, deprecated modes): not ours to show.
  serve_java AnswerLatency "$index" "$MODEL" "$CORPUS/topics-squad-dev.tsv" "$QUESTIONS" "$WARMUP" "$K" \
    "$OUT/scale-$size-answers.json" 2> >(grep -v -E 'NNPACK|AutoNonVariableTypeMode' >&2)
  [ "${KEEP_INDEXES:-0}" = 1 ] || rm -rf "$index" "$index.build.json"
done
loadavg > "$OUT/load-after.txt"
say "results ($(nproc) cores, $(( $(date +%s) - T0 )) s in all; timings are only comparable on a quiet machine)"
build_java ScaleReport "$OUT" "$SIZES"

#!/usr/bin/env bash
# What dense retrieval costs on this machine: retrieval latency per mode (one thread, K=5, question
# encoding included, first 2,000 SQuAD dev questions), passage encoding on 1 and 2 threads, vector
# and HNSW bytes per passage, and a linear projection to DPR's 21M Wikipedia passages.
# Writes bench/work/hybrid/cost-<encoder>.json. Run it on a quiet machine.
#
# Usage: bench/hybrid/cost.sh [INDEX]   (default: index/squad, which must hold passage vectors)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
setup
INDEX="${1:-$ROOT/index/squad}"
[ -f "$ROOT/data/squad/dev-v1.1.json" ] || die "no SQuAD dev file: run ./memqa data fetch squad"
say "measuring $INDEX ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
hybrid_java Cost "$INDEX" "$ROOT/data/squad/dev-v1.1.json" "$WORK/hybrid/cost-$(basename "$INDEX").json" "${COST_QUESTIONS:-2000}" "${COST_PASSAGES:-400}"

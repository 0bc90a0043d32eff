#!/usr/bin/env bash
# Fits the hybrid fusion (RRF k and weight, or the linear weight; candidate depth) on held-out
# SQuAD *training* questions: the trainer's held-out 5% of training articles, never dev.
# Needs a dense index (./memqa index). Prints the best settings; writes bench/work/hybrid/fit.json.
#
# Usage: bench/hybrid/fit.sh [INDEX] [QUESTIONS] [DEPTH]   (defaults: index/squad, 2000, 100;
# DEPTH is how deep both rankings are searched, as the service searches them for a fusion that deep)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
setup
INDEX="${1:-$ROOT/index/squad}"
[ -f "$ROOT/data/squad/train-v1.1.json" ] || die "no SQuAD training file: run ./memqa data fetch squad"
say "fitting the fusion on held-out training questions ($INDEX)"
hybrid_java Fit "$INDEX" "$ROOT/data/squad/train-v1.1.json" "$WORK/hybrid/fit.json" "${2:-2000}" "${3:-100}"

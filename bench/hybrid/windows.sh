#!/usr/bin/env bash
# Chooses the passage windows of dense retrieval: recall of one vector per whole passage against a
# vector per window of up to WORDS words (best window scores the passage), dense alone and fused
# with BM25, on held-out SQuAD *training* questions (never dev). Encodes the SQuAD paragraphs both
# ways (a few minutes on 2 cores each; cached in bench/work/hybrid/). Needs an index (./memqa index).
#
# Usage: bench/hybrid/windows.sh [WORDS] [INDEX] [QUESTIONS]   (defaults: 60, index/squad, all)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
setup
INDEX="${2:-$ROOT/index/squad}"
[ -f "$ROOT/data/squad/train-v1.1.json" ] || die "no SQuAD training file: run ./memqa data fetch squad"
say "windows of ${1:-60} words against whole passages ($INDEX)"
hybrid_java Windows "$INDEX" "$ROOT/data/squad/train-v1.1.json" "$WORK/hybrid" "${1:-60}" ${3:-}

#!/usr/bin/env bash
# Chooses the passage encoder by measurement: dense answer recall@1/5 of each known encoder on the
# paragraphs and questions of held-out SQuAD training articles (never dev), searched exhaustively,
# and passage encoding time on 2 threads. Writes bench/work/hybrid/encoders.json.
#
# Usage: bench/hybrid/encoders.sh [PASSAGES] [QUESTIONS]   (defaults: 600, 1500)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
setup
[ -f "$ROOT/data/squad/train-v1.1.json" ] || die "no SQuAD training file: run ./memqa data fetch squad"
say "comparing encoders ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
hybrid_java Encoders "$ROOT/data/squad/train-v1.1.json" "$WORK/hybrid/encoders.json" "${1:-600}" "${2:-1500}"

#!/usr/bin/env bash
# The accurate reader: the default one-epoch model (models/squad, as ./memqa train makes it)
# fine-tuned for two more epochs at half the learning rate each time (each stage fits its calibration on the
# held-out training articles). Each stage is ~25 min on 2 quiet cores; a finished stage is kept and
# skipped when the script is run again (an interrupted one is started over).
# Usage: bench/reader/accurate.sh [OUT]   (default OUT: models/squad-accurate)
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT="${1:-models/squad-accurate}"
[ -f models/squad/manifest.json ] || ./memqa train --out models/squad
stage() { # FROM LR TO
  if [ -f "$3/manifest.json" ]; then echo "$3 exists: kept"; return; fi
  ./memqa train --init-from "$1" --lr "$2" --out "$3"
}
stage models/squad 0.001 "$OUT.epoch2"
stage "$OUT.epoch2" 0.0005 "$OUT"
echo "accurate reader in $OUT: ./memqa serve --model $OUT, or bench/eval/suite.sh --model $OUT --out runs/accurate"

#!/usr/bin/env bash
# The accurate reader: the default one-epoch model (models/squad, as ./memqa train makes it)
# fine-tuned for one more epoch at half the learning rate, which fits its calibration on the
# held-out training articles again. ~25 min on 2 quiet cores (plus ~25 for models/squad when it is
# missing); a finished model is kept and skipped when the script is run again. A third epoch (at a
# quarter of the rate) did not pay on the held-out articles (open F1 45.86 against 46.14), nor did
# reading half the memories open in the second epoch instead of 30% (45.73).
# Usage: bench/reader/accurate.sh [OUT]   (default OUT: models/squad-accurate)
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT="${1:-models/squad-accurate}"
[ -f models/squad/manifest.json ] || ./memqa train --out models/squad
if [ -f "$OUT/manifest.json" ]; then
  echo "$OUT exists: kept"
else
  ./memqa train --init-from models/squad --lr 0.001 --out "$OUT"
fi
echo "accurate reader in $OUT: ./memqa serve --model $OUT, or bench/eval/suite.sh --model $OUT --out runs/accurate"

#!/usr/bin/env bash
# Leak check: answers N questions (default 100,000) in one process and prints heap and RSS over time.
# Usage: bench/reader/soak.sh [N]   (needs index/squad and models/squad: ./memqa quickstart does both)
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/retrieval/lib.sh
JDK="$(find_jdk)" || die "no JDK 21 or newer found"
JAVA="$JDK/bin/java"
./memqa --version >/dev/null   # builds target/memqa.jar if needed
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$PWD/.cache/djl}" OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
exec "$JAVA" -Xmx2g --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dorg.slf4j.simpleLogger.log.ai.djl=error \
  -cp "target/memqa.jar:target/lib/*" bench/reader/Soak.java index/squad models/squad data/squad/dev-v1.1.json "${1:-100000}"

# Shared by the hybrid-retrieval benchmarks (sourced, not run): JDK, memqa build, harness classes.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/bench/hybrid"
WORK="${BENCH_WORK:-$ROOT/bench/work}"

say() { printf '\n== %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

setup() {
  local c v
  for c in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$c" ] && [ -x "$c/bin/javac" ] || continue
    v="$("$c/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1)"
    if [ -n "$v" ] && [ "$v" -ge 21 ] 2>/dev/null; then JDK="$c"; break; fi
  done
  [ -n "${JDK:-}" ] || die "no JDK 21 or newer found; install one or set JAVA_HOME"
  export JAVA_HOME="$JDK"
  if [ ! -f "$ROOT/target/memqa.jar" ] || [ ! -d "$ROOT/target/lib" ] ||
     [ -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$ROOT/target/memqa.jar" -print -quit)" ]; then
    say "building memqa"
    (cd "$ROOT" && ./mvnw -B -q -DskipTests package) >&2 || die "memqa build failed"
  fi
  mkdir -p "$WORK/classes/hybrid"
  "$JDK/bin/javac" -nowarn -d "$WORK/classes/hybrid" -cp "$ROOT/target/memqa.jar:$ROOT/target/lib/*" "$HERE"/*.java ||
    die "compiling the harness failed"
  export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$ROOT/.cache/djl}" ENGINE_CACHE_DIR="${ENGINE_CACHE_DIR:-$ROOT/.cache/djl}"
  JFLAGS=(-Xmx"${BENCH_XMX:-4g}" -XX:+UseParallelGC --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED
          -Dai.djl.offline=true -Dmemqa.home="$ROOT" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn
          -Dorg.slf4j.simpleLogger.log.ai.djl=error)
}

hybrid_java() { "$JDK/bin/java" "${JFLAGS[@]}" -cp "$WORK/classes/hybrid:$ROOT/target/memqa.jar:$ROOT/target/lib/*" "$@" 2> >(grep -v '^WARNING: Using incubator' >&2); }

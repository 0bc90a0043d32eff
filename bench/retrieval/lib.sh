# Shared by run.sh and scale.sh (sourced, not run): JDK, memqa build, Anserini jar, harnesses.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/bench/retrieval"
WORK="${BENCH_WORK:-$ROOT/bench/work}"
ANSERINI_VERSION=1.5.0
ANSERINI_JAR="$WORK/anserini-$ANSERINI_VERSION-fatjar.jar"
ANSERINI_URL="https://repo.maven.apache.org/maven2/io/anserini/anserini/$ANSERINI_VERSION/anserini-$ANSERINI_VERSION-fatjar.jar"
ANSERINI_SHA1=d08ca91a0720cd521f39bb4e94dcf838b511b25c
THREADS="${BENCH_THREADS:-2}"

say() { printf '\n== %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1; }

# A JDK 21+ (javac included): $JAVA_HOME, then the usual places.
find_jdk() {
  local c v
  for c in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$c" ] && [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    v="$(java_major "$c")"
    if [ -n "$v" ] && [ "$v" -ge 21 ] 2>/dev/null; then echo "$c"; return 0; fi
  done
  return 1
}

setup() {
  JDK="$(find_jdk)" || die "no JDK 21 or newer found; install one or set JAVA_HOME"
  export JAVA_HOME="$JDK"
  # Anserini may run on another JDK 21+ (ANSERINI_JAVA_HOME), e.g. 21, which its Lucene 9.9 fully supports.
  ANSERINI_JDK="${ANSERINI_JAVA_HOME:-$JDK}"
  mkdir -p "$WORK"

  if [ ! -f "$ROOT/target/memqa.jar" ] || [ ! -d "$ROOT/target/lib" ] ||
     [ -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$ROOT/target/memqa.jar" -print -quit)" ]; then
    say "building memqa"
    (cd "$ROOT" && { ./mvnw -B -o -q -DskipTests package || ./mvnw -B -q -DskipTests package; }) >&2 ||
      die "memqa build failed"
  fi

  if [ ! -f "$ROOT/data/squad/train-v1.1.json" ] || [ ! -f "$ROOT/data/squad/dev-v1.1.json" ]; then
    local mirror="${MEMQA_DATA_MIRROR:-}"
    [ -z "$mirror" ] && [ -d "$ROOT/../shared/datasets" ] && mirror="$ROOT/../shared/datasets"
    say "fetching SQuAD${mirror:+ from $mirror}"
    "$ROOT/memqa" data fetch squad ${mirror:+--from "$mirror"} >&2 || die "could not fetch SQuAD"
  fi

  if [ ! -f "$ANSERINI_JAR" ]; then
    say "downloading Anserini $ANSERINI_VERSION fatjar (~164 MB) from Maven Central"
    curl -fL --retry 3 -o "$ANSERINI_JAR.part" "$ANSERINI_URL" || die "download failed: $ANSERINI_URL"
    mv "$ANSERINI_JAR.part" "$ANSERINI_JAR"
  fi
  if [ ! -f "$ANSERINI_JAR.sha1-ok" ]; then
    [ "$(sha1sum "$ANSERINI_JAR" | cut -d' ' -f1)" = "$ANSERINI_SHA1" ] ||
      die "$ANSERINI_JAR has the wrong SHA-1; delete it and re-run"
    touch "$ANSERINI_JAR.sha1-ok"
  fi

  # Two separate class trees: memqa's Lucene 10 and Anserini's Lucene 9 never share a JVM.
  MEMQA_CP="$WORK/classes/memqa:$ROOT/target/memqa.jar:$ROOT/target/lib/*"
  ANSERINI_CP="$WORK/classes/anserini:$ANSERINI_JAR"
  rm -rf "$WORK/classes"
  "$JDK/bin/javac" -nowarn -d "$WORK/classes/memqa" -cp "$ROOT/target/memqa.jar:$ROOT/target/lib/*" \
    "$HERE"/memqa/*.java "$HERE"/common/*.java || die "compiling the memqa harness failed"
  "$ANSERINI_JDK/bin/javac" -nowarn -d "$WORK/classes/anserini" -cp "$ANSERINI_JAR" \
    "$HERE"/anserini/*.java "$HERE"/common/*.java || die "compiling the Anserini harness failed"

  # The same JVM flags for both engines.
  JFLAGS=(-Xmx"${BENCH_XMX:-4g}" -XX:+UseParallelGC --add-modules jdk.incubator.vector
          --enable-native-access=ALL-UNNAMED -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)
  echo "JDK: $("$JDK/bin/java" -version 2>&1 | head -1); Anserini JDK: $("$ANSERINI_JDK/bin/java" -version 2>&1 | head -1)" >&2
}

memqa_java() { "$JDK/bin/java" "${JFLAGS[@]}" -cp "$MEMQA_CP" "$@"; }
anserini_java() { "$ANSERINI_JDK/bin/java" "${JFLAGS[@]}" -cp "$ANSERINI_CP" "$@"; }

# timed FILE CMD...: runs CMD and writes its wall time in seconds (JVM start-up included) to FILE.
timed() {
  local file="$1" t0 t1
  shift
  t0="$(date +%s.%N)"
  "$@"
  t1="$(date +%s.%N)"
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }' > "$file"
}

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# passages SIZE: how many passages a size name means (20k: the real SQuAD paragraphs, shown as 0).
passages() {
  case "$1" in
    20k) echo 0 ;;
    *k) echo "$(( ${1%k} * 1000 ))" ;;
    *m) echo "$(( ${1%m} * 1000000 ))" ;;
    *) die "size must look like 20k, 200k or 1m, got '$1'" ;;
  esac
}

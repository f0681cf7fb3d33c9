#!/usr/bin/env bash
# IncidentOps benchmark (issue #7) against a running local stack; figures to bench/results/.
#
#   deploy/local/stack.sh start --detach
#   bench/run.sh [--seconds 20] [--only a,c] [...]     (bench/run.sh --help for every option)
#   deploy/local/stack.sh stop
#
# Builds the bench module when needed (package, never install), then runs it. See bench/README.md.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
TARGET="$HERE/target"

jar() {
  ls "$TARGET"/incidentops-bench-*.jar 2>/dev/null | grep -v -e '-sources' -e '-javadoc' | head -n 1 || true
}

stale() {
  local j
  j="$(jar)"
  [[ -z "$j" || ! -d "$TARGET/lib" ]] && return 0
  [[ -n "$(find "$ROOT/pom.xml" "$HERE/pom.xml" "$HERE/src/main" "$ROOT/incident-events/pom.xml" \
      "$ROOT/incident-events/src/main" -type f -newer "$j" -print 2>/dev/null | head -n 1)" ]]
}

if stale; then
  echo "[bench] building bench/ (./mvnw -q -DskipTests package -pl bench -am)…" >&2
  # package, not install: nothing of this clone goes to ~/.m2
  (cd "$ROOT" && ./mvnw -q -DskipTests package -pl bench -am)
fi

mkdir -p "$TARGET/tmp"
exec java -Xms256m -Xmx1g -XX:+UseParallelGC "-Djava.io.tmpdir=$TARGET/tmp" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$(jar):$TARGET/lib/*" io.incidentops.bench.Bench --repo-root "$ROOT" "$@"

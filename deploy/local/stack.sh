#!/usr/bin/env bash
# IncidentOps one-command local stack: embedded Kafka + PostgreSQL and the four services.
#
#   deploy/local/stack.sh [start] [--detach|-d] [--infra-only] [--keep-data] [--fast-unsafe-db]
#   deploy/local/stack.sh stop
#   deploy/local/stack.sh status
#
# PostgreSQL is durable (fsync on); --fast-unsafe-db (or STACK_FAST_UNSAFE_DB=true) turns fsync,
# synchronous_commit and full_page_writes off: faster, but a crash loses data. Pages go to the stack's mailbox
# (MAILBOX_URL in stack.env); STACK_DEMO_ESCALATION_DELAY=PT1M sets the demo policy's delay (default PT10S).
# See deploy/local/README.md.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
TARGET="$HERE/target"
PID_FILE="$TARGET/stack.pid"
ENV_FILE="$TARGET/stack.env"
LOG_DIR="$TARGET/logs"
SERVICES=(incident-intake runbook-executor comms-service metrics-reporter)
# `package`, not `install`: the reactor resolves the modules from each other's target/, and nothing of this clone
# lands in ~/.m2, where another clone's (or worktree's) build would pick it up instead of its own
BUILD=(./mvnw -q -DskipTests package -pl "deploy/local,$(IFS=,; echo "${SERVICES[*]}")" -am)

usage() {
  sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

running_pid() {
  local pid
  [[ -f "$PID_FILE" ]] || return 1
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

project_version() {
  # the launcher jar is the only incidentops-local-*.jar in target/ (no sources/javadoc jars are built)
  local jar
  jar="$(ls "$TARGET"/incidentops-local-*.jar 2>/dev/null | grep -v -e '-sources' -e '-javadoc' | head -n 1 || true)"
  echo "$jar"
}

ensure_built() {
  local infra_only="$1" missing=()
  [[ -n "$(project_version)" && -d "$TARGET/lib" ]] || missing+=("deploy/local")
  if [[ "$infra_only" != true ]]; then
    for m in "${SERVICES[@]}"; do
      [[ -f "$ROOT/$m/target/quarkus-app/quarkus-run.jar" ]] || missing+=("$m")
    done
  fi
  if ((${#missing[@]})); then
    echo "[stack] not built yet: ${missing[*]} — running ${BUILD[*]}" >&2
    (cd "$ROOT" && "${BUILD[@]}")
  elif sources_changed "$infra_only"; then
    # a stale jar would run yesterday's code (or an old platform jar from ~/.m2) without a word
    echo "[stack] sources changed since the last build — running ${BUILD[*]}" >&2
    (cd "$ROOT" && "${BUILD[@]}")
  fi
}

# true when a pom or source file of the launcher is newer than its jar, or (unless infra-only) one of a module the
# services run is newer than the oldest service jar
sources_changed() {
  local infra_only="$1" oldest="" jar
  if [[ -n "$(find "$ROOT/pom.xml" "$HERE/pom.xml" "$HERE/src/main" -type f -newer "$(project_version)" -print \
      2>/dev/null | head -n 1)" ]]; then
    return 0
  fi
  [[ "$infra_only" != true ]] || return 1
  for m in "${SERVICES[@]}"; do
    jar="$ROOT/$m/target/quarkus-app/quarkus-run.jar"
    if [[ -z "$oldest" || "$jar" -ot "$oldest" ]]; then oldest="$jar"; fi
  done
  [[ -n "$(find "$ROOT/pom.xml" "$ROOT/incident-events" "$ROOT/incident-platform" "${SERVICES[@]/#/$ROOT/}" \
      \( -path '*/target' -prune \) -o \( \( -name pom.xml -o -path '*/src/main/*' \) -type f -newer "$oldest" -print \) \
      2>/dev/null | head -n 1)" ]]
}

cmd_start() {
  local detach=false infra_only=false args=()
  for a in "$@"; do
    case "$a" in
      -d|--detach) detach=true ;;
      --infra-only) infra_only=true; args+=("$a") ;;
      --keep-data|--fast-unsafe-db) args+=("$a") ;;
      *) echo "unknown option: $a" >&2; usage >&2; exit 2 ;;
    esac
  done
  local pid
  if pid="$(running_pid)"; then
    echo "[stack] already running (pid $pid); deploy/local/stack.sh stop first" >&2
    exit 1
  fi
  ensure_built "$infra_only"
  mkdir -p "$TARGET/tmp" "$LOG_DIR"
  rm -f "$ENV_FILE"
  local jar
  jar="$(project_version)"
  local java_cmd=(java -Djava.util.logging.manager=org.jboss.logmanager.LogManager
    "-Djava.io.tmpdir=$TARGET/tmp" "-Dincidentops.root=$ROOT"
    -cp "$jar:$TARGET/lib/*" io.incidentops.local.LocalStack start "${args[@]}")

  if [[ "$detach" != true ]]; then
    cd "$ROOT"
    exec "${java_cmd[@]}"
  fi

  (cd "$ROOT" && exec nohup "${java_cmd[@]}" >"$LOG_DIR/stack.log" 2>&1 </dev/null) &
  local launcher=$!
  echo "[stack] starting in the background (pid $launcher, log deploy/local/target/logs/stack.log)…"
  local waited=0
  while [[ ! -f "$ENV_FILE" ]]; do
    if ! kill -0 "$launcher" 2>/dev/null; then
      echo "[stack] failed to start; last lines of $LOG_DIR/stack.log:" >&2
      tail -n 60 "$LOG_DIR/stack.log" >&2 || true
      exit 1
    fi
    sleep 1
    waited=$((waited + 1))
    if ((waited > 900)); then
      echo "[stack] gave up waiting for $ENV_FILE after 15 min; stopping" >&2
      kill -TERM "$launcher" 2>/dev/null || true
      exit 1
    fi
  done
  echo "[stack] up (pid $launcher). $ENV_FILE:"
  cat "$ENV_FILE"
}

cmd_stop() {
  local pid
  if ! pid="$(running_pid)"; then
    echo "[stack] not running"
    rm -f "$PID_FILE" "$ENV_FILE"
    return 0
  fi
  echo "[stack] stopping pid $pid…"
  kill -TERM "$pid"
  local waited=0
  while kill -0 "$pid" 2>/dev/null; do
    sleep 0.5
    waited=$((waited + 1))
    if ((waited > 120)); then
      echo "[stack] pid $pid still alive after 60 s; sending SIGKILL (services and PostgreSQL may survive)" >&2
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
  done
  echo "[stack] stopped"
}

cmd_status() {
  local pid
  if pid="$(running_pid)"; then
    if [[ -f "$ENV_FILE" ]]; then
      echo "[stack] running (pid $pid)"
      cat "$ENV_FILE"
    else
      echo "[stack] starting (pid $pid); see $LOG_DIR"
    fi
  else
    echo "[stack] not running"
    return 3
  fi
}

case "${1:-start}" in
  start) shift || true; cmd_start "$@" ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  -h|--help|help) usage ;;
  -*) cmd_start "$@" ;;
  *) echo "unknown command: $1" >&2; usage >&2; exit 2 ;;
esac

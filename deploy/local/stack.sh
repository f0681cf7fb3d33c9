#!/usr/bin/env bash
# IncidentOps one-command local stack: embedded Kafka + PostgreSQL, the four services and the responders' console.
#
#   deploy/local/stack.sh [start] [--detach|-d] [--infra-only] [--fresh] [--fast-unsafe-db] [--replicas SPEC]
#   deploy/local/stack.sh stop
#   deploy/local/stack.sh status                 each process: name, pid, port, alive/frozen/dead
#   deploy/local/stack.sh kill NAME              SIGKILL, stays dead (NAME: intake-2, kafka, postgres, ...)
#   deploy/local/stack.sh restart NAME           back on the same port (and data), waits until ready
#   deploy/local/stack.sh freeze NAME SECONDS    SIGSTOP, then SIGCONT after SECONDS
#
# Data (PostgreSQL, Kafka, keys, integration key) is kept in deploy/local/target/stack/ between runs; --fresh starts
# empty with new keys (--keep-data, the old opt-in, is accepted and does nothing). --replicas 2 runs two replicas of
# every service, --replicas intake=3,comms=2 of those (short names intake, executor, comms, reporter, console).
# The console (CONSOLE_URL in stack.env) signs you in with one click (development sign-in, the stack's key).
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
PROCESS_TABLE="$TARGET/stack.processes" # NAME PID PORT KIND STARTED, tab-separated, written by the launcher
CONTROL_FILE="$TARGET/stack.control"    # CONTROL_URL and CONTROL_TOKEN of the launcher's restart endpoint
LOG_DIR="$TARGET/logs"
SERVICES=(incident-intake runbook-executor comms-service metrics-reporter incident-console)
# `package`, not `install`: the reactor resolves the modules from each other's target/, and nothing of this clone
# lands in ~/.m2, where another clone's (or worktree's) build would pick it up instead of its own
BUILD=(./mvnw -q -DskipTests package -pl "deploy/local,$(IFS=,; echo "${SERVICES[*]}")" -am)

usage() {
  sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
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
  while (($#)); do
    case "$1" in
      -d|--detach) detach=true ;;
      --infra-only) infra_only=true; args+=("$1") ;;
      --fresh|--fast-unsafe-db) args+=("$1") ;;
      --keep-data) echo "[stack] --keep-data: data is kept by default now (--fresh starts empty)" >&2 ;;
      --replicas)
        [[ $# -ge 2 ]] || { echo "--replicas needs a value, e.g. 2 or intake=3,comms=2" >&2; exit 2; }
        args+=("$1" "$2"); shift ;;
      --replicas=*) args+=(--replicas "${1#--replicas=}") ;;
      *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
    esac
    shift
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
      echo "[stack] pid $pid still alive after 60 s; sending SIGKILL (its reaper then stops the services, Kafka and PostgreSQL)" >&2
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
    else
      echo "[stack] starting (pid $pid); see $LOG_DIR"
    fi
    print_processes
    [[ ! -f "$ENV_FILE" ]] || cat "$ENV_FILE"
  else
    echo "[stack] not running"
    return 3
  fi
}

print_processes() {
  [[ -f "$PROCESS_TABLE" ]] || return 0
  local name pid port kind started
  printf '%-12s %-8s %-6s %s\n' NAME PID PORT STATE
  while IFS=$'\t' read -r name pid port kind started; do
    printf '%-12s %-8s %-6s %s\n' "$name" "$pid" "$port" "$(process_state "$pid")"
  done <"$PROCESS_TABLE"
}

# alive, frozen (SIGSTOP) or dead
process_state() {
  local state
  state="$(ps -o stat= -p "$1" 2>/dev/null || true)"
  case "$state" in
    "" | Z*) echo dead ;;
    T*) echo frozen ;;
    *) echo alive ;;
  esac
}

# the pid of NAME in the process table (intake = intake-1); exits 1 when unknown
pid_of() {
  local want="$1" name pid rest
  [[ "$want" == *-[0-9]* || "$want" == kafka || "$want" == postgres ]] || want="$want-1"
  running_pid >/dev/null || { echo "[stack] not running" >&2; exit 1; }
  while IFS=$'\t' read -r name pid rest; do
    [[ "$name" == "$want" ]] && { echo "$pid"; return 0; }
  done <"$PROCESS_TABLE"
  echo "[stack] no process '$1'; the stack runs: $(cut -f1 "$PROCESS_TABLE" | tr '\n' ' ')" >&2
  exit 1
}

# the pid and, for PostgreSQL, its backends: a crash or a freeze of the database server is one of all of them
with_children() {
  echo "$1"
  ps -o pid= --ppid "$1" 2>/dev/null || true
}

cmd_kill() {
  [[ $# -eq 1 ]] || { usage >&2; exit 2; }
  local pid
  pid="$(pid_of "$1")"
  # shellcheck disable=SC2046
  kill -KILL $(with_children "$pid") 2>/dev/null || true
  echo "[stack] killed $1 (pid $pid, SIGKILL); it stays dead until: deploy/local/stack.sh restart $1"
}

FROZEN="" # pids of a freeze in progress: thawed on exit, also after Ctrl-C

cmd_freeze() {
  [[ $# -eq 2 && "$2" =~ ^[0-9]+$ ]] || { usage >&2; exit 2; }
  local pid
  pid="$(pid_of "$1")"
  FROZEN="$(with_children "$pid")"
  # shellcheck disable=SC2086
  trap 'kill -CONT $FROZEN 2>/dev/null || true' EXIT
  # shellcheck disable=SC2086
  kill -STOP $FROZEN
  echo "[stack] froze $1 (pid $pid, SIGSTOP) for $2 s…"
  sleep "$2"
  # shellcheck disable=SC2086
  kill -CONT $FROZEN 2>/dev/null || true
  echo "[stack] thawed $1 (SIGCONT)"
}

cmd_restart() {
  [[ $# -eq 1 ]] || { usage >&2; exit 2; }
  pid_of "$1" >/dev/null
  local CONTROL_URL CONTROL_TOKEN
  # shellcheck disable=SC1090
  . "$CONTROL_FILE"
  echo "[stack] restarting $1…"
  curl -sS --fail-with-body --max-time 300 -X POST -H "X-Stack-Token: $CONTROL_TOKEN" "$CONTROL_URL/restart/$1"
}

case "${1:-start}" in
  start) shift || true; cmd_start "$@" ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  kill) shift; cmd_kill "$@" ;;
  restart) shift; cmd_restart "$@" ;;
  freeze) shift; cmd_freeze "$@" ;;
  -h|--help|help) usage ;;
  -*) cmd_start "$@" ;;
  *) echo "unknown command: $1" >&2; usage >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# Started by the local stack's launcher (LocalStack) next to everything it runs:
#
#   reaper.sh LAUNCHER_PID PROCESS_TABLE
#
# waits for the launcher to end. A clean stop removes PROCESS_TABLE (target/stack.processes) after stopping everything,
# so there is nothing left to do. If the table is still there, the launcher died without stopping (kill -9, OOM
# killer): the services, the broker and PostgreSQL it lists would run on as orphans, so they are stopped here —
# services first (SIGTERM), then the broker (SIGTERM) and PostgreSQL (SIGINT: fast shutdown), SIGKILL after 15 s.
set -u
trap '' INT HUP # Ctrl-C in the launcher's terminal: the launcher stops everything itself; this one must outlive it

launcher="$1"
table="$2"
while kill -0 "$launcher" 2>/dev/null; do sleep 1; done
[[ -f "$table" ]] || exit 0

echo "$(date -u +%FT%TZ) launcher $launcher is gone without a clean stop; stopping what $table lists"

# stop_all KIND...: signal every listed process of those kinds, wait up to 15 s, then SIGKILL what is left
stop_all() {
  local pids=() name pid port kind started
  while IFS=$'\t' read -r name pid port kind started; do
    for k in "$@"; do
      [[ "$kind" == "$k" ]] || continue
      kill -0 "$pid" 2>/dev/null || continue
      kill -CONT "$pid" 2>/dev/null || true # frozen by stack.sh freeze?
      if [[ "$kind" == postgres ]]; then kill -INT "$pid" 2>/dev/null || true; else kill -TERM "$pid" 2>/dev/null || true; fi
      echo "  $name (pid $pid)"
      pids+=("$pid")
    done
  done <"$table"
  local waited=0
  for pid in "${pids[@]}"; do
    while kill -0 "$pid" 2>/dev/null && ((waited < 30)); do sleep 0.5; waited=$((waited + 1)); done
    kill -KILL "$pid" 2>/dev/null || true
  done
}

stop_all service
stop_all kafka postgres
# what the launcher's clean stop removes too: a stale stack.env would look like a running stack
dir="$(dirname "$table")"
rm -f "$table" "$dir/stack.env" "$dir/stack.control"
[[ "$(cat "$dir/stack.pid" 2>/dev/null)" != "$launcher" ]] || rm -f "$dir/stack.pid"
echo "$(date -u +%FT%TZ) done"

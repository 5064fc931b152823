# Shared helpers of the bin/ scripts (sourced, not run).
# shellcheck shell=bash

cargorisk_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cargorisk_state="${CARGORISK_STATE_DIR:-$cargorisk_root/work/run}"

# Ensures the application jar and its class path file exist (builds them if missing).
ensure_built() {
  if [[ ! -f "$cargorisk_root/jobs/target/cargorisk-jobs.jar" || ! -f "$cargorisk_root/jobs/target/classpath.txt" ]]; then
    echo "building the application jar..." >&2
    (cd "$cargorisk_root" && mvn -B -q package -DskipTests) >&2
  fi
}

java_bin() {
  echo "${JAVA_HOME:+$JAVA_HOME/bin/}java"
}

# Starts a background process, records its PID in $cargorisk_state/<name>.pid, logs to <name>.log.
start_process() {
  local name="$1"
  shift
  mkdir -p "$cargorisk_state"
  if is_running "$name"; then
    echo "$name is already running (pid $(cat "$cargorisk_state/$name.pid"))" >&2
    return 0
  fi
  nohup "$@" >"$cargorisk_state/$name.log" 2>&1 &
  echo $! >"$cargorisk_state/$name.pid"
}

is_running() {
  local pidfile="$cargorisk_state/$1.pid"
  [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

# Stops a process started by start_process: TERM, then KILL after 10 s.
stop_process() {
  local name="$1" pidfile="$cargorisk_state/$1.pid"
  if [[ ! -f "$pidfile" ]]; then
    return 0
  fi
  local pid
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 20); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
  echo "stopped $name (pid $pid)"
}

# Waits until a TCP port on 127.0.0.1 accepts connections.
wait_for_port() {
  local port="$1" what="$2" seconds="${3:-60}"
  for _ in $(seq 1 $((seconds * 2))); do
    if (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return 0
    fi
    sleep 0.5
  done
  echo "$what did not open port $port within ${seconds}s; see $cargorisk_state" >&2
  return 1
}

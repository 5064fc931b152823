# Shared helpers of the bin/ scripts (sourced, not run).
# shellcheck shell=bash

cargorisk_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cargorisk_state="${CARGORISK_STATE_DIR:-$cargorisk_root/work/run}"

# ---- the application jar and how to run it: the one recipe of every script ---------------------
cargorisk_jar="$cargorisk_root/jobs/target/cargorisk-jobs.jar"
cargorisk_classpath_file="$cargorisk_root/jobs/target/classpath.txt"

java_bin() {
  echo "${JAVA_HOME:+$JAVA_HOME/bin/}java"
}

# Exits 2 unless java is 17 to 21 (Hadoop does not run on newer Java).
require_java() {
  local major
  major="$("$(java_bin)" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | sed -n 1p)"
  if [[ -z "$major" || "$major" -lt 17 || "$major" -gt 21 ]]; then
    echo "cargorisk: needs Java 17 to 21, found '${major:-none}' ($(java_bin)). Set JAVA_HOME to a JDK 17-21." >&2
    exit 2
  fi
}

# The Maven modules of the root pom, in build order.
cargorisk_modules() {
  sed -n 's|.*<module>\(.*\)</module>.*|\1|p' "$cargorisk_root/pom.xml"
}

# True when the application jar or its class path file is missing, or a source, resource or pom
# of any module is newer than the jar.
jar_is_stale() {
  [[ ! -f "$cargorisk_jar" || ! -f "$cargorisk_classpath_file" ]] && return 0
  local dirs=() module
  while read -r module; do dirs+=("$cargorisk_root/$module"); done < <(cargorisk_modules)
  [[ -n "$(find "$cargorisk_root/pom.xml" "${dirs[@]}" \( -name target -prune \) -o \( -type f \
    \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$cargorisk_jar" -print \) \
    2>/dev/null | head -n1)" ]]
}

# Builds the application jar and its class path file when they are stale (first use, or sources
# changed since the last build).
ensure_built() {
  jar_is_stale || return 0
  echo "cargorisk: building the application jar (first use or sources changed)..." >&2
  # Without the old jars the jar plugin cannot take the shaded jar of the last build as up to
  # date and re-shade it: its stale classes would win over the new ones.
  rm -f "$cargorisk_jar" "$cargorisk_root/jobs/target/original-cargorisk-jobs.jar"
  # Plain text: batch mode, no download progress, no colours; Debian's Maven 3.8 still writes
  # ANSI reset codes, so they are stripped too.
  (cd "$cargorisk_root" && mvn -B -q --no-transfer-progress -Dstyle.color=never package -DskipTests 2>&1 \
    | sed $'s/\x1b\\[[0-9;]*[A-Za-z]//g') >&2
}

# The run-time class path of a class path file (Maven's order): Spark's jars first, the AWS SDK
# bundle last, as its unshaded SLF4J binding would otherwise silence Spark's logging.
runtime_classpath() {
  local file="${1:-$cargorisk_classpath_file}" classpath bundle
  classpath="$(tr ':' '\n' <"$file" | grep -v '/bundle-[0-9.]*\.jar$' | paste -sd: -)"
  bundle="$(tr ':' '\n' <"$file" | grep '/bundle-[0-9.]*\.jar$' || true)"
  echo "$classpath${bundle:+:$bundle}"
}

# The JVM options Spark needs on Java 17 (bin/jvm-options), one per line.
jvm_options() {
  grep -v '^#' "$cargorisk_root/bin/jvm-options" | grep -v '^$'
}

# Runs a CargoRisk job through Spark's own SparkSubmit (no Spark installation needed):
#   submit_job JAR CLASSPATH_FILE [JVM -D options...] -- JOB ARGS...
# Environment: CARGORISK_MASTER (default local[2]), CARGORISK_DRIVER_MEMORY (default 4g),
# CARGORISK_SHUFFLE_PARTITIONS (default 8), CARGORISK_SPARK_CONF (extra "--conf k=v" pairs,
# space separated), CARGORISK_SPARK_UI (default false), CARGORISK_LOG_CONFIG (a log4j2
# configuration instead of conf/log4j2.properties), JAVA_HOME.
submit_job() {
  local jar="$1" classpath_file="$2"
  shift 2
  local java_options=()
  while [[ $# -gt 0 && "$1" != -- ]]; do java_options+=("$1"); shift; done
  [[ "${1:-}" == -- ]] && shift
  local options
  mapfile -t options < <(jvm_options)
  export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
  export SPARK_SCALA_VERSION=2.13
  # shellcheck disable=SC2206
  local extra_conf=(${CARGORISK_SPARK_CONF:-})
  exec "$(java_bin)" "-Xmx${CARGORISK_DRIVER_MEMORY:-4g}" "${options[@]}" \
    -Duser.timezone=UTC \
    -Dlog4j2.configurationFile="${CARGORISK_LOG_CONFIG:-$cargorisk_root/conf/log4j2.properties}" \
    "${java_options[@]}" \
    -cp "$(runtime_classpath "$classpath_file")" org.apache.spark.deploy.SparkSubmit \
    --master "${CARGORISK_MASTER:-local[2]}" \
    --conf spark.ui.enabled="${CARGORISK_SPARK_UI:-false}" \
    --conf spark.driver.host=127.0.0.1 \
    --conf spark.sql.shuffle.partitions="${CARGORISK_SHUFFLE_PARTITIONS:-8}" \
    --conf "spark.driver.extraJavaOptions=-Duser.timezone=UTC" \
    --conf "spark.executor.extraJavaOptions=-Duser.timezone=UTC" \
    "${extra_conf[@]}" \
    --class org.cargorisk.jobs.CargoRisk \
    "$jar" "$@"
}

# The test class path of MODULE (its test and main classes, the other modules' and their test
# fixtures, Spark and every test dependency), for the benchmarks that run test-tree classes with
# plain java. One reactor build: reactor modules resolve to their target/ folders, so nothing is
# installed into ~/.m2. Maven's output goes to stderr.
test_classpath() {
  local module="$1"
  (cd "$cargorisk_root" && mvn -B -q -pl "$module" -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test) >&2
  echo "$cargorisk_root/$module/target/test-classes:$cargorisk_root/$module/target/classes:$(cat "$cargorisk_root/$module/target/bench-classpath.txt")"
}

# ---- background processes (the local cluster and S3 server) ----------------------------------
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

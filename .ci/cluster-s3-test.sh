#!/usr/bin/env bash
# Integration test: CargoRisk for real, with real components on loopback (issue 9).
#
#  1. starts s3proxy (filesystem backend) and a Spark standalone cluster (master + 2 workers),
#     and puts a test landing area (FROM..DATE of the small generated landing of
#     .ci/it-landing.sh, generated once and cached) into a bucket through the S3 API;
#  2. runs `nightly --from FROM --date DATE` locally (local[2], local paths): the reference;
#     both models must train and become champions (not the rules-only baseline), or the
#     comparisons below would compare little;
#  3. submits the same nightly to spark://127.0.0.1 with the landing area and the lake on
#     s3a://; its exported scan lists must equal the reference's byte for byte (not reports/:
#     the model reports carry the registration time);
#  4. fault: a re-run of DATE on the cluster loses s3proxy in the middle of its ingest, after its
#     bronze history commit and before the quarantine's: it must fail within a
#     bound with a STORAGE_FAILURE message naming an s3a:// path; after restarting s3proxy a
#     re-run must complete;
#  5. one JVM (.ci/LakeCheck.java) checks the reference is worth comparing with (non-empty scan
#     and firm lists, MODEL picks of a trained model), proves its comparer fails on planted
#     differences, and compares the scan lists (office, rank, container, B/L, selection,
#     reasons, score within 1e-9) and firm lists of the cluster run (Delta time travel to its
#     versions) and of the lake after the outage and re-run with the reference;
#  6. the S3 secret, given only in the environment, must appear nowhere: no log line (jobs,
#     master, workers, executors, s3proxy), no Spark event log (enabled for every run), no
#     export, no raw lake file, and no row of the runs, scan_list, firm_risk, quarantine or
#     model_registry tables.
#
# Self-contained: everything it starts runs on its own ports and state directory and is stopped
# by a trap (also on failure or Ctrl-C). Prints "N passed, N failed" last and exits non-zero on
# any failure. Run it with `nice -n 10` on a shared machine.
#
# Environment (all optional): CARGORISK_IT_DIR (work directory; default a new temp dir, removed
# on success), CARGORISK_IT_FROM (2026-03-01), CARGORISK_IT_DATE (2026-03-29), CARGORISK_IT_LANDING
# and CARGORISK_IT_LANDING_CACHE (see .ci/it-landing.sh; the run before issue 21 was
# CARGORISK_IT_LANDING=data-samples/landing CARGORISK_IT_FROM=2026-02-15 CARGORISK_IT_DATE=2026-03-31),
# CARGORISK_IT_FAULT_AT (the fault run's log line, a grep pattern, at which s3proxy is stopped;
# default the ingest's bronze history commit, so that bronze is written and the quarantine not), CARGORISK_IT_FAULT_AFTER (seconds to wait after that line; 0),
# CARGORISK_IT_FAIL_WITHIN (seconds the run may take to fail after the stop; 90),
# CARGORISK_MASTER_PORT (17077), CARGORISK_MASTER_WEBUI_PORT (18080; workers the next two),
# CARGORISK_IT_S3_PORT (19878).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
script_started=$SECONDS

work="${CARGORISK_IT_DIR:-$(mktemp -d /tmp/cargorisk-it.XXXXXX)}"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
# shellcheck source=.ci/it-landing.sh
source "$root/.ci/it-landing.sh"
from="${CARGORISK_IT_FROM:-$IT_LANDING_FIRST_DAY}"
date="${CARGORISK_IT_DATE:-$IT_LANDING_LAST_DAY}"
fault_at="${CARGORISK_IT_FAULT_AT:-accepted records into s3a://.*/bronze/history}"
fault_after="${CARGORISK_IT_FAULT_AFTER:-0}"
fail_within="${CARGORISK_IT_FAIL_WITHIN:-90}"
s3_port="${CARGORISK_IT_S3_PORT:-19878}"
bucket=cargorisk-it

export CARGORISK_STATE_DIR="$work/state"
export CARGORISK_MASTER_PORT="${CARGORISK_MASTER_PORT:-17077}"
export CARGORISK_MASTER_WEBUI_PORT="${CARGORISK_MASTER_WEBUI_PORT:-18080}"
export CARGORISK_DRIVER_MEMORY="${CARGORISK_DRIVER_MEMORY:-2g}"
# The credentials: only in the environment (of the driver, and of the workers, whose executors
# inherit it). The secret is fresh for every run, so that finding it anywhere proves a leak.
export AWS_ACCESS_KEY_ID="cargorisk-it-key"
AWS_SECRET_ACCESS_KEY="it-secret-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
export AWS_SECRET_ACCESS_KEY
export AWS_REGION=us-east-1

# Spark event logs of every run, searched for the secret like the other logs: plain JSON, one
# file per application (Spark 4 writes rolled, zstd-compressed logs by default, in which a
# plain-text search finds nothing).
events="$work/events"
mkdir -p "$events"
event_conf="--conf spark.eventLog.enabled=true --conf spark.eventLog.dir=file://$events"
event_conf+=" --conf spark.eventLog.compress=false --conf spark.eventLog.rolling.enabled=false"
# The s3a settings of the cluster runs (DEPLOY.md explains each). Bounded: one SDK attempt and one
# S3A retry per call, 5 s to connect, 15 s per request; Spark retries a failed task 4 times.
s3a_conf=(
  "--conf spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:$s3_port"
  "--conf spark.hadoop.fs.s3a.endpoint.region=us-east-1"
  "--conf spark.hadoop.fs.s3a.path.style.access=true"
  "--conf spark.hadoop.fs.s3a.connection.ssl.enabled=false"
  "--conf spark.hadoop.fs.s3a.attempts.maximum=1"
  "--conf spark.hadoop.fs.s3a.retry.limit=1"
  "--conf spark.hadoop.fs.s3a.retry.interval=500ms"
  "--conf spark.hadoop.fs.s3a.connection.establish.timeout=5s"
  "--conf spark.hadoop.fs.s3a.connection.timeout=15s"
  "--conf spark.executor.memory=1g"
  "--conf spark.cores.max=2"
  "$event_conf"
)

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "PASS: $*"; }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
log() { echo "== $(date -u +%T) (+$((SECONDS - script_started)) s) $*"; }

background_pids=()
# Stops a background job (a subshell) and its children, e.g. a driver JVM.
stop_background() {
  local pid="$1"
  if kill -0 "$pid" 2>/dev/null; then
    pkill -TERM -P "$pid" 2>/dev/null || true
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
}
cleanup() {
  local pid
  for pid in "${background_pids[@]}"; do stop_background "$pid"; done
  background_pids=()
  bin/spark-cluster stop >/dev/null 2>&1 || true
  bin/s3-server stop >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

finish() {
  cleanup
  echo "total $((SECONDS - script_started)) s"
  echo "$passed passed, $failed failed"
  if [[ "$failed" -eq 0 && -z "${CARGORISK_IT_DIR:-}" ]]; then
    rm -rf "$work"
  elif [[ "$failed" -ne 0 ]]; then
    echo "work directory kept: $work"
  fi
  [[ "$failed" -eq 0 ]]
  exit $?
}

port_free() { ! (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Runs one nightly with the given master / conf; output to $work/<name>.log; returns its code.
nightly() {
  local name="$1" master="$2" conf="$3"
  shift 3
  CARGORISK_MASTER="$master" CARGORISK_SPARK_CONF="$conf" \
    bin/cargorisk nightly --config "$config" "$@" >"$work/$name.log" 2>&1
}

# The latest commit version of a Delta table folder (local path).
delta_version() {
  local last
  last="$(find "$1/_delta_log" -maxdepth 1 -name '*.json' -printf '%f\n' 2>/dev/null | sort | tail -n1)"
  [[ -n "$last" ]] && echo $((10#${last%.json}))
}

# ---- 0. build when missing or stale (after `mvn verify` in CI it is neither) ------------------
log "work directory $work; nightly --from $from --date $date on the test landing"
for port in "$CARGORISK_MASTER_PORT" "$CARGORISK_MASTER_WEBUI_PORT" $((CARGORISK_MASTER_WEBUI_PORT + 1)) \
    $((CARGORISK_MASTER_WEBUI_PORT + 2)) "$s3_port"; do
  port_free "$port" || { fail "port $port is in use (set CARGORISK_MASTER_PORT / CARGORISK_MASTER_WEBUI_PORT / CARGORISK_IT_S3_PORT)"; finish; }
done
# shellcheck source=bin/lib.sh
source "$root/bin/lib.sh"
jar="$cargorisk_jar"
if jar_is_stale; then
  log "building the application jar"
  mvn -B -q package -DskipTests >"$work/build.log" 2>&1 || { fail "build (see $work/build.log)"; finish; }
fi
classpath="$(runtime_classpath)"

# ---- 1. test configuration and landing area, s3proxy, cluster, upload ------------------------
# conf/cargorisk.properties with one validation week and a label delay of 2 days instead of 3
# weeks and 7 days (the generated landing's 29 dates give features from FROM + 14 days only; see
# .ci/it-landing.sh) and 20 trees instead of 60 (speed; still a real GBT).
config="$work/cargorisk-it.properties"
# The jobs' log files (Spark, Delta and CargoRisk's INFO lines; the console has only the step
# lines) in the work directory: the fault run is stopped at a line of its log file, and the
# secret search below covers them.
job_logs="$work/job-logs"
sed -e 's/^model.validation-weeks *=.*/model.validation-weeks = 1/' \
    -e 's/^model.label-delay-days *=.*/model.label-delay-days = 2/' \
    -e 's/^model.gbt.max-iter *=.*/model.gbt.max-iter = 20/' \
    -e "s|^log.dir *=.*|log.dir = $job_logs|" conf/cargorisk.properties >"$config"
grep -q '^model.validation-weeks = 1' "$config" && grep -q '^model.label-delay-days = 2' "$config" \
  && grep -q '^model.gbt.max-iter = 20' "$config" && grep -q "^log.dir = $job_logs" "$config" \
  || { fail "cannot derive the test configuration from conf/cargorisk.properties"; finish; }

# The landing (generated into the cache on first use), its folders FROM..DATE as links, and
# the firm registry as of FROM on FROM (.ci/it-landing.sh).
log "test landing area (generated on first use)"
t0=$SECONDS
source_landing="$(it_landing "$root" "$work/generate.log")" \
  || { fail "generating the test landing (see $work/generate.log)"; finish; }
landing="$work/landing"
it_landing_slice "$source_landing" "$from" "$date" "$landing" link
pass "test landing $from..$date from $source_landing ($(find -L "$landing" -type f | wc -l) files; $((SECONDS - t0)) s)"

log "starting s3proxy on $s3_port and the standalone cluster on $CARGORISK_MASTER_PORT"
if bin/s3-server start "$s3_port" >"$work/s3-start.log" 2>&1 && bin/spark-cluster start >"$work/cluster-start.log" 2>&1; then
  pass "s3proxy and the standalone cluster (2 workers) started"
else
  fail "starting s3proxy / the cluster (see $work/s3-start.log, $work/cluster-start.log)"
  finish
fi
# The bucket and the landing area, through the S3 API (curl's SigV4; the credentials go to curl
# on stdin, not on its command line).
s3_request() {
  curl -sS -f -K - --aws-sigv4 "aws:amz:us-east-1:s3" -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" \
    "$@" <<<"user = \"$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY\""
}
upload_landing() {
  s3_request -X PUT "http://127.0.0.1:$s3_port/$bucket" || return 1
  local file key count=0
  while IFS= read -r file; do
    key="landing/${file#"$landing/"}"
    s3_request -T "$file" "http://127.0.0.1:$s3_port/$bucket/${key//=/%3D}" || return 1
    count=$((count + 1))
  done < <(find -L "$landing" -type f ! -name '*.crc' ! -name '_SUCCESS')
  echo "$count"
}
# The upload runs beside the local reference run (curl is light; the run is CPU-bound).
upload_landing >"$work/upload.out" 2>"$work/upload.log" &
upload_pid=$!
background_pids+=("$upload_pid")

# ---- 2. the local reference run ---------------------------------------------------------------
log "local reference nightly"
t0=$SECONDS
if nightly local "local[2]" "$event_conf" --from "$from" --date "$date" \
    --landing "$landing" --lake "$work/lake-local" --export "$work/export-local"; then
  pass "local nightly --from $from --date $date ($((SECONDS - t0)) s)"
else
  fail "local nightly (see $work/local.log)"
  finish
fi
# Both models trained and serve: the configured algorithms, not the rules-only baseline that
# serves when a model does not beat it (lists scored by rules alone would prove little).
container_algorithm="$(sed -n 's/^model.algorithm *= *//p' "$config")"
firm_algorithm="$(sed -n 's/^model.firm.algorithm *= *//p' "$config")"
if grep -qE "^container-v[0-9]+ registered as CHAMPION \($container_algorithm\)" "$work/local.log" \
    && grep -qE "^firm-v[0-9]+ registered as CHAMPION \($firm_algorithm\)" "$work/local.log"; then
  pass "the reference trained both models and made them champions: $(grep -oE '^(container|firm)-v[0-9]+ registered as CHAMPION \([a-z]+\)' "$work/local.log" | sed 's/ registered as CHAMPION//' | paste -sd ' ')"
else
  fail "the reference did not make a $container_algorithm container model and a $firm_algorithm firm model champions (see $work/local.log)"
fi
wait "$upload_pid"
upload_code=$?
background_pids=()
uploaded="$(cat "$work/upload.out")"
if [[ "$upload_code" -eq 0 && "${uploaded:-0}" -gt 0 ]]; then
  pass "bucket created and $uploaded landing files uploaded through the S3 API"
else
  fail "upload to s3proxy (see $work/upload.log)"
  finish
fi

# ---- 3. the cluster run on s3a:// -------------------------------------------------------------
master="spark://127.0.0.1:$CARGORISK_MASTER_PORT"
s3_lake="s3a://$bucket/lake"
s3_lake_dir="$CARGORISK_STATE_DIR/s3-data/$bucket/lake"
log "cluster nightly on s3a://"
t0=$SECONDS
if nightly cluster "$master" "${s3a_conf[*]}" --from "$from" --date "$date" \
    --landing "s3a://$bucket/landing" --lake "$s3_lake" --export "$work/export-s3"; then
  pass "cluster nightly on s3a:// ($((SECONDS - t0)) s)"
else
  fail "cluster nightly on s3a:// (see $work/cluster.log)"
  finish
fi
if ls "$CARGORISK_STATE_DIR"/worker-1/app-* "$CARGORISK_STATE_DIR"/worker-2/app-* >/dev/null 2>&1; then
  pass "the run used executors on both standalone workers"
else
  fail "no application ran on both standalone workers (see $CARGORISK_STATE_DIR)"
fi
scan_version="$(delta_version "$s3_lake_dir/gold/scan_list")"
firm_version="$(delta_version "$s3_lake_dir/gold/firm_risk")"
if diff -r -x reports "$work/export-local" "$work/export-s3" >"$work/export.diff" 2>&1; then
  pass "exported files equal the local run's ($(find "$work/export-s3" -type f | wc -l) files)"
else
  fail "exported files differ (see $work/export.diff)"
fi

# ---- 4. fault: s3proxy stopped in the middle of a run -----------------------------------------
log "fault: stopping s3proxy at the bronze commit of a re-run of $date"
touch "$work/fault.started"
nightly fault "$master" "${s3a_conf[*]}" --date "$date" \
  --landing "s3a://$bucket/landing" --lake "$s3_lake" --export "$work/export-fault" &
fault_pid=$!
background_pids+=("$fault_pid")
# In the middle: once the ingest has committed the bronze history (the quarantine comes next).
for _ in $(seq 1 1200); do
  # The run's own log file: the one in $job_logs written since it started.
  fault_logs=("$work/fault.log")
  mapfile -t -O 1 fault_logs < <(find "$job_logs" -name '*.log' -newer "$work/fault.started" 2>/dev/null)
  grep -q -e "$fault_at" "${fault_logs[@]}" 2>/dev/null && break
  kill -0 "$fault_pid" 2>/dev/null || break
  sleep 0.5
done
sleep "$fault_after"
if kill -0 "$fault_pid" 2>/dev/null; then
  bin/s3-server stop >/dev/null
  stopped_at=$SECONDS
  # Wait for the run, bounded: a hang is a failure too.
  for _ in $(seq 1 $((fail_within * 2 + 120))); do
    kill -0 "$fault_pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$fault_pid" 2>/dev/null; then
    fail "the run still hangs $((SECONDS - stopped_at)) s after s3proxy stopped"
    stop_background "$fault_pid"
  fi
  wait "$fault_pid"
  code=$?
  background_pids=()
  took=$((SECONDS - stopped_at))
  message="$(grep '^cargorisk nightly:' "$work/fault.log" | head -n1)"
  echo "the run ended with exit code $code, ${took} s after s3proxy stopped: $message"
  if [[ "$code" -eq 1 && "$took" -le "$fail_within" ]]; then
    pass "storage outage: the run failed (exit $code) ${took} s after the stop (limit ${fail_within} s)"
  else
    fail "storage outage: exit $code after ${took} s (expected 1 within ${fail_within} s; see $work/fault.log)"
  fi
  if grep -q 'STORAGE_FAILURE' <<<"$message" && grep -q "s3a://$bucket/" <<<"$message" \
      && grep -qi 'reachable' <<<"$message"; then
    pass "storage outage: the message says STORAGE_FAILURE, names the s3a:// path and the fix"
  else
    fail "storage outage: no clear storage message (see $work/fault.log)"
  fi
else
  wait "$fault_pid"
  background_pids=()
  fail "the fault run ended before s3proxy was stopped (see $work/fault.log)"
fi

log "restarting s3proxy; re-running $date"
bin/s3-server start "$s3_port" >>"$work/s3-start.log" 2>&1
t0=$SECONDS
if nightly rerun "$master" "${s3a_conf[*]}" --date "$date" \
    --landing "s3a://$bucket/landing" --lake "$s3_lake" --export "$work/export-rerun"; then
  pass "re-run after the outage completed ($((SECONDS - t0)) s)"
else
  fail "re-run after the outage (see $work/rerun.log)"
fi
# (nightly exports the scan lists of --date only: the reference's exports are those of $date.)
if diff -r -x reports "$work/export-local" "$work/export-rerun" >"$work/export-rerun.diff" 2>&1; then
  pass "the re-run's exports equal the reference's"
else
  fail "the re-run's exports differ (see $work/export-rerun.diff)"
fi
bin/spark-cluster stop >/dev/null 2>&1
bin/s3-server stop >/dev/null 2>&1

# ---- 5. scan and firm lists: the cluster run and the lake after the re-run vs the reference ---
log "comparing the lists with the reference (and the comparer with planted differences)"
SPARK_LOCAL_IP=127.0.0.1 java -Xmx1g $(jvm_options | tr '\n' ' ') \
  -Dlog4j2.configurationFile="$root/conf/log4j2.properties" -cp "$classpath" .ci/LakeCheck.java \
  --reference "$work/lake-local" --self-check \
  --compare "cluster=$s3_lake_dir@$scan_version,$firm_version" \
  --compare "after-rerun=$s3_lake_dir" \
  --dump "$work/tables" >"$work/lake-check.out" 2>"$work/lake-check.log"
lake_check=$?
passed=$((passed + $(grep -c '^PASS:' "$work/lake-check.out")))
failed=$((failed + $(grep -c '^FAIL:' "$work/lake-check.out")))
cat "$work/lake-check.out"
if [[ "$lake_check" -ne 0 ]] && ! grep -q '^FAIL:' "$work/lake-check.out"; then
  fail "LakeCheck exited with $lake_check (see $work/lake-check.log)"
fi

# ---- 6. the secret appears nowhere ------------------------------------------------------------
# (The failed run cannot record itself: its store was down; its log says so.)
runs="$(cat "$work"/tables/after-rerun-gold-runs.jsonl 2>/dev/null | wc -l)"
succeeded="$(grep -c '"outcome":"SUCCEEDED"' "$work"/tables/after-rerun-gold-runs.jsonl 2>/dev/null)"
if [[ "${succeeded:-0}" -ge 2 ]]; then
  pass "runs table read: $runs records, $succeeded succeeded (the cluster run and the re-run)"
else
  fail "runs table has ${succeeded:-0} succeeded records, expected 2: the cluster run and the re-run"
fi
event_logs="$(find "$events" -type f | wc -l)"
if [[ "$event_logs" -ge 4 ]] && grep -q '"fs.s3a.secret.key":"\*\*\*\*\*\*\*\*\*(redacted)"' "$events"/* ; then
  pass "$event_logs Spark event logs written; they hold fs.s3a.secret.key (copied by Spark from the environment) only redacted"
else
  fail "expected 4 event logs with a redacted fs.s3a.secret.key, found $event_logs logs (see $events)"
fi
# Control: the search finds the secret where it must be (s3proxy's owner-only credentials file).
if grep -qrF -e "$AWS_SECRET_ACCESS_KEY" "$CARGORISK_STATE_DIR/s3proxy.properties" \
    && [[ "$(stat -c %a "$CARGORISK_STATE_DIR/s3proxy.properties")" == 600 ]]; then
  pass "control: the search finds the secret in s3proxy's owner-only credentials file"
else
  fail "control: the secret is not in s3proxy.properties, or the file is not owner-only"
fi
# Everything else: job logs, event logs, exports, table dumps, both lakes' raw files, master,
# worker, executor and s3proxy logs (grep -r does not follow the symbolic links to jars).
leaks="$(grep -rlF --exclude=s3proxy.properties -e "$AWS_SECRET_ACCESS_KEY" "$work" 2>/dev/null)"
searched="$(find "$work" -type f ! -name s3proxy.properties | wc -l)"
if [[ -z "$leaks" && "$searched" -gt 0 ]]; then
  pass "the secret appears in none of $searched files: $(find "$work" -maxdepth 1 -name '*.log' | wc -l) job logs, $event_logs event logs, $(find "$CARGORISK_STATE_DIR" -name '*.log' -o -name stderr -o -name stdout | wc -l) server/executor logs, $(find "$work"/export-* -type f | wc -l) exports, $(find "$work/tables" -type f | wc -l) table dumps, the lakes' files"
else
  fail "the secret leaks into: $leaks"
fi

finish

#!/usr/bin/env bash
# Integration test: CargoRisk for real, with real components on loopback (issue 9).
#
#  1. generates a small landing area and runs `nightly` locally (local[2], local paths): the
#     reference;
#  2. starts s3proxy (filesystem backend) and a Spark standalone cluster (master + 2 workers),
#     puts the landing area into a bucket, submits the same nightly to spark://127.0.0.1 with the
#     landing area and the lake on s3a://, and compares its scan lists with the reference;
#  3. checks that the S3 secret, given only in the environment, appears in no log line (job
#     output, master/worker/executor logs, s3proxy log) and in no row of the runs table;
#  4. stops s3proxy in the middle of a run: the run must fail within a bounded time with a
#     message naming the storage problem; after restarting the server a re-run must complete
#     with the reference scan lists.
#
# Self-contained: everything it starts runs on its own ports and state directory and is stopped
# by a trap. Prints "N passed, N failed" last and exits non-zero on any failure.
#
# Environment (all optional): CARGORISK_IT_DIR (work directory; default a new temp dir, removed
# on success), CARGORISK_IT_DAYS (30), CARGORISK_IT_MANIFESTS (60), CARGORISK_IT_FAULT_AFTER
# (seconds before stopping s3proxy; 25), CARGORISK_IT_FAIL_WITHIN (seconds the failed run may
# take after the stop; 120), CARGORISK_MASTER_PORT (17077), CARGORISK_MASTER_WEBUI_PORT (18080),
# CARGORISK_IT_S3_PORT (19878).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

work="${CARGORISK_IT_DIR:-$(mktemp -d /tmp/cargorisk-it.XXXXXX)}"
mkdir -p "$work"
days="${CARGORISK_IT_DAYS:-30}"
manifests="${CARGORISK_IT_MANIFESTS:-60}"
fault_after="${CARGORISK_IT_FAULT_AFTER:-25}"
fail_within="${CARGORISK_IT_FAIL_WITHIN:-120}"
s3_port="${CARGORISK_IT_S3_PORT:-19878}"
start_date=2026-01-01
last_date="$(date -u -d "$start_date + $((days - 1)) days" +%F)"
bucket=cargorisk-it

export CARGORISK_STATE_DIR="$work/state"
export CARGORISK_MASTER_PORT="${CARGORISK_MASTER_PORT:-17077}"
export CARGORISK_MASTER_WEBUI_PORT="${CARGORISK_MASTER_WEBUI_PORT:-18080}"
export CARGORISK_DRIVER_MEMORY="${CARGORISK_DRIVER_MEMORY:-2g}"
# The credentials: only in the environment. The secret is fresh for every run, so that finding
# it anywhere proves a leak.
export AWS_ACCESS_KEY_ID="cargorisk-it-key"
AWS_SECRET_ACCESS_KEY="it-secret-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
export AWS_SECRET_ACCESS_KEY
export AWS_REGION=us-east-1

s3a_conf=(
  "--conf spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:$s3_port"
  "--conf spark.hadoop.fs.s3a.endpoint.region=us-east-1"
  "--conf spark.hadoop.fs.s3a.path.style.access=true"
  "--conf spark.hadoop.fs.s3a.connection.ssl.enabled=false"
  "--conf spark.hadoop.fs.s3a.attempts.maximum=1"
  "--conf spark.hadoop.fs.s3a.retry.limit=1"
  "--conf spark.hadoop.fs.s3a.connection.establish.timeout=5s"
  "--conf spark.hadoop.fs.s3a.connection.timeout=15s"
  "--conf spark.executor.memory=1g"
  "--conf spark.cores.max=2"
)

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "PASS: $*"; }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
log() { echo "== $(date -u +%T) $*"; }

background_pid=""
cleanup() {
  if [[ -n "$background_pid" ]] && kill -0 "$background_pid" 2>/dev/null; then
    # The background run is a subshell whose child is the driver JVM: stop both.
    pkill -TERM -P "$background_pid" 2>/dev/null || true
    kill "$background_pid" 2>/dev/null || true
    wait "$background_pid" 2>/dev/null || true
  fi
  bin/spark-cluster stop >/dev/null 2>&1 || true
  bin/s3-server stop >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

finish() {
  echo "$passed passed, $failed failed"
  if [[ "$failed" -eq 0 && -z "${CARGORISK_IT_DIR:-}" ]]; then
    cleanup
    rm -rf "$work"
  elif [[ "$failed" -ne 0 ]]; then
    echo "work directory kept: $work"
  fi
  [[ "$failed" -eq 0 ]]
  exit $?
}

cp_file="$root/jobs/target/classpath.txt"
# Prints a Delta table's rows as sorted JSON lines without the given columns (small tables only).
dump_table() {
  local table="$1"
  shift
  local cp
  cp="$(tr ':' '\n' <"$cp_file" | grep -v '/bundle-[0-9.]*\.jar$' | paste -sd: -)"
  SPARK_LOCAL_IP=127.0.0.1 java -Xmx1g $(grep -v '^#' bin/jvm-options | grep -v '^$' | tr '\n' ' ') \
    -Dlog4j2.configurationFile="$root/conf/log4j2.properties" \
    -cp "$cp" .ci/DumpTable.java "$table" "$@" 2>>"$work/dump.log" | LC_ALL=C sort
}

# The scan lists of a lake (gold/scan_list), without the columns that differ between runs.
scan_list_rows() {
  dump_table "$1/gold/scan_list" run_id generated_at created_at scored_at _run_id
}

# Runs one nightly with the given master / conf; output to $work/<name>.log; returns its code.
nightly() {
  local name="$1" master="$2" conf="$3"
  shift 3
  CARGORISK_MASTER="$master" CARGORISK_SPARK_CONF="$conf" \
    bin/cargorisk nightly "$@" >"$work/$name.log" 2>&1
}

# ---- 0. build once (bin/cargorisk would build too, but not concurrently with itself) ----------
log "work directory $work; $days days x $manifests manifests; last date $last_date"
(cd "$root" && mvn -B -q package -DskipTests) >"$work/build.log" 2>&1 \
  || { fail "build (see $work/build.log)"; finish; }

# ---- 1. landing area and the local reference run ----------------------------------------------
log "generating the landing area"
if bin/cargorisk generate --out "$work/landing" --days "$days" --manifests-per-day "$manifests" \
    --seed 20261124 --inspection-rate 0.3 --start-date "$start_date" >"$work/generate.log" 2>&1; then
  pass "generate $days days x $manifests manifests"
else
  fail "generate (see $work/generate.log)"
  finish
fi

log "local reference nightly"
t0=$SECONDS
if nightly local "local[2]" "" --from "$start_date" --date "$last_date" \
    --landing "$work/landing" --lake "$work/lake-local" --export "$work/export-local"; then
  pass "local nightly --from $start_date --date $last_date ($((SECONDS - t0)) s)"
else
  fail "local nightly (see $work/local.log)"
  finish
fi
scan_list_rows "$work/lake-local" >"$work/scan-local.jsonl"
if [[ -s "$work/scan-local.jsonl" ]]; then
  pass "reference scan lists: $(wc -l <"$work/scan-local.jsonl") rows"
else
  fail "the local run wrote no scan list rows (see $work/dump.log)"
  finish
fi

# ---- 2. s3proxy + standalone cluster; nightly on s3a:// ---------------------------------------
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
    key="landing/${file#"$work/landing/"}"
    s3_request -T "$file" "http://127.0.0.1:$s3_port/$bucket/${key//=/%3D}" || return 1
    count=$((count + 1))
  done < <(find "$work/landing" -type f ! -path '*/_truth/*' ! -name '*.crc' ! -name '_SUCCESS')
  echo "$count"
}
if uploaded="$(upload_landing 2>"$work/upload.log")" && [[ "$uploaded" -gt 0 ]]; then
  pass "bucket created and $uploaded landing files uploaded through the S3 API"
else
  fail "upload to s3proxy (see $work/upload.log)"
  finish
fi

master="spark://127.0.0.1:$CARGORISK_MASTER_PORT"
s3_lake="s3a://$bucket/lake"
s3_args=(--from "$start_date" --date "$last_date" --landing "s3a://$bucket/landing" --lake "$s3_lake" --export "$work/export-s3")
log "cluster nightly on s3a://"
t0=$SECONDS
if nightly cluster "$master" "${s3a_conf[*]}" "${s3_args[@]}"; then
  pass "cluster nightly on s3a:// ($((SECONDS - t0)) s)"
else
  fail "cluster nightly on s3a:// (see $work/cluster.log)"
fi
if grep -q "app-" "$CARGORISK_STATE_DIR"/spark-master.log 2>/dev/null && ls "$CARGORISK_STATE_DIR"/worker-*/app-* >/dev/null 2>&1; then
  pass "the run used the standalone cluster's executors"
else
  fail "no application ran on the standalone workers"
fi
s3_lake_dir="$CARGORISK_STATE_DIR/s3-data/$bucket/lake"
scan_list_rows "$s3_lake_dir" >"$work/scan-s3.jsonl"
if [[ -s "$work/scan-s3.jsonl" ]] && cmp -s "$work/scan-local.jsonl" "$work/scan-s3.jsonl"; then
  pass "scan lists on s3a:// equal the local run's ($(wc -l <"$work/scan-s3.jsonl") rows)"
else
  fail "scan lists differ: diff $work/scan-local.jsonl $work/scan-s3.jsonl"
fi
if diff -r "$work/export-local" "$work/export-s3" >"$work/export.diff" 2>&1; then
  pass "exported scan-list files equal the local run's"
else
  fail "exported files differ (see $work/export.diff)"
fi

# ---- 4. fault: s3proxy stopped in the middle of a run -----------------------------------------
# (Before the secret check, so that the failed run's logs are searched too.)
log "fault: stopping s3proxy ${fault_after}s into a re-run of $last_date"
nightly fault "$master" "${s3a_conf[*]}" --date "$last_date" \
  --landing "s3a://$bucket/landing" --lake "$s3_lake" --export "$work/export-fault" &
background_pid=$!
sleep "$fault_after"
if kill -0 "$background_pid" 2>/dev/null; then
  bin/s3-server stop >/dev/null
  stopped_at=$SECONDS
  # Wait for the run, bounded: a hang is a failure too.
  for _ in $(seq 1 $((fail_within * 2 + 60))); do
    kill -0 "$background_pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$background_pid" 2>/dev/null; then
    fail "the run still hangs $((SECONDS - stopped_at)) s after s3proxy stopped"
    pkill -TERM -P "$background_pid" 2>/dev/null
    kill "$background_pid" 2>/dev/null
  fi
  wait "$background_pid"
  code=$?
  background_pid=""
  took=$((SECONDS - stopped_at))
  echo "the run ended with exit code $code, ${took} s after s3proxy stopped"
  if [[ "$code" -ne 0 && "$took" -le "$fail_within" ]]; then
    pass "storage outage: run failed (exit $code) within ${took} s (limit ${fail_within} s)"
  else
    fail "storage outage: exit $code after ${took} s (expected non-zero within ${fail_within} s)"
  fi
  message="$(grep '^cargorisk nightly:' "$work/fault.log" | head -n1)"
  echo "message: $message"
  if grep -qi 'storage' <<<"$message" && grep -qiE 's3a|127\.0\.0\.1|unreachable|connect' <<<"$message"; then
    pass "storage outage: the message names the storage problem"
  else
    fail "storage outage: no clear storage message (see $work/fault.log)"
  fi
else
  wait "$background_pid"
  background_pid=""
  fail "the fault run ended before s3proxy was stopped (raise CARGORISK_IT_FAULT_AFTER? see $work/fault.log)"
fi

log "restarting s3proxy; re-running $last_date"
bin/s3-server start "$s3_port" >>"$work/s3-start.log" 2>&1
t0=$SECONDS
if nightly rerun "$master" "${s3a_conf[*]}" --date "$last_date" \
    --landing "s3a://$bucket/landing" --lake "$s3_lake" --export "$work/export-rerun"; then
  pass "re-run after the outage completed ($((SECONDS - t0)) s)"
else
  fail "re-run after the outage (see $work/rerun.log)"
fi
scan_list_rows "$s3_lake_dir" >"$work/scan-rerun.jsonl"
if [[ -s "$work/scan-rerun.jsonl" ]] && cmp -s "$work/scan-local.jsonl" "$work/scan-rerun.jsonl"; then
  pass "scan lists after the re-run equal the reference"
else
  fail "scan lists after the re-run differ: diff $work/scan-local.jsonl $work/scan-rerun.jsonl"
fi

# ---- 3. the secret appears in no log line and no table row ------------------------------------
bin/spark-cluster stop >/dev/null 2>&1
dump_table "$s3_lake_dir/gold/runs" >"$work/runs-s3.jsonl"
runs="$(wc -l <"$work/runs-s3.jsonl")"
if [[ "$runs" -ge 2 ]]; then
  pass "runs table read: $runs records"
else
  fail "runs table has $runs records, expected at least 2: the cluster run and the re-run (see $work/dump.log)"
fi
# Every log: job output, master/worker logs, executor stdout/stderr in the workers' work dirs,
# s3proxy's log. Not the owner-only s3proxy.properties, which must hold the secret.
leaks="$(grep -rlF --exclude=s3proxy.properties -e "$AWS_SECRET_ACCESS_KEY" \
  "$work"/*.log "$work"/*.jsonl "$CARGORISK_STATE_DIR"/*.log "$CARGORISK_STATE_DIR"/worker-* 2>/dev/null)"
logs="$(find "$work" -maxdepth 1 -name '*.log' | wc -l) job logs, $(find "$CARGORISK_STATE_DIR" -name '*.log' -o -name stderr -o -name stdout | wc -l) server/executor logs"
if [[ -z "$leaks" ]]; then
  pass "the secret appears in none of $logs and no runs row"
else
  fail "the secret leaks into: $leaks"
fi
if grep -q "$AWS_ACCESS_KEY_ID" "$CARGORISK_STATE_DIR/s3proxy.properties" 2>/dev/null \
    && [[ "$(stat -c %a "$CARGORISK_STATE_DIR/s3proxy.properties")" == 600 ]]; then
  pass "s3proxy's credentials file is owner-only"
else
  fail "s3proxy's credentials file is missing or not owner-only"
fi

finish

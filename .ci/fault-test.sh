#!/usr/bin/env bash
# Fault test (issue 12): real processes, real SIGKILL, real Delta tables.
#
#  1. Builds once; copies FIRST..LAST of the small generated landing of .ci/it-landing.sh
#     (generated once and cached; 2026-03-01..03-29, with the firm registry as of FIRST on
#     FIRST) and adds, on the fault date, a good firm, a shifted-fields firms CSV line and a
#     broken JSON firms line carrying a director name and bank account that must reach no
#     analyst-facing table.
#  2. Base lake: nightly --from FIRST --date BASE --train always (small GBT), once; both models
#     must train (a container and a firm model of the configured algorithms registered), so
#     that the runs below score with trained models as a real night does.
#  3. Two nightlies for the same date (FAULT, --train never) started at once on a copy of the
#     base lake: one succeeds, the other exits 1 with CONCURRENT_RUN naming the holder's run id,
#     host, pid and start. The winner's lake (minus the refused run's FAILED record in the runs
#     table) is the clean reference of the kill points: a refused run that changed any table
#     would make every re-run below differ from it. (Until 2026-12-07 a separate clean run was
#     the reference and the concurrent lake was compared with it: one nightly more.)
#  4. For each kill point, a fresh copy of the base lake runs the same nightly; the script watches
#     its log (or the table's Delta log) and sends kill -9 to the driver JVM at the point:
#       ingest-validating   ingest read and validated, nothing committed yet
#       ingest-history      right after the ingest's bronze commit (bronze/history; the
#                           quarantine not yet). Before issue 22's append-only ingest there
#                           were seven bronze MERGEs and two kill points between them.
#       features-firm       after silver/firm_features, before silver/container_features
#       score-scan-list     after gold/scan_list, before gold/firm_risk and the exports
#     The killed lake is snapshotted: every table must equal either the base's or the clean
#     run's (whole commits only, nothing half-written), and the lake lock must be left behind.
#     Then the same nightly re-runs: it must take the stale lock over, record the killed run as
#     ABANDONED, and end with tables (bronze, quarantine, restricted, silver, gold, runs minus
#     the killed run's record) and exports identical to the clean run's.
#  5. Secrets given only in the environment (AWS_SECRET_ACCESS_KEY, CARGORISK_PSEUDONYM_KEY)
#     appear in no log, table row, Delta log, export or Spark event log; the malformed firms'
#     director name and bank account appear in no analyst-facing table, log, export or event log,
#     only in restricted/quarantine_raw, whose folder is owner-only.
#
# Each scenario's lake is dumped (.ci/DumpLake.java, one JVM per scenario) and compared as soon as
# it ends. Prints "N passed, N failed" and the figures last; exits non-zero on any failure.
# Cost: 1 base nightly over 4 weeks with training, then 2 (at once, one refused) + 2 per kill
# point single-date nightlies and a dump JVM per scenario (see the closing figures for what was measured).
# Environment (optional): CARGORISK_FAULT_DIR (work directory; default a new temp dir, removed on
# success), CARGORISK_FAULT_POINTS (space-separated subset of the kill points above),
# CARGORISK_FAULT_FIRST_DAY (first landing date of the slice, default 2026-03-01) and
# CARGORISK_FAULT_LAST_DAY (fault date, default 2026-03-29): the base trains both models at the
# day before the fault date on one validation week with a label delay of 2 days (the derived
# configuration below), which needs labelled rows and hits in the validation week and in the
# days between the end of the warm-up (FIRST + 14) and that week; .ci/it-landing.sh explains how
# the generated landing provides them. (The 89-date slice of data-samples/landing used before
# issue 21, CARGORISK_IT_LANDING=data-samples/landing with FIRST 2026-01-01 and LAST 2026-03-31,
# still works; slices of the sample with bases at 2026-02-11 and 2026-03-04 failed with
# INSUFFICIENT_DATA, its container outcomes landing weeks after filing.) CARGORISK_IT_LANDING and
# CARGORISK_IT_LANDING_CACHE: see .ci/it-landing.sh. CARGORISK_FAULT_REUSE (non-empty:
# with CARGORISK_FAULT_DIR, reuse the jar and base lake of an earlier run there).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

work="${CARGORISK_FAULT_DIR:-$(mktemp -d /tmp/cargorisk-fault.XXXXXX)}"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
# shellcheck source=.ci/it-landing.sh
source "$root/.ci/it-landing.sh"
first_day="${CARGORISK_FAULT_FIRST_DAY:-$IT_LANDING_FIRST_DAY}"
fault_day="${CARGORISK_FAULT_LAST_DAY:-$IT_LANDING_LAST_DAY}"
base_day="$(date -u -d "$fault_day - 1 day" +%F)"
points="${CARGORISK_FAULT_POINTS:-ingest-validating ingest-history features-firm score-scan-list}"

# Secrets only in the environment, fresh per work directory: finding one anywhere proves a leak.
# (Kept in an owner-only file of the work directory so that CARGORISK_FAULT_REUSE hashes with
# the same key as the reused lakes; that file is not searched.)
AWS_ACCESS_KEY_ID="fault-test-key-id"
if [[ -n "${CARGORISK_FAULT_REUSE:-}" && -f "$work/secrets" ]]; then
  { read -r AWS_SECRET_ACCESS_KEY; read -r CARGORISK_PSEUDONYM_KEY; } <"$work/secrets"
else
  AWS_SECRET_ACCESS_KEY="fault-secret-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  CARGORISK_PSEUDONYM_KEY="fault-pseudonym-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  (umask 077 && printf '%s\n%s\n' "$AWS_SECRET_ACCESS_KEY" "$CARGORISK_PSEUDONYM_KEY" >"$work/secrets")
fi
export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY CARGORISK_PSEUDONYM_KEY
# Personal data of the malformed firms records (must stay out of analyst-facing places).
hidden_director="Hendrika Faultline-Verborgen"
hidden_account="NL02FAULT0123456789"
json_director="Casimir Brokenjson-Hidden"

passed=0
failed=0
runs=0
kills=0
lost=0
extra=0
compared=0
pass() { passed=$((passed + 1)); echo "PASS: $*"; }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
log() { echo "== $(date -u +%T) $*"; }

active_pid=""
cleanup() {
  if [[ -n "$active_pid" ]] && kill -0 "$active_pid" 2>/dev/null; then
    kill -9 "$active_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

finish() {
  echo "figures: kill points tried $kills, job runs $runs, tables compared $compared, records lost $lost, records duplicated or extra $extra"
  echo "$passed passed, $failed failed"
  if [[ "$failed" -eq 0 && -z "${CARGORISK_FAULT_DIR:-}" ]]; then
    rm -rf "$work"
  elif [[ "$failed" -ne 0 ]]; then
    echo "work directory kept: $work"
  fi
  [[ "$failed" -eq 0 ]]
  exit $?
}

# ---- launcher: bin/cargorisk's command, on a copy of the jar (a rebuild cannot hit a run) -----
log "work directory $work; fault date $fault_day; kill points: $points"
reuse="${CARGORISK_FAULT_REUSE:-}"
if [[ -n "$reuse" && -f "$work/cargorisk-jobs.jar" && -f jobs/target/classpath.txt ]]; then
  echo "reusing $work/cargorisk-jobs.jar"
else
  (mvn -B -q package -DskipTests) >"$work/build.log" 2>&1 || { fail "build (see $work/build.log)"; finish; }
  cp jobs/target/cargorisk-jobs.jar "$work/cargorisk-jobs.jar"
fi
# shellcheck source=bin/lib.sh
source "$root/bin/lib.sh"
cp_file="$cargorisk_classpath_file"
mapfile -t jvm_options < <(jvm_options)
mkdir -p "$work/events"
export SPARK_LOCAL_IP=127.0.0.1 SPARK_SCALA_VERSION=2.13

# Starts a job in the background: cargorisk <args>; output to $work/<name>.log; pid in $job_pid.
start_job() {
  local name="$1"
  shift
  runs=$((runs + 1))
  # bin/lib.sh's launch, with CargoRisk's INFO lines on the console (the kill points, the run
  # id and the lock take-over are read from them), a smaller heap and Spark event logs.
  (CARGORISK_DRIVER_MEMORY=1500m CARGORISK_SHUFFLE_PARTITIONS=4 \
    CARGORISK_LOG_CONFIG="$root/.ci/log4j2-it.properties" \
    CARGORISK_SPARK_CONF="--conf spark.eventLog.enabled=true --conf spark.eventLog.dir=file://$work/events" \
    submit_job "$work/cargorisk-jobs.jar" "$cp_file" -- "$@") >"$work/$name.log" 2>&1 &
  job_pid=$!
}

run_job() {
  start_job "$@"
  active_pid=$job_pid
  wait "$job_pid"
  local code=$?
  active_pid=""
  return $code
}

config="$work/cargorisk.properties"
sed -e "s|^reference.dir = .*|reference.dir = $root/data-samples/reference|" \
  -e "s|^model.gbt.max-iter = .*|model.gbt.max-iter = 10|" \
  -e "s|^model.gbt.max-depth = .*|model.gbt.max-depth = 3|" \
  -e "s|^model.validation-weeks = .*|model.validation-weeks = 1|" \
  -e "s|^model.label-delay-days = .*|model.label-delay-days = 2|" \
  conf/cargorisk.properties >"$config"
grep -q '^model.validation-weeks = 1' "$config" && grep -q '^model.label-delay-days = 2' "$config" \
  || { fail "cannot derive the test configuration from conf/cargorisk.properties"; finish; }

nightly_args() { # lake export date [extra...]
  local lake="$1" export="$2" day="$3"
  shift 3
  echo nightly --config "$config" --landing "$work/landing" --lake "$lake" --export "$export" --date "$day" "$@"
}

# ---- 1. landing slice with malformed firms records on the fault date ---------------------------
t0=$SECONDS
source_landing="$(it_landing "$root" "$work/generate.log")" \
  || { fail "generating the test landing (see $work/generate.log)"; finish; }
rm -rf "$work/landing"
it_landing_slice "$source_landing" "$first_day" "$fault_day" "$work/landing" copy
log "test landing from $source_landing ($((SECONDS - t0)) s)"
firm_dir="$work/landing/firms/date=$fault_day"
mkdir -p "$firm_dir"
{
  echo "firm_id,name,country,registered_on,eori,address,sector,director_name,bank_account"
  echo "F-FAULT-1,Fault Test Shipping BV,NL,2015-06-01,,Kade 1 Rotterdam,FORWARDER,Anneke Goodline,NL91ABNA0417164300"
  # An unquoted comma in the name shifts every later field one place.
  echo "F-FAULT-2,Shifted Reefer, Ltd,SE,2015-06-01,,Hamngatan 1 Goteborg,FORWARDER,$hidden_director,$hidden_account"
} >"$firm_dir/late-register.csv"
# A JSON line cut off before its closing brace (after a whole one: a JSON lines file whose first
# line is not an object is refused as a file).
{
  echo '{"firm_id":"F-FAULT-4","name":"Whole Line BV","country":"NL","registered_on":"2019-01-02","address":"Kade 4","sector":"AGENT"}'
  echo "{\"firm_id\":\"F-FAULT-3\",\"name\":\"Cut Off BV\",\"country\":\"NL\",\"registered_on\":\"2019-01-02\",\"address\":\"Kade 2\",\"sector\":\"AGENT\",\"director_name\":\"$json_director\",\"bank_account\":\"$hidden_account\""
} >"$firm_dir/late-register.json"
pass "landing slice $first_day..$fault_day ($(find "$work/landing" -type f | wc -l) files) with 2 malformed firms records on $fault_day"

# ---- 2. base lake (trained champion) ---------------------------------------------------------
log "base: nightly --from $first_day --date $base_day --train always"
t0=$SECONDS
if [[ -n "$reuse" && -f "$work/base.done" ]]; then
  pass "base lake of an earlier run of this script reused ($work/lake-base)"
elif run_job base $(nightly_args "$work/lake-base" "$work/export-base" "$base_day" --from "$first_day" --train always); then
  pass "base nightly $first_day..$base_day with training ($((SECONDS - t0)) s)"
  touch "$work/base.done"
  # Both models trained: versions of the configured algorithms registered (champions, or
  # challengers when the rules-only baseline beat them on the few validation days).
  trained="$(grep -oE '^(container|firm)-v[0-9]+ registered as [A-Z]+ \([a-z]+\)' "$work/base.log" | paste -sd ',' | sed 's/,/, /g')"
  if grep -qE "^container-v[0-9]+ registered as [A-Z]+ \($(sed -n 's/^model.algorithm *= *//p' "$config")\)" "$work/base.log" \
      && grep -qE "^firm-v[0-9]+ registered as [A-Z]+ \($(sed -n 's/^model.firm.algorithm *= *//p' "$config")\)" "$work/base.log"; then
    pass "the base trained both models: $trained"
  else
    fail "the base did not register a trained container model and firm model (${trained:-none}; see $work/base.log)"
  fi
else
  fail "base nightly (see $work/base.log)"
  finish
fi

# ---- kill point helpers (section 4 below) --------------------------------------------------
# Waits until the kill point of $1 is reached in the run of lake $2 (log $3); 0 when reached,
# 1 when the process ended first.
delta_commits() { find "$1/_delta_log" -maxdepth 1 -name '*.json' 2>/dev/null | wc -l; }
wait_for_point() {
  local point="$1" lake="$2" logfile="$3" pid="$4" firm_base
  firm_base="$(delta_commits "$lake/silver/firm_features")"
  while kill -0 "$pid" 2>/dev/null; do
    case "$point" in
      ingest-validating) grep -qE 'Ingest - manifests .*: read [0-9]+, accepted' "$logfile" && return 0 ;;
      ingest-history) grep -qE 'accepted records into .*/bronze/history \(version' "$logfile" && return 0 ;;
      features-firm) [[ "$(delta_commits "$lake/silver/firm_features")" -gt "$firm_base" ]] && return 0 ;;
      score-scan-list) grep -qE 'Replaced .* in .*/gold/scan_list$' "$logfile" && return 0 ;;
      *) echo "unknown kill point $point" >&2; return 1 ;;
    esac
    sleep 0.1
  done
  return 1
}

# ---- dumps: one JVM per call; every table of the given lakes as sorted JSON lines ---------------
dump_classpath="$(runtime_classpath "$cp_file")"
dump_lakes() { # NAME=LAKE...
  java -Xmx1500m "${jvm_options[@]}" -Dlog4j2.configurationFile="$root/conf/log4j2.properties" \
    -cp "$dump_classpath" .ci/DumpLake.java "$work/dumps" "$@" >>"$work/dump.log" 2>&1
}

# Compares a lake's dumps with the clean run's; counts lost and extra rows.
compare_lake() {
  local name="$1" label="$2" differing=() table
  for table in "${tables[@]}"; do
    compared=$((compared + 1))
    local mine="$work/dumps/$name/$table.jsonl"
    if [[ ! -f "$mine" ]]; then
      differing+=("$table(missing)")
      lost=$((lost + $(wc -l <"$clean_dir/$table.jsonl")))
      continue
    fi
    if ! cmp -s "$clean_dir/$table.jsonl" "$mine"; then
      differing+=("$table")
      lost=$((lost + $(comm -23 "$clean_dir/$table.jsonl" "$mine" | wc -l)))
      extra=$((extra + $(comm -13 "$clean_dir/$table.jsonl" "$mine" | wc -l)))
    fi
  done
  if [[ ${#differing[@]} -eq 0 ]]; then
    pass "$label: all ${#tables[@]} tables equal the clean run's ($(cat "$clean_dir"/*.jsonl | wc -l) rows)"
  else
    fail "$label: tables differ from the clean run's: ${differing[*]} (diff $clean_dir $work/dumps/$name)"
  fi
}

# After a kill point's re-run: dumps the killed snapshot and the re-run lake, and checks them.
check_point() {
  local point="$1" half=() table killed killed_run abandoned
  if ! dump_lakes "killed-$point=$work/killed-lake-$point" "rerun-$point=$work/lake-$point"; then
    fail "$point: dumping the lakes (see $work/dump.log)"
    return
  fi
  compare_lake "rerun-$point" "$point: after the re-run"
  # Whole commits only: each table of the killed lake is the base's or the clean run's.
  for table in "${tables[@]}"; do
    killed="$work/dumps/killed-$point/$table.jsonl"
    if cmp -s "$killed" "$work/dumps/base/$table.jsonl" 2>/dev/null || cmp -s "$killed" "$clean_dir/$table.jsonl"; then
      continue
    fi
    # A table the base lake did not have yet and the killed run did not reach.
    [[ ! -f "$killed" && ! -f "$work/dumps/base/$table.jsonl" ]] && continue
    half+=("$table")
  done
  if [[ ${#half[@]} -eq 0 ]]; then
    pass "$point: killed lake holds whole commits only (each table as before the run or as after a clean run)"
  else
    fail "$point: tables of the killed lake are neither as before nor as after: ${half[*]}"
  fi
  killed_run="$(sed -n 's/.*SparkJob - Run \(nightly-[^:]*\): nightly.*/\1/p' "$work/killed-$point.log" | head -n1)"
  abandoned="$work/dumps/rerun-$point/runs_abandoned.jsonl"
  if grep -q "\"run_id\":\"$killed_run\",\"job\":\"nightly\",\"outcome\":\"ABANDONED\",\"no_end_time\":true" "$abandoned" \
      && [[ "$(wc -l <"$abandoned")" -eq 1 ]]; then
    pass "$point: the runs table records the killed run $killed_run as ABANDONED, without an end time"
  else
    fail "$point: no single ABANDONED record of $killed_run (see $abandoned)"
  fi
}

# ---- 3. two nightlies for the same date at once: the winner's lake is the clean reference -------
log "two nightlies for $fault_day started at once on a copy of the base lake"
rm -rf "$work/lake-clean" "$work/export-clean"
cp -a "$work/lake-base" "$work/lake-clean"
start_job concurrent-a $(nightly_args "$work/lake-clean" "$work/export-clean" "$fault_day" --train never)
pid_a=$job_pid
start_job concurrent-b $(nightly_args "$work/lake-clean" "$work/export-clean" "$fault_day" --train never)
pid_b=$job_pid
t0=$SECONDS
wait "$pid_a"
code_a=$?
wait "$pid_b"
code_b=$?
echo "exit codes: a=$code_a b=$code_b"
if [[ "$code_a" -eq 0 && "$code_b" -eq 1 ]]; then
  winner=a loser=b
elif [[ "$code_a" -eq 1 && "$code_b" -eq 0 ]]; then
  winner=b loser=a
else
  fail "concurrent: expected one run to succeed and one to exit 1, got $code_a and $code_b"
  finish
fi
pass "concurrent: one run succeeded, the other exited 1 ($((SECONDS - t0)) s)"
cp "$work/concurrent-$winner.log" "$work/clean.log"
winner_run="$(sed -n 's/.*SparkJob - Run \(nightly-[^:]*\): nightly.*/\1/p' "$work/concurrent-$winner.log" | head -n1)"
message="$(grep '^cargorisk nightly:' "$work/concurrent-$loser.log" | head -n1)"
echo "message: $message"
if grep -q "the lake is being written by run $winner_run (nightly for $fault_day) started at 20" <<<"$message" \
    && grep -q "on host $(hostname)" <<<"$message" && grep -qE 'pid [0-9]+' <<<"$message"; then
  pass "concurrent: the refused run names the holder's run id, start, host and pid"
else
  fail "concurrent: unclear refusal message (see $work/concurrent-$loser.log)"
fi

log "dumping the base and clean lakes"
rm -rf "$work/dumps"
if dump_lakes "base=$work/lake-base" "clean=$work/lake-clean"; then
  pass "dumped the base and clean lakes ($(find "$work/dumps/clean" -name '*.jsonl' | wc -l) tables)"
else
  fail "dumping the lakes (see $work/dump.log)"
  finish
fi
clean_dir="$work/dumps/clean"
runs_clean="$clean_dir/gold__runs.jsonl"
failed_records="$(grep -c '"outcome":"FAILED"' "$runs_clean")"
if [[ "$failed_records" -eq 1 ]]; then
  pass "concurrent: the refused run is in the runs table as FAILED"
else
  fail "concurrent: $failed_records FAILED records, expected 1"
fi
# The reference is the lake as one run leaves it: without the refused run's record.
grep -v '"outcome":"FAILED"' "$runs_clean" >"$runs_clean.tmp" && mv "$runs_clean.tmp" "$runs_clean"
tables=()
for f in "$clean_dir"/*.jsonl; do
  name="$(basename "$f" .jsonl)"
  [[ "$name" == runs_abandoned ]] && continue
  tables+=("$name")
done

# ---- 4. kill points -------------------------------------------------------------------------
for point in $points; do
  log "kill point $point"
  lake="$work/lake-$point"
  rm -rf "$lake" "$work/killed-lake-$point" "$work/export-$point"
  cp -a "$work/lake-base" "$lake"
  start_job "killed-$point" $(nightly_args "$lake" "$work/export-$point" "$fault_day" --train never)
  active_pid=$job_pid
  if wait_for_point "$point" "$lake" "$work/killed-$point.log" "$job_pid"; then
    kill -9 "$job_pid"
    wait "$job_pid" 2>/dev/null
    active_pid=""
    kills=$((kills + 1))
    killed_run="$(sed -n 's/.*SparkJob - Run \(nightly-[^:]*\): nightly.*/\1/p' "$work/killed-$point.log" | head -n1)"
    pass "$point: driver killed with SIGKILL (run $killed_run)"
  else
    wait "$job_pid"
    active_pid=""
    fail "$point: the run ended before its kill point (see $work/killed-$point.log)"
    continue
  fi
  if grep -q "$killed_run" "$lake/_locks/writer.lock" 2>/dev/null; then
    pass "$point: the killed run left its lake lock behind"
  else
    fail "$point: no lock of the killed run in $lake/_locks"
  fi
  cp -a "$lake" "$work/killed-lake-$point"
  t0=$SECONDS
  if run_job "rerun-$point" $(nightly_args "$lake" "$work/export-$point" "$fault_day" --train never); then
    pass "$point: re-run completed ($((SECONDS - t0)) s)"
  else
    fail "$point: re-run failed (see $work/rerun-$point.log)"
  fi
  if grep -q "Took over a stale lake lock: run $killed_run" "$work/rerun-$point.log"; then
    pass "$point: the re-run took over the stale lock of $killed_run"
  else
    fail "$point: the re-run did not report taking over the stale lock (see $work/rerun-$point.log)"
  fi
  if diff -r "$work/export-clean" "$work/export-$point" >"$work/export-$point.diff" 2>&1; then
    pass "$point: exported scan lists equal the clean run's"
  else
    fail "$point: exports differ (see $work/export-$point.diff)"
  fi
  check_point "$point"
done

# ---- 5. secrets and personal data ------------------------------------------------------------
everything=("$work"/*.log "$work/events" "$work/dumps" "$work"/export-* "$work"/lake-*/*/_delta_log "$work"/lake-*/*/*/_delta_log)
leaks="$(grep -rlF -e "$AWS_SECRET_ACCESS_KEY" -e "$CARGORISK_PSEUDONYM_KEY" "${everything[@]}" 2>/dev/null)"
events="$(find "$work/events" -type f | wc -l)"
if [[ -z "$leaks" && "$events" -gt 0 ]]; then
  pass "neither secret appears in $(ls "$work"/*.log | wc -l) logs, $events Spark event logs, the table dumps, Delta logs or exports"
else
  fail "secrets leak into: ${leaks:-nothing, but no event log was written}"
fi
person_leaks="$(grep -rlF -e "$hidden_director" -e "$hidden_account" -e "$json_director" \
  "$work"/*.log "$work/events" "$work"/export-* \
  $(find "$work/dumps" -name '*.jsonl' ! -name 'restricted__quarantine_raw.jsonl') 2>/dev/null)"
if [[ -z "$person_leaks" ]]; then
  pass "the malformed firms' director names and bank account appear in no analyst-facing table, log, export or event log"
else
  fail "personal data of malformed records leaks into: $person_leaks"
fi
if grep -qF "$hidden_director" "$clean_dir/restricted__quarantine_raw.jsonl" \
    && grep -qF "$json_director" "$clean_dir/restricted__quarantine_raw.jsonl" \
    && grep -q '"raw_record":"\[redacted: [0-9]* bytes, keyed-hash [0-9a-f]*\]"' "$clean_dir/quarantine.jsonl" \
    && [[ "$(stat -c %a "$work/lake-clean/restricted")" == 700 ]]; then
  pass "their clear lines are in restricted/quarantine_raw (folder mode 700), redacted in the quarantine"
else
  fail "restricted/quarantine_raw or the redacted quarantine rows are not as expected"
fi

finish

#!/usr/bin/env bash
# The benchmark suite (issue 10): generates (or reuses) landing data at a named scale and runs the
# pipeline on it, printing per step the wall time, records per second, peak memory and the ratio
# to the floor (a plain Spark read of the step's inputs into the no-op sink, measured in the same
# JVM right after the step). Appends a dated section with the machine, the commands and the
# figures to BENCHMARKS.md.
#
#   nice -n 10 bench/run.sh --scale M
#   bench/run.sh --scale S --steps ingest,features
#
# The run, for the landing dates D0..Dn of the scale:
#   history   ingest D0..Dn-1 (one batch: the one-off first load), features for the as_of dates
#             of the last --backfill-days before Dn (at least 14 days after D0: warm-up), train
#             at Dn-1 (the first model becomes champion);
#   new day   ingest Dn, features Dn, score Dn: the nightly path, whose total is checked against
#             the targets (<= 5 min and <= 4x the floor); training against <= 10 min.
#
# Scales (days x manifests/day, transactions/day, firms; the last day is the new day):
#   S    the bundled sample, data-samples/landing (90 dates; about 27k manifests)
#   H    91 x 5 556,  27 778/day, 35 000 firms  (0.5M manifests history; growth point)
#   M    91 x 11 112, 55 556/day, 50 000 firms  (1M manifests + 5M transactions of history)
#   2M   91 x 22 223, 111 112/day, 100 000 firms (the M-to-2M growth point)
#   L    91 x 33 334, 166 667/day, 100 000 firms (3M + 15M)
# Generated data is cached in WORK/data/<scale>-seed<seed>/landing and generated only when absent
# (a .complete marker is written after a successful generation).
#
# Options:
#   --scale S|H|M|2M|L   (default S)
#   --steps LIST         comma-separated subset of ingest,features,train,score (default: all);
#                        ingest is history-ingest (the lake is rebuilt from scratch) plus
#                        new-day-ingest, which can be given alone; features likewise is
#                        history-features plus new-day-features. Without history-ingest the
#                        lake of an earlier run of the same scale and seed is reused, e.g.
#                        --steps train,new-day-features,score after a stopped run.
#   --seed N             generator seed (default 7)
#   --backfill-days N    as_of dates of history features (default 42)
#   --work DIR           cache, lakes and logs (default work/bench)
#   --event-log          write Spark event logs of every step to the run folder (for profiling)
#   --no-report          do not append to BENCHMARKS.md
#   --generate-only      generate the scale's data (when absent) and stop
# Environment: CARGORISK_DRIVER_MEMORY (default 6g; 4g for S), CARGORISK_SHUFFLE_PARTITIONS,
# CARGORISK_MASTER, CARGORISK_SPARK_CONF as for bin/cargorisk.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scale=S
steps="ingest,features,train,score"
seed=7
backfill=42
work="$root/work/bench"
event_log=0
report=1
generate_only=0
command_line="bench/run.sh $*"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --scale) scale="$2"; shift 2 ;;
    --steps) steps="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --backfill-days) backfill="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --event-log) event_log=1; shift ;;
    --no-report) report=0; shift ;;
    --generate-only) generate_only=1; shift ;;
    -h|--help) sed -n '2,40p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
for s in ${steps//,/ }; do
  case "$s" in ingest|history-ingest|new-day-ingest|features|history-features|new-day-features|train|score) ;; *)
    echo "bench/run.sh: unknown step '$s' in --steps (ingest, history-ingest, new-day-ingest, features, history-features, new-day-features, train, score)" >&2; exit 2 ;;
  esac
done
step_set=",$steps,"
step_set="${step_set//,ingest,/,history-ingest,new-day-ingest,}"
step_set="${step_set//,features,/,history-features,new-day-features,}"
has_step() { [[ "$step_set" == *",$1,"* ]]; }

case "$scale" in
  S) days=""; per_day=""; txn_per_day=""; firms="" ;;
  H) days=91; per_day=5556; txn_per_day=27778; firms=35000 ;;
  M) days=91; per_day=11112; txn_per_day=55556; firms=50000 ;;
  2M) days=91; per_day=22223; txn_per_day=111112; firms=100000 ;;
  L) days=91; per_day=33334; txn_per_day=166667; firms=100000 ;;
  *) echo "bench/run.sh: unknown scale '$scale' (S, H, M, 2M, L)" >&2; exit 2 ;;
esac
if [[ "$scale" == S ]]; then
  export CARGORISK_DRIVER_MEMORY="${CARGORISK_DRIVER_MEMORY:-4g}"
else
  export CARGORISK_DRIVER_MEMORY="${CARGORISK_DRIVER_MEMORY:-6g}"
fi

cd "$root"
mkdir -p "$work"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
run_dir="$work/runs/$scale-seed$seed-$stamp"
mkdir -p "$run_dir"
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
started_at="$(date -u '+%Y-%m-%d %H:%M UTC')"
echo "bench: scale $scale, seed $seed, steps $steps; run folder $run_dir; load average $load_start"

# A frozen copy of the application jar: rebuilding the project during a long run cannot touch it.
"$root/bin/cargorisk" --help >/dev/null 2>&1 || { echo "bench/run.sh: build failed (bin/cargorisk --help)" >&2; exit 1; }
commit="$(git -C "$root" rev-parse --short HEAD)"
[[ -n "$(git -C "$root" status --porcelain -- features models jobs pom.xml)" ]] && commit="$commit+local-changes"
snapshot="$run_dir/app"
mkdir -p "$snapshot"
cp "$root/jobs/target/cargorisk-jobs.jar" "$root/jobs/target/classpath.txt" "$snapshot/"

# --- data ---------------------------------------------------------------------------------
generation="cached"
if [[ "$scale" == S ]]; then
  landing="$root/data-samples/landing"
  generation="bundled sample"
else
  data_dir="$work/data/$scale-seed$seed"
  landing="$data_dir/landing"
  if [[ ! -f "$data_dir/.complete" ]]; then
    rm -rf "$landing"
    mkdir -p "$data_dir"
    echo "bench: generating $days days x $per_day manifests, $txn_per_day transactions, $firms firms (seed $seed) ..."
    gen_started=$(date +%s)
    /usr/bin/time -v -o "$run_dir/generate.time" "$root/bench/launch.sh" "$snapshot" generate \
      --out "$landing" --days "$days" --manifests-per-day "$per_day" \
      --transactions-per-day "$txn_per_day" --firms "$firms" --seed "$seed" \
      >"$run_dir/generate.log" 2>&1 \
      || { echo "bench/run.sh: generate failed, see $run_dir/generate.log" >&2; exit 1; }
    touch "$data_dir/.complete"
    generation="generated in $(( $(date +%s) - gen_started )) s (load average at end $(cut -d' ' -f1-3 /proc/loadavg))"
  fi
fi
if [[ "$generate_only" == 1 ]]; then
  echo "bench: data of scale $scale in $landing ($generation)"
  exit 0
fi
mapfile -t dates < <(find "$landing/manifests" -mindepth 1 -maxdepth 1 -type d -name 'date=*' | sed 's/.*date=//' | sort)
if [[ ${#dates[@]} -lt 16 ]]; then
  echo "bench/run.sh: need at least 16 dates under $landing/manifests, found ${#dates[@]}" >&2
  exit 1
fi
first_date="${dates[0]}"
new_day="${dates[-1]}"
history_last="${dates[-2]}"
warm_up="$(date -u -d "$first_date + 14 days" +%F)"
backfill_from="$(date -u -d "$history_last - $(( backfill - 1 )) days" +%F)"
[[ "$backfill_from" < "$warm_up" ]] && backfill_from="$warm_up"
landing_size="$(du -sh --exclude=_truth "$landing" | cut -f1)"
history_manifests="$(find "$landing/manifests" -type f ! -path "*date=$new_day*" -name '*.csv' -exec cat {} + | grep -vc '^bl_number' || true)"
echo "bench: landing $landing ($landing_size, ${#dates[@]} dates $first_date..$new_day, $history_manifests manifests of history; $generation)"

lake="$work/lake-$scale-seed$seed"
export_dir="$work/export-$scale-seed$seed"
if has_step history-ingest; then
  rm -rf "$lake" "$export_dir"
elif [[ ! -d "$lake" ]]; then
  echo "bench/run.sh: no lake at $lake from an earlier run; include the ingest step" >&2
  exit 1
fi

conf_args=()
if [[ "$event_log" == 1 ]]; then
  mkdir -p "$run_dir/events"
  conf_args=(--conf spark.eventLog.enabled=true --conf spark.eventLog.compress=false --conf "spark.eventLog.dir=file://$run_dir/events")
fi
export CARGORISK_SPARK_CONF="${CARGORISK_SPARK_CONF:-} ${conf_args[*]:-}"

report_file="$root/BENCHMARKS.md"
if [[ "$report" == 1 ]]; then
  cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  ram="$(free -g | awk '/^Mem:/ { print $2 " GiB" }')"
  # The section is written as the run goes, so a run that is stopped keeps its figures so far.
  {
    echo
    echo "## $started_at: scale $scale (seed $seed)"
    echo
    echo "- machine: $(nproc) cores ($cpu), $ram RAM, shared with other users; load average (1, 5, 15 min) at start $load_start"
    echo "- code: commit $commit; master ${CARGORISK_MASTER:-local[2]}, driver heap $CARGORISK_DRIVER_MEMORY, spark.sql.shuffle.partitions ${CARGORISK_SHUFFLE_PARTITIONS:-8}"
    echo "- data: $landing_size of landing files, ${#dates[@]} dates $first_date..$new_day, $history_manifests manifests of history$( [[ -n "$per_day" ]] && echo " ($days days x $per_day manifests, $txn_per_day transactions per day, $firms firms)"); $generation"
    echo "- command: \`$command_line\` (each step: \`bench/launch.sh <jar snapshot> bench-step --step <step> [--from D0] --date D --config conf/cargorisk.properties --lake ... --landing ...\` under \`/usr/bin/time -v\`)"
    echo
    echo "| phase | step | dates | records | wall s | step s | records/s | floor s | x floor | peak RSS MB | heap peak MB | load at start |"
    echo "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  } >>"$report_file"
fi

results="$run_dir/results.tsv"
printf 'phase\tstep\tdates\trecords\twall_s\tstep_s\trecords_per_s\tfloor_s\tratio\tpeak_rss_mb\theap_peak_mb\tload_at_start\n' >"$results"

# Runs one step through bench-step in its own JVM under /usr/bin/time; appends a row to results.
run_step() {
  local phase="$1" step="$2" from="$3" to="$4"
  local name="$phase-$step"
  local load
  load="$(cut -d' ' -f1 /proc/loadavg)"
  local range="$to"
  local from_args=()
  if [[ -n "$from" && "$from" != "$to" ]]; then
    range="$from..$to"
    from_args=(--from "$from")
  fi
  echo "bench: $phase $step $range ..."
  if ! /usr/bin/time -v -o "$run_dir/$name.time" "$root/bench/launch.sh" "$snapshot" bench-step \
      --step "$step" "${from_args[@]}" --date "$to" --config conf/cargorisk.properties \
      --lake "$lake" --landing "$landing" --export "$export_dir" \
      >"$run_dir/$name.log" 2>"$run_dir/$name.err"; then
    echo "bench/run.sh: $phase $step failed; see $run_dir/$name.log and $run_dir/$name.err" >&2
    tail -n 5 "$run_dir/$name.err" >&2
    local why
    why="$(grep -m1 'terminated by signal' "$run_dir/$name.time" || true)"
    [[ "$why" == *"signal 9"* ]] && why="$why: killed, e.g. by the kernel's OOM killer (see dmesg)"
    if [[ "$report" == 1 ]]; then
      printf '\n- %s %s %s FAILED after %s (%s; load average %s); log in %s\n' "$phase" "$step" "$range" \
        "$(awk -F': ' '/Elapsed \(wall clock\)/ { print $2 }' "$run_dir/$name.time")" "${why:-exit status $(awk -F': ' '/Exit status/ { print $2 }' "$run_dir/$name.time")}" \
        "$(cut -d' ' -f1-3 /proc/loadavg)" "$run_dir/$name.err" >>"$report_file"
    fi
    exit 1
  fi
  local line
  line="$(grep '^bench step=' "$run_dir/$name.log" | tail -n1)"
  local records step_ms floor_ms heap
  records="$(sed 's/.* records=\([-0-9]*\).*/\1/' <<<"$line")"
  step_ms="$(sed 's/.* step_ms=\([0-9]*\).*/\1/' <<<"$line")"
  floor_ms="$(sed 's/.* floor_ms=\([0-9]*\).*/\1/' <<<"$line")"
  heap="$(sed 's/.* heap_peak_mb=\([0-9]*\).*/\1/' <<<"$line")"
  local wall rss
  wall="$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$run_dir/$name.time")"
  rss="$(awk -F': ' '/Maximum resident set size/ { printf "%d", $2 / 1024 }' "$run_dir/$name.time")"
  awk -v ph="$phase" -v st="$step" -v d="$range" -v r="$records" -v w="$wall" -v s="$step_ms" \
      -v f="$floor_ms" -v rss="$rss" -v h="$heap" -v l="$load" 'BEGIN {
    printf "%s\t%s\t%s\t%d\t%.1f\t%.1f\t%.0f\t%.1f\t%.1f\t%d\t%d\t%s\n",
      ph, st, d, r, w, s / 1000, (s > 0 ? r * 1000 / s : 0), f / 1000, (f > 0 ? s / f : 0), rss, h, l }' >>"$results"
  tail -n1 "$results" | awk -F'\t' '{ printf "bench:   %s s in the JVM (%s s wall), %s records/s, floor %s s, %sx the floor, peak RSS %s MB\n", $6, $5, $7, $8, $9, $10 }'
  if [[ "$report" == 1 ]]; then
    tail -n1 "$results" | awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 }' >>"$report_file"
  fi
}

if has_step history-ingest; then run_step history ingest "$first_date" "$history_last"; fi
if has_step history-features; then run_step history features "$backfill_from" "$history_last"; fi
if has_step train; then run_step history train "" "$history_last"; fi
if has_step new-day-ingest; then run_step new-day ingest "" "$new_day"; fi
if has_step new-day-features; then run_step new-day features "" "$new_day"; fi
if has_step score; then run_step new-day score "" "$new_day"; fi

load_end="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- summary ------------------------------------------------------------------------------
table="$(awk -F'\t' 'NR == 1 {
    print "| phase | step | dates | records | wall s | step s | records/s | floor s | x floor | peak RSS MB | heap peak MB | load at start |"
    print "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"; next }
  { printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 }' "$results")"
summary="$(awk -F'\t' '
  $1 == "new-day" { n++; step += $6; wall += $5; floor += $8 }
  $1 == "history" && $2 == "train" { train = $6; train_wall = $5; has_train = 1 }
  END {
    if (n == 3) {
      ratio = floor > 0 ? step / floor : 0
      printf "- nightly path (new day: ingest + features + score): %.1f s in the JVMs, %.1f s wall with JVM start-up; floor %.1f s; %.1fx the floor. Target <= 300 s and <= 4x: %s\n",
        step, wall, floor, ratio, (wall <= 300 && ratio <= 4) ? "MET" : "MISSED"
    }
    if (has_train) printf "- training: %.1f s in the JVM, %.1f s wall. Target <= 600 s: %s\n", train, train_wall, (train_wall <= 600 ? "MET" : "MISSED")
  }' "$results")"

echo
echo "$table"
echo "$summary"

if [[ "$report" == 1 ]]; then
  {
    echo
    echo "- load average at end: $load_end"
    echo "$summary"
  } >>"$report_file"
  echo "bench: appended to BENCHMARKS.md"
fi

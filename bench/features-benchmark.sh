#!/usr/bin/env bash
# Features benchmark: prints how long the `features` job takes for the sample data and for
# generated data sets of growing size, and how the time grows (near linear is the target).
#
#   bench/features-benchmark.sh                      sample data + 0.5M, 1M, 2M manifests
#   bench/features-benchmark.sh --sizes "20000 40000" --days 20   a quick run
#
# For each size it generates a landing area (bin/cargorisk generate --days N
# --manifests-per-day size/N --transactions-per-day 5*size/N --seed S), ingests every business
# date into a fresh lake in one batch (ingest --from first --date last), then times one features
# run over the last --score-days as_of dates (statistics fitted on the days before). Generation
# and ingest are not counted. Output: one line per size, then a JSON summary line.
#
# Options: --sizes "M1 M2 ..." (total manifests; "" for the sample only), --days N (default 30),
# --transactions-factor F (transactions per manifest, default 5), --score-days K
# (default 7), --seed S (default 7), --work DIR (default work/bench-features; wiped per size),
# --no-sample (skip the sample data), --reuse-lakes (keep an already ingested lake of a case
# instead of re-ingesting it: re-times features only). Environment: as bin/cargorisk (CARGORISK_DRIVER_MEMORY,
# CARGORISK_MASTER, ...).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli="$root/bin/cargorisk"
sizes="500000 1000000 2000000"
days=30
score_days=7
transactions_factor=5
seed=7
work="$root/work/bench-features"
sample=1
reuse=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --days) days="$2"; shift 2 ;;
    --score-days) score_days="$2"; shift 2 ;;
    --transactions-factor) transactions_factor="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --no-sample) sample=0; shift ;;
    --reuse-lakes) reuse=1; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "features-benchmark: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

# Business dates of a landing area: the date=YYYY-MM-DD folders of its manifests.
landing_dates() {
  find "$1/manifests" -maxdepth 1 -type d -name 'date=*' | sed 's/.*date=//' | sort
}

now() { date +%s.%N; }

# Ingests every date of a landing area into a lake, then times features over the last days.
# Prints: label manifests seconds
run_case() {
  local label="$1" landing="$2" lake="$3"
  mapfile -t dates < <(landing_dates "$landing")
  if [[ ${#dates[@]} -eq 0 ]]; then
    echo "features-benchmark: no dates under $landing/manifests" >&2
    return 1
  fi
  if [[ "$reuse" == 1 && -d "$lake/bronze/history/_delta_log" ]]; then
    echo "features-benchmark: re-using the ingested lake $lake" >&2
  else
  rm -rf "$lake"
  "$cli" ingest --from "${dates[0]}" --date "${dates[-1]}" --landing "$landing" --lake "$lake" \
    >"$work/$label.ingest.log" 2>&1 \
    || { echo "features-benchmark: ingest failed for $label, see $work/$label.ingest.log" >&2; return 1; }
  fi
  local last="${dates[-1]}"
  local k=$(( ${#dates[@]} < score_days ? ${#dates[@]} : score_days ))
  local first="${dates[-k]}"
  local manifests
  manifests="$(find "$landing/manifests" -type f -name '*.csv' -print0 | xargs -0 cat | grep -vc '^bl_number' || true)"
  local transactions
  transactions="$(find "$landing/transactions" -type f -name '*.csv' -print0 | xargs -0 cat | grep -vc '^txn_id' || true)"
  local start end
  start="$(now)"
  "$cli" features --date "$last" --from "$first" --lake "$lake" >"$work/$label.features.log" 2>&1 \
    || { echo "features-benchmark: features failed for $label, see $work/$label.features.log" >&2; return 1; }
  end="$(now)"
  local seconds
  seconds="$(echo "$end - $start" | bc)"
  printf '%-12s manifests=%-9s transactions=%-9s as_of=%s..%s features_seconds=%.1f  (%s)\n' \
    "$label" "$manifests" "$transactions" "$first" "$last" "$seconds" "$(tail -n1 "$work/$label.features.log")"
  echo "$label $manifests $seconds $transactions" >>"$work/results.txt"
}

mkdir -p "$work"
: >"$work/results.txt"
if [[ "$sample" == 1 && -d "$root/data-samples/landing/manifests" ]]; then
  run_case sample "$root/data-samples/landing" "$work/lake-sample"
fi
for size in $sizes; do
  per_day=$(( (size + days - 1) / days ))
  landing="$work/landing-$size"
  rm -rf "$landing"
  "$cli" generate --out "$landing" --days "$days" --manifests-per-day "$per_day" \
    --transactions-per-day $(( per_day * transactions_factor )) --seed "$seed" >/dev/null
  run_case "m$size" "$landing" "$work/lake-$size"
  rm -rf "$landing" "$work/lake-$size"
done

# Growth: seconds per 1000 manifests for each size (constant = linear).
awk 'BEGIN { printf "{\"benchmark\":\"features\",\"runs\":[" }
     { if (NR > 1) printf ","; printf "{\"case\":\"%s\",\"manifests\":%d,\"transactions\":%d,\"seconds\":%.1f,\"seconds_per_1000_manifests\":%.3f}", $1, $2, $4, $3, ($2 > 0 ? 1000 * $3 / $2 : 0) }
     END { print "]}" }' "$work/results.txt"

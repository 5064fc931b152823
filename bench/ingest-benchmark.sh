#!/usr/bin/env bash
# Ingest benchmark: generates a landing area of the size given on the command line (or uses an
# existing one), ingests every date into a fresh lake, and prints records per second and the
# ratio of ingest time to the floor: a plain Spark read of the same files into the no-op sink,
# measured in the same JVM right after each date's ingest (`ingest --measure-floor`).
#
#   bench/ingest-benchmark.sh --days 5 --manifests-per-day 200000 --transactions-per-day 1000000
#   bench/ingest-benchmark.sh --landing data-samples/landing          # existing data, all dates
#
# Options:
#   --days N                   days to generate (default 3)
#   --manifests-per-day M      (default 10000)
#   --transactions-per-day T   (default 50000)
#   --seed S                   generator seed (default 1)
#   --landing DIR              skip generating; ingest the dates found under DIR
#   --work DIR                 scratch folder for the generated landing area and the lake
#                              (default work/bench-ingest; it is emptied first)
# Environment: as bin/cargorisk (CARGORISK_MASTER, CARGORISK_DRIVER_MEMORY, ...).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
days=3
manifests=10000
transactions=50000
seed=1
landing=""
work="$root/work/bench-ingest"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --days) days="$2"; shift 2 ;;
    --manifests-per-day) manifests="$2"; shift 2 ;;
    --transactions-per-day) transactions="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --landing) landing="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "ingest-benchmark: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

case "$work" in
  ""|"/") echo "ingest-benchmark: refusing to use '$work' as the work folder" >&2; exit 2 ;;
esac
rm -rf "$work"
mkdir -p "$work"
lake="$work/lake"

if [[ -z "$landing" ]]; then
  landing="$work/landing"
  echo "generating $days day(s): $manifests manifests and $transactions transactions per day (seed $seed)"
  gen_started=$(date +%s)
  "$root/bin/cargorisk" generate --out "$landing" --days "$days" \
    --manifests-per-day "$manifests" --transactions-per-day "$transactions" --seed "$seed"
  echo "generated in $(( $(date +%s) - gen_started )) s"
fi

mapfile -t dates < <(find "$landing" -mindepth 2 -maxdepth 2 -type d -name 'date=*' \
  | sed 's/.*date=//' | sort -u)
if [[ ${#dates[@]} -eq 0 ]]; then
  echo "ingest-benchmark: no <source>/date=YYYY-MM-DD folders under $landing" >&2
  exit 1
fi
echo "landing: $landing ($(du -sh "$landing" | cut -f1)), ${#dates[@]} date(s); lake: $lake"

total_records=0
total_ingest_ms=0
total_floor_ms=0
printf '%-12s %12s %12s %12s %12s %8s\n' date records ingest_s floor_s records/s ratio
for date in "${dates[@]}"; do
  output="$("$root/bin/cargorisk" ingest --date "$date" --landing "$landing" --lake "$lake" --measure-floor)"
  line="$(grep '^bench ' <<<"$output" | tail -n1)"
  if [[ -z "$line" ]]; then
    echo "$output" >&2
    echo "ingest-benchmark: no bench line from ingest for $date" >&2
    exit 1
  fi
  records="$(sed 's/.*records=\([0-9]*\).*/\1/' <<<"$line")"
  ingest_ms="$(sed 's/.*ingest_ms=\([0-9]*\).*/\1/' <<<"$line")"
  floor_ms="$(sed 's/.*floor_ms=\([0-9]*\).*/\1/' <<<"$line")"
  awk -v d="$date" -v r="$records" -v i="$ingest_ms" -v f="$floor_ms" 'BEGIN {
    printf "%-12s %12d %12.1f %12.1f %12.0f %8.1f\n", d, r, i/1000, f/1000, (i > 0 ? r*1000/i : 0), (f > 0 ? i/f : 0) }'
  total_records=$((total_records + records))
  total_ingest_ms=$((total_ingest_ms + ingest_ms))
  total_floor_ms=$((total_floor_ms + floor_ms))
done

awk -v r="$total_records" -v i="$total_ingest_ms" -v f="$total_floor_ms" 'BEGIN {
  printf "%-12s %12d %12.1f %12.1f %12.0f %8.1f\n", "total", r, i/1000, f/1000, (i > 0 ? r*1000/i : 0), (f > 0 ? i/f : 0)
  printf "ingest: %.0f records/s; ingest time / plain noop read time = %.1f\n", (i > 0 ? r*1000/i : 0), (f > 0 ? i/f : 0) }'
echo "(times exclude JVM start; the floor reads the same files right after ingest, in the same JVM)"

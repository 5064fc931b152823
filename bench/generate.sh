#!/usr/bin/env bash
# Times the synthetic generator: bench/generate.sh [DAYS] [MANIFESTS_PER_DAY] [OUT]
# Prints one line per run: days, manifests per day, seconds, size of the landing area.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
days="${1:-7}"
per_day="${2:-5000}"
out="${3:-$(mktemp -d)/landing}"
start=$(date +%s.%N)
"$root/bin/cargorisk" generate --out "$out" --days "$days" --manifests-per-day "$per_day" \
  --reference "$root/data-samples/reference"
end=$(date +%s.%N)
size=$(du -sh --exclude=_truth "$out" | cut -f1)
printf 'generate days=%s manifests_per_day=%s seconds=%.1f size=%s out=%s\n' \
  "$days" "$per_day" "$(echo "$end - $start" | bc)" "$size" "$out"

#!/usr/bin/env bash
# Runs the customs-declarations benchmark (docs/DECLARATIONS.md) on the public data set in
# ../shared/data/customs-declarations and prints the figures; the last line is one JSON object.
#
#   bench/declarations.sh                  validation: train 2020, evaluate 2021-Q1
#   bench/declarations.sh TEST.csv         final: train 2020 + 2021-Q1, evaluate TEST.csv
#   bench/declarations.sh -- --max-depth 4 extra options go to evaluate-declarations
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${CARGORISK_DECLARATIONS_DATA:-$root/../shared/data/customs-declarations}"
train="$data/df_syn_train_eng.csv"
valid="$data/df_syn_valid_eng.csv"
if [[ ! -f "$train" || ! -f "$valid" ]]; then
  echo "declarations benchmark: data not found in $data (needs df_syn_train_eng.csv and df_syn_valid_eng.csv); set CARGORISK_DECLARATIONS_DATA" >&2
  exit 1
fi
test_file="$valid"
if [[ $# -gt 0 && "$1" != "--" ]]; then
  test_file="$1"
  shift
fi
[[ $# -gt 0 && "$1" == "--" ]] && shift

started=$(date +%s)
"$root/bin/cargorisk" evaluate-declarations --train "$train" --valid "$valid" --test "$test_file" "$@" \
  | tee /dev/stderr | tail -n 1 > "${TMPDIR:-/tmp}/declarations-bench.json"
echo "wall time: $(( $(date +%s) - started )) s" >&2
cat "${TMPDIR:-/tmp}/declarations-bench.json"

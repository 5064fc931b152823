#!/usr/bin/env bash
# Training benchmark: prints training time and metrics for a given data size.
#
#   bench/train-benchmark.sh --synthetic 100000 [TREES]
#       trains GBT (+ logistic and rules baselines, calibration, evaluation) on N synthetic
#       labelled rows with a planted signal, in local[2]; prints seconds and the metrics table.
#   bench/train-benchmark.sh --lake LAKE --date YYYY-MM-DD [--model container|firm]
#       times `cargorisk train` on a real lake (silver features + bronze labels), e.g. the
#       sample data or a generated 1M-manifest landing after ingest and features.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [[ "${1:-}" == "--synthetic" ]]; then
  rows="${2:-100000}"
  trees="${3:-60}"
  # shellcheck source=bin/lib.sh
  source "$root/bin/lib.sh"
  classpath="$(test_classpath models)"
  mapfile -t jvm_options < <(jvm_options)
  java_bin="$(java_bin)"
  start=$(date +%s)
  "$java_bin" -Xmx"${CARGORISK_DRIVER_MEMORY:-4g}" "${jvm_options[@]}" -Duser.timezone=UTC \
    -Dlog4j2.configurationFile="$root/conf/log4j2.properties" \
    -cp "$classpath" org.cargorisk.models.training.TrainingBenchmark "$rows" "$trees"
  echo "wall seconds (including JVM and Spark start): $(( $(date +%s) - start ))"
  exit 0
fi

start=$(date +%s)
bin/cargorisk train "$@"
echo "wall seconds (including JVM and Spark start): $(( $(date +%s) - start ))"

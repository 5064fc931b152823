#!/usr/bin/env bash
# GBT (MLlib, the default) against XGBoost4J-Spark on the same rows, features, class weights,
# calibration and validation period; prints one table row per data set and model: training
# seconds, precision at 1/2/5/10 % of the validation rows, AUC-PR, AUC-ROC (docs/MODELS.md).
#
#   bench/xgboost-compare.sh --lake LAKE --date YYYY-MM-DD [--trees N]
#       the container model as `cargorisk train --date` trains it, on a lake built by the
#       README's nightly (silver container_features + bronze inspections)
#   bench/xgboost-compare.sh --declarations [DIR]
#       the public customs-declarations data (train 2020, validate 2021-Q1; the test file is
#       never read), DIR defaults to ../shared/data/customs-declarations
#   bench/xgboost-compare.sh --synthetic N
#       N rows of the planted-signal frame (TrainingBenchmark's), 20 trees
#   bench/xgboost-compare.sh --lake LAKE --date D --declarations   both
#   CARGORISK_COMPARE_MASTER=spark://127.0.0.1:7177 CARGORISK_COMPARE_JARS=APP.jar \
#     bench/xgboost-compare.sh --synthetic 20000     on a standalone cluster (APP.jar must hold
#       our classes and XGBoost: the shaded application jar)
#
# Runs in local[2] (the shared test session settings) with nice; seconds depend on the load.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

lake="" date="" trees=60 declarations="" synthetic=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --lake) lake="$2"; shift 2 ;;
    --date) date="$2"; shift 2 ;;
    --trees) trees="$2"; shift 2 ;;
    --synthetic) synthetic="$2"; shift 2 ;;
    --declarations)
      declarations="${CARGORISK_DECLARATIONS_DATA:-$root/../shared/data/customs-declarations}"
      if [[ $# -gt 1 && "$2" != --* ]]; then declarations="$2"; shift; fi
      shift ;;
    *) sed -n '2,20p' "$0" >&2; exit 2 ;;
  esac
done
if [[ -z "$lake" && -z "$declarations" && -z "$synthetic" ]]; then
  sed -n '2,20p' "$0" >&2
  exit 2
fi
if [[ -n "$lake" && ( -z "$date" || ! -d "$lake/silver/container_features" ) ]]; then
  echo "xgboost-compare: --lake needs --date and a lake with silver/container_features (run the README nightly first): $lake" >&2
  exit 1
fi
if [[ -n "$declarations" && ( ! -f "$declarations/df_syn_train_eng.csv" || ! -f "$declarations/df_syn_valid_eng.csv" ) ]]; then
  echo "xgboost-compare: declarations data not found in $declarations (needs df_syn_train_eng.csv and df_syn_valid_eng.csv)" >&2
  exit 1
fi

# shellcheck source=bin/lib.sh
source "$root/bin/lib.sh"
classpath="$(test_classpath benchmarks)"
mapfile -t jvm_options < <(jvm_options)
java_bin="$(java_bin)"
export SPARK_LOCAL_IP=127.0.0.1

cluster=()
if [[ -n "${CARGORISK_COMPARE_MASTER:-}" ]]; then
  cluster=(-Dspark.master="$CARGORISK_COMPARE_MASTER" -Dspark.jars="${CARGORISK_COMPARE_JARS:?set CARGORISK_COMPARE_JARS to the shaded application jar}"
    -Dspark.driver.host=127.0.0.1 -Dspark.executor.memory=1g -Dspark.cores.max=1
    -Dspark.sql.shuffle.partitions=4 -Dspark.executor.extraJavaOptions=-Duser.timezone=UTC)
fi

run() {
  nice -n 10 "$java_bin" -Xmx"${CARGORISK_DRIVER_MEMORY:-3g}" "${jvm_options[@]}" -Duser.timezone=UTC \
    "${cluster[@]}" \
    -Dspark.ui.enabled=false -Dlog4j2.configurationFile="$root/conf/log4j2.properties" \
    -cp "$classpath" org.cargorisk.declarations.XGBoostComparison "$@" \
    | grep -E '^(data|sample|declarations) '
}

table=""
header_done=0
append() {
  if [[ "$header_done" == 1 ]]; then table+="$(tail -n +2 <<<"$1")"$'\n'; else table+="$1"$'\n'; fi
  header_done=1
}
if [[ -n "$synthetic" ]]; then
  append "$(run synthetic "$synthetic")"
fi
if [[ -n "$lake" ]]; then
  append "$(run lake "$lake" "$date" "$trees")"
fi
if [[ -n "$declarations" ]]; then
  append "$(run declarations "$declarations/df_syn_train_eng.csv" "$declarations/df_syn_valid_eng.csv")"
fi
printf '%s' "$table"

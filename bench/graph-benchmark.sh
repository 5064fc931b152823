#!/usr/bin/env bash
# Feature time of the graph layer (org.cargorisk.features.graph.GraphFeatures) on a synthetic
# random payment graph: N transactions among F firms over one year, with 20 hub firms taking 2 %
# of all payments (exercising the hub cap) and 200 MALAFIDE seeds.
#
#   bench/graph-benchmark.sh                   # 5 000 000 transactions, 200 000 firms
#   bench/graph-benchmark.sh 1000000 50000     # smaller
#
# Environment: CARGORISK_MASTER (default local[2]), CARGORISK_DRIVER_MEMORY (default 6g),
# CARGORISK_SHUFFLE_PARTITIONS (default 16), BENCH_WORK (folder for the generated Parquet).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
transactions="${1:-5000000}"
firms="${2:-200000}"
if [[ -n "${BENCH_WORK:-}" ]]; then
  work="$BENCH_WORK"; created=0
else
  work="$(mktemp -d -t graph-benchmark-XXXXXX)"; created=1
fi

cd "$root"
# shellcheck source=bin/lib.sh
source "$root/bin/lib.sh"
java_bin="$(java_bin)"
mapfile -t jvm_options < <(jvm_options)
classpath="$(test_classpath features)"
export SPARK_LOCAL_IP=127.0.0.1

"$java_bin" "-Xmx${CARGORISK_DRIVER_MEMORY:-6g}" "${jvm_options[@]}" -Duser.timezone=UTC \
  -Dlog4j2.configurationFile="$root/conf/log4j2.properties" \
  -Dspark.master="${CARGORISK_MASTER:-local[2]}" \
  -Dspark.ui.enabled=false \
  -Dspark.driver.host=127.0.0.1 \
  -Dspark.sql.session.timeZone=UTC \
  -Dspark.sql.shuffle.partitions="${CARGORISK_SHUFFLE_PARTITIONS:-16}" \
  -cp "$classpath" org.cargorisk.features.graph.GraphBenchmark "$transactions" "$firms" "$work"
if [[ "$created" == 1 ]]; then rm -rf "$work"; fi

#!/usr/bin/env bash
# Runs a CargoRisk job like bin/cargorisk, but from a frozen copy of the application jar and its
# class path (a benchmark's snapshot), so that rebuilding the project while a long benchmark runs
# cannot change or break the jar under it.
#
#   bench/launch.sh SNAPSHOT_DIR <job> [options...]
#
# SNAPSHOT_DIR holds cargorisk-jobs.jar and classpath.txt (bench/run.sh makes it). Environment as
# bin/cargorisk: CARGORISK_MASTER, CARGORISK_DRIVER_MEMORY, CARGORISK_SHUFFLE_PARTITIONS,
# CARGORISK_SPARK_CONF (extra "--conf k=v" pairs, space separated), JAVA_HOME.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
snapshot="$1"
shift
jar="$snapshot/cargorisk-jobs.jar"
classpath_file="$snapshot/classpath.txt"
if [[ ! -f "$jar" || ! -f "$classpath_file" ]]; then
  echo "launch: no cargorisk-jobs.jar and classpath.txt in $snapshot" >&2
  exit 2
fi
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# Spark's jars first, the AWS SDK bundle last (its unshaded SLF4J would silence Spark's logging).
classpath="$(tr ':' '\n' < "$classpath_file" | grep -v '/bundle-[0-9.]*\.jar$' | paste -sd: -)"
bundle="$(tr ':' '\n' < "$classpath_file" | grep '/bundle-[0-9.]*\.jar$' || true)"
[[ -n "$bundle" ]] && classpath="$classpath:$bundle"
mapfile -t jvm_options < <(grep -v '^#' "$root/bin/jvm-options" | grep -v '^$')
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
export SPARK_SCALA_VERSION=2.13
# shellcheck disable=SC2206
extra_conf=(${CARGORISK_SPARK_CONF:-})
exec "$java_bin" "-Xmx${CARGORISK_DRIVER_MEMORY:-4g}" "${jvm_options[@]}" \
  -Duser.timezone=UTC \
  -Dlog4j2.configurationFile="$root/conf/log4j2.properties" \
  -cp "$classpath" org.apache.spark.deploy.SparkSubmit \
  --master "${CARGORISK_MASTER:-local[2]}" \
  --conf spark.ui.enabled=false \
  --conf spark.driver.host=127.0.0.1 \
  --conf spark.sql.shuffle.partitions="${CARGORISK_SHUFFLE_PARTITIONS:-8}" \
  --conf "spark.driver.extraJavaOptions=-Duser.timezone=UTC" \
  --conf "spark.executor.extraJavaOptions=-Duser.timezone=UTC" \
  "${extra_conf[@]}" \
  --class org.cargorisk.jobs.CargoRisk \
  "$jar" "$@"

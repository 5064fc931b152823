#!/usr/bin/env bash
# Runs a CargoRisk job like bin/cargorisk, but from a frozen copy of the application jar and its
# class path (a benchmark's snapshot), so that rebuilding the project while a long benchmark runs
# cannot change or break the jar under it.
#
#   bench/launch.sh SNAPSHOT_DIR <job> [options...]
#
# SNAPSHOT_DIR holds cargorisk-jobs.jar and classpath.txt (bench/run.sh makes it). The launch
# itself is bin/lib.sh's submit_job, as for bin/cargorisk (same environment variables); unlike
# bin/cargorisk, the log lines stay on the console (no log file), where the benchmark keeps them.
set -euo pipefail
# shellcheck source=bin/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../bin/lib.sh"
snapshot="$1"
shift
if [[ ! -f "$snapshot/cargorisk-jobs.jar" || ! -f "$snapshot/classpath.txt" ]]; then
  echo "launch: no cargorisk-jobs.jar and classpath.txt in $snapshot" >&2
  exit 2
fi
require_java
submit_job "$snapshot/cargorisk-jobs.jar" "$snapshot/classpath.txt" -- "$@"

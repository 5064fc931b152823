#!/usr/bin/env bash
# CI: the data scientists' tools on the sample data. Runs the README's first command (the
# nightly over the 90 sample dates) unless its outputs already exist, then the analysis export
# and the reports (container and firm champions, the nightly run), executes every notebook
# headless (a failing cell fails this script), and checks each report renders in Chromium with
# all its charts (the page's own check sets the title to report-ok:N).
#
#   .ci/notebooks.sh            (from the repository root or anywhere)
#
# Its own time beyond the nightly: a few minutes (four short Spark jobs, three notebooks).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
conf=conf/cargorisk.properties
date=2026-03-31
lake="$root/work/lake"       # the README's (conf/cargorisk.properties) lake and export
export_dir="$root/work/export"
out="$root/work/notebooks"

.ci/install-browsers.sh

if [[ -d "$lake/gold/scan_list/_delta_log" && -d "$lake/gold/model_registry/_delta_log" ]]; then
  echo "== notebooks: nightly outputs exist in $lake: not re-running the nightly"
else
  echo "== notebooks: the README's first command (about 5 minutes)"
  bin/cargorisk nightly --config "$conf" --from 2026-01-01 --date "$date"
fi

echo "== notebooks: analysis export and reports"
bin/cargorisk export-analysis --config "$conf" --date "$date"
reports=()
for target in "--model container" "--model firm" "--run latest"; do
  # (not `tee /dev/stderr`: re-opening a redirected stderr truncates the log file)
  # shellcheck disable=SC2086
  output="$(bin/cargorisk report --config "$conf" $target)"
  echo "$output"
  line="$(grep '^report written: ' <<<"$output")"
  reports+=("$(echo "$line" | sed 's/^report written: \(.*\) (\([0-9]*\) charts)$/\1/')")
done

echo "== notebooks: executing every notebook headless"
mkdir -p "$out"
export CARGORISK_ANALYSIS="$export_dir/analysis"
export MPLBACKEND=Agg
failed=0
for notebook in notebooks/*.ipynb; do
  if jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=600 \
      --output-dir "$out" "$notebook" >"$out/$(basename "$notebook" .ipynb).log" 2>&1; then
    echo "ok    $notebook"
  else
    echo "FAIL  $notebook"; tail -n 30 "$out/$(basename "$notebook" .ipynb).log"; failed=1
  fi
done

echo "== notebooks: reports in headless Chromium"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
for report in "${reports[@]}"; do
  title="$(timeout 300 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
      --user-data-dir="$profile" --dump-dom "file://$report" 2>/dev/null | sed -n 's:.*<title>\(.*\)</title>.*:\1:p' | sed -n 1p)"
  if [[ "$title" == report-ok:* ]]; then
    echo "ok    $report ($title)"
  else
    echo "FAIL  $report (title: '${title}', expected report-ok:N)"; failed=1
  fi
done

if [[ "$failed" -ne 0 ]]; then
  echo "== notebooks: FAILED"
  exit 1
fi
echo "== notebooks: all notebooks ran and all reports render (executed notebooks in $out)"

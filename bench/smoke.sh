#!/bin/sh
# Smoke test of the benchmark programs (ctest label cli): each runs once with tiny sizes and its JSON must name
# every figure docs/PERFORMANCE.md reports. No timing is asserted: the figures of a tiny run mean nothing.
#   smoke.sh BENCH_DIR
set -eu
dir=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/simpul-bench-smoke-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
{
  "$dir/sync_bench" --json --participants 300 --slow-participants 100 --ops 300 --writes 20 \
    --only capture,push,bootstrap,slowlink
  "$dir/server_bench" --json --devices 2 --connections 2 --ops 50 --seconds 0.2
  "$dir/search_bench" --json --participants 300 --targets 5
  if [ -x "$dir/ui_bench" ]; then "$dir/ui_bench" --json --participants 300 --queue 20 --db "$tmp/ui.db"; fi
} >"$tmp/out.json"
missing=0
for figure in push_ops_per_s capture_write_ratio bootstrap_rows_per_s raw_insert_rows_per_s wire_bytes_per_row \
  gzip_csv_bytes_per_row slow_link_ratio slow_link_resume_bytes_ratio server_polls_per_s bare_http_polls_per_s \
  server_ingest_ops_per_s search_p99_ms; do
  grep -q "\"$figure\":" "$tmp/out.json" || { echo "missing figure: $figure"; missing=1; }
done
if [ -x "$dir/ui_bench" ]; then
  for figure in frame_ms_p50 frame_ms_p99 frame_ms_p99_queue; do
    grep -q "\"$figure\":" "$tmp/out.json" || { echo "missing figure: $figure"; missing=1; }
  done
fi
[ $missing = 0 ] && echo "every figure present"
exit $missing

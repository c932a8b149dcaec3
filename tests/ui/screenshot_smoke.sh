#!/bin/sh
# Renders one screen of the real app under Xvfb, on a fresh replica in a temp dir, and checks the PNG.
# usage: screenshot_smoke.sh SIMPUL PNG_CHECK OUT.png SCREEN
# Exit 77 (CTest SKIP_RETURN_CODE) when xvfb-run is not installed.
set -u
simpul=$1 check=$2 out=$3 screen=$4
if ! command -v xvfb-run >/dev/null 2>&1; then
  echo "xvfb-run not installed (apt install xvfb xauth): skipping"
  exit 77
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
rm -f "$out"
xvfb-run -a -s "-screen 0 1280x800x24" "$simpul" --db "$dir/replica.db" --screenshot "$out" --screen "$screen"
status=$?
if [ "$status" -ne 0 ]; then
  echo "simpul --screenshot exited with $status"
  exit 1
fi
exec "$check" "$out" 1280 800

#!/bin/sh
# Renders one screen of the real app under Xvfb, on a fresh replica in a temp dir, and checks the PNG.
# usage: screenshot_smoke.sh SIMPUL PNG_CHECK OUT.png SCREEN
# Exit 77 (CTest SKIP_RETURN_CODE) when xvfb-run is not installed.
set -u
simpul=$1 check=$2 out=$3 screen=$4
. "$(dirname "$0")/screenshot_lib.sh"
rm -f "$out"
xvfb-run -a -s "$xvfb_screen" "$simpul" --db "$dir/replica.db" --screenshot "$out" --screen "$screen"
status=$?
if [ "$status" -ne 0 ]; then
  echo "simpul --screenshot exited with $status"
  exit 1
fi
exec "$check" "$out" 1280 800

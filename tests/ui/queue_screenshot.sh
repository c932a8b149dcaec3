#!/bin/sh
# Renders a public screen (the waiting-room board or the kiosk) of the real app under Xvfb, against a synthetic
# replica with today's queue, and checks the PNG.
# usage: queue_screenshot.sh SIMPUL REPLICA_TOOL PNG_CHECK OUT.png display|kiosk
# Exit 77 (CTest SKIP_RETURN_CODE) when xvfb-run is not installed.
set -u
simpul=$1 tool=$2 check=$3 out=$4 mode=$5
. "$(dirname "$0")/screenshot_lib.sh"
"$tool" "$dir/replica.db" >"$dir/people.txt" || exit 1
rm -f "$out"
xvfb-run -a -s "$xvfb_screen" "$simpul" --db "$dir/replica.db" --screenshot "$out" --"$mode"
status=$?
if [ "$status" -ne 0 ]; then
  echo "simpul --$mode --screenshot exited with $status"
  exit 1
fi
exec "$check" "$out" 1280 800

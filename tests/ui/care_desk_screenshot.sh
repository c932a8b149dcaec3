#!/bin/sh
# The care screens of the real app under Xvfb against a replica made by `simpulctl demo` and dressed by
# ui_care_replica (a facility of its own, complaints with a server answer, mornings of queue calls): complaints,
# locator and program information (desk and kiosk) and reports; checks each PNG.
# usage: care_desk_screenshot.sh SIMPUL SIMPULCTL CARE_TOOL PNG_CHECK OUT_DIR
# Exit 77 (CTest SKIP_RETURN_CODE) when xvfb-run is not installed.
set -u
simpul=$1 ctl=$2 tool=$3 check=$4 out=$5 password=admin-demo
. "$(dirname "$0")/screenshot_lib.sh"
mkdir -p "$out"
"$ctl" --db "$dir/replica.db" demo --participants 300 >"$dir/demo.txt" || { cat "$dir/demo.txt"; exit 1; }
"$tool" "$dir/replica.db" >"$dir/facility.txt" || fail "ui_care_replica"
shoot care-complaints --screen complaints --user admin
shoot care-locator --screen locator --user admin
shoot care-info --screen info --user admin
shoot care-info-en --screen info --user admin --lang en
shoot care-reports --screen reports --user admin
shoot care-reports-waits --screen reports --query waits --user admin
shoot kiosk-info --screen kiosk_info
shoot kiosk-locator --screen kiosk_locator
echo ok

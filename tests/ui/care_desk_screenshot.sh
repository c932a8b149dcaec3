#!/bin/sh
# The care screens of the real app under Xvfb against a replica made by `simpulctl demo` and dressed by
# ui_care_replica (a facility of its own, complaints with a server answer, mornings of queue calls): complaints,
# locator and program information (desk and kiosk) and reports; checks each PNG.
# usage: care_desk_screenshot.sh SIMPUL SIMPULCTL CARE_TOOL PNG_CHECK OUT_DIR
# Exit 77 (CTest SKIP_RETURN_CODE) when xvfb-run is not installed.
set -u
simpul=$1 ctl=$2 tool=$3 check=$4 out=$5
if ! command -v xvfb-run >/dev/null 2>&1; then
  echo "xvfb-run not installed (apt install xvfb xauth): skipping"
  exit 77
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$out"
fail() { echo "FAIL: $*"; exit 1; }
"$ctl" --db "$dir/replica.db" demo --participants 300 >"$dir/demo.txt" || { cat "$dir/demo.txt"; exit 1; }
"$tool" "$dir/replica.db" >"$dir/facility.txt" || fail "ui_care_replica"
shoot() {  # NAME [extra args]
  name=$1; shift
  rm -f "$out/$name.png"
  SIMPUL_PASSWORD=admin-demo xvfb-run -a -s "-screen 0 1280x800x24" \
    "$simpul" --db "$dir/replica.db" --screenshot "$out/$name.png" "$@" || fail "$name: exit $?"
  "$check" "$out/$name.png" 1280 800 || fail "$name: PNG check"
}
shoot care-complaints --screen complaints --user admin
shoot care-locator --screen locator --user admin
shoot care-info --screen info --user admin
shoot care-info-en --screen info --user admin --lang en
shoot care-reports --screen reports --user admin
shoot care-reports-waits --screen reports --query waits --user admin
shoot kiosk-info --screen kiosk_info
shoot kiosk-locator --screen kiosk_locator
echo ok

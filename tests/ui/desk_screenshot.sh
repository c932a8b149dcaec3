#!/bin/sh
# The desk screens of the real app under Xvfb against a real replica made by `simpulctl demo`: signs in for real
# (--user admin, SIMPUL_PASSWORD) and checks each PNG; a wrong password must fail without writing a PNG.
# usage: desk_screenshot.sh SIMPUL SIMPULCTL PNG_CHECK OUT_DIR
# Exit 77 (CTest SKIP_RETURN_CODE) when xvfb-run is not installed.
set -u
simpul=$1 ctl=$2 check=$3 out=$4 password=admin-demo
. "$(dirname "$0")/screenshot_lib.sh"
mkdir -p "$out"
"$ctl" --db "$dir/replica.db" demo --participants 300 >"$dir/demo.txt" || { cat "$dir/demo.txt"; exit 1; }
shoot login --user admin --screen login
shoot search --user admin --screen search --query siti
shoot participant --user admin --screen participant --query siti
shoot sync --user admin --screen sync
shoot registration --user admin --screen registration
shoot change --user admin --screen change --query siti
shoot admin --user admin --screen admin

# No flag bypasses signing in.
rm -f "$dir/x.png"
SIMPUL_PASSWORD=wrong-password xvfb-run -a -s "$xvfb_screen" \
  "$simpul" --db "$dir/replica.db" --screenshot "$dir/x.png" --screen search --user admin 2>"$dir/err.txt"
status=$?
[ "$status" -eq 4 ] || fail "wrong password must exit 4, got $status"
grep -q "cannot sign in as 'admin'" "$dir/err.txt" || fail "message: $(cat "$dir/err.txt")"
[ ! -e "$dir/x.png" ] || fail "no PNG may be written when signing in fails"
env -u SIMPUL_PASSWORD xvfb-run -a -s "$xvfb_screen" \
  "$simpul" --db "$dir/replica.db" --screenshot "$dir/x.png" --screen participant --user admin 2>/dev/null
[ $? -eq 4 ] || fail "a missing password must exit 4"
echo ok

#!/bin/sh
# The desk screens of the real app under Xvfb against a real replica made by `simpulctl demo`: signs in for real
# (--user admin, SIMPUL_PASSWORD) and checks each PNG; a wrong password must fail without writing a PNG.
# usage: desk_screenshot.sh SIMPUL SIMPULCTL PNG_CHECK OUT_DIR
# Exit 77 (CTest SKIP_RETURN_CODE) when xvfb-run is not installed.
set -u
simpul=$1 ctl=$2 check=$3 out=$4
if ! command -v xvfb-run >/dev/null 2>&1; then
  echo "xvfb-run not installed (apt install xvfb xauth): skipping"
  exit 77
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$out"
"$ctl" --db "$dir/replica.db" demo --participants 300 >"$dir/demo.txt" || { cat "$dir/demo.txt"; exit 1; }
fail() { echo "FAIL: $*"; exit 1; }
shoot() {  # NAME [extra args]
  name=$1; shift
  rm -f "$out/$name.png"
  SIMPUL_PASSWORD=admin-demo xvfb-run -a -s "-screen 0 1280x800x24" \
    "$simpul" --db "$dir/replica.db" --screenshot "$out/$name.png" --user admin "$@" || fail "$name: exit $?"
  "$check" "$out/$name.png" 1280 800 || fail "$name: PNG check"
}
shoot login --screen login
shoot search --screen search --query siti
shoot participant --screen participant --query siti
shoot sync --screen sync
shoot registration --screen registration
shoot change --screen change --query siti
shoot admin --screen admin

# No flag bypasses signing in.
rm -f "$dir/x.png"
SIMPUL_PASSWORD=wrong-password xvfb-run -a -s "-screen 0 1280x800x24" \
  "$simpul" --db "$dir/replica.db" --screenshot "$dir/x.png" --screen search --user admin 2>"$dir/err.txt"
status=$?
[ "$status" -eq 4 ] || fail "wrong password must exit 4, got $status"
grep -q "cannot sign in as 'admin'" "$dir/err.txt" || fail "message: $(cat "$dir/err.txt")"
[ ! -e "$dir/x.png" ] || fail "no PNG may be written when signing in fails"
env -u SIMPUL_PASSWORD xvfb-run -a -s "-screen 0 1280x800x24" \
  "$simpul" --db "$dir/replica.db" --screenshot "$dir/x.png" --screen participant --user admin 2>/dev/null
[ $? -eq 4 ] || fail "a missing password must exit 4"
echo ok

# Sourced by the *screenshot*.sh scripts here, after they set their arguments (simpul, check, and out where
# they use shoot): exits 77 (CTest SKIP_RETURN_CODE) when xvfb-run is not installed, makes the temp dir $dir
# (removed on exit) that holds the replica, and defines fail and shoot.
if ! command -v xvfb-run >/dev/null 2>&1; then
  echo "xvfb-run not installed (apt install xvfb xauth): skipping"
  exit 77
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# The X screen every screenshot is taken on (the PNG checks expect 1280x800).
xvfb_screen="-screen 0 1280x800x24"

fail() { echo "FAIL: $*"; exit 1; }

# shoot NAME [args]: the app on $dir/replica.db under Xvfb, signed in with SIMPUL_PASSWORD=$password, writes
# $out/NAME.png; fails unless it exits 0 and the PNG passes the check.
shoot() {
  name=$1; shift
  rm -f "$out/$name.png"
  env SIMPUL_PASSWORD="$password" xvfb-run -a -s "$xvfb_screen" \
    "$simpul" --db "$dir/replica.db" --screenshot "$out/$name.png" "$@" || fail "$name: exit $?"
  "$check" "$out/$name.png" 1280 800 || fail "$name: PNG check"
}

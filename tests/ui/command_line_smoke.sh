#!/bin/sh
# The executable's command-line contract: --help, usage errors, and the message when there is no display.
# usage: command_line_smoke.sh SIMPUL
set -u
simpul=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
fail() { echo "FAIL: $*"; exit 1; }

out=$("$simpul" --help) || fail "--help exited with $?"
echo "$out" | grep -q -- "--screenshot OUT.png" || fail "--help does not describe --screenshot"

"$simpul" --no-such-option >/dev/null 2>err.txt
[ $? -eq 2 ] || fail "unknown option must exit 2"
grep -q "unknown argument '--no-such-option'" err.txt || fail "unknown option message: $(cat err.txt)"

"$simpul" --lang fr >/dev/null 2>err.txt
[ $? -eq 2 ] || fail "bad --lang must exit 2"

"$simpul" --screenshot x.png --screen nowhere >/dev/null 2>err.txt
[ $? -eq 2 ] || fail "unknown screen must exit 2"

env -u DISPLAY -u WAYLAND_DISPLAY "$simpul" --screenshot nodisplay.png --screen about >/dev/null 2>err.txt
status=$?
[ $status -eq 3 ] || fail "no display must exit 3, got $status: $(cat err.txt)"
grep -q "no display: run under xvfb-run, or use simpulctl for headless work" err.txt || fail "message: $(cat err.txt)"
[ ! -e nodisplay.png ] || fail "no PNG may be written without a display"
echo "ok"

#!/usr/bin/env bash
# Fails when a lower layer includes something only a higher layer may use.
#   core: STL only.  storage: + sqlite, json, sodium.  sync: + curl, zlib, cereal.  Only app: ImGui/GLFW/GL.
set -u
root=${1:?source root}
status=0
check() {  # check DIR REGEX WHY
  local hits
  hits=$(grep -rnE "^[[:space:]]*#[[:space:]]*include[[:space:]]*[<\"]($2)" "$root/$1" 2>/dev/null)
  if [[ -n "$hits" ]]; then
    echo "layering violation in $1/ ($3):"
    echo "$hits"
    status=1
  fi
}
gui='imgui|GLFW/|GL/|backends/'
check core "$gui|sqlite3|curl/|nlohmann/|sodium|cereal/|httplib|zlib|simpul/storage/|simpul/sync/|simpul/server/" "core is STL only"
check storage "$gui|curl/|cereal/|httplib|simpul/sync/|simpul/server/" "storage must not know sync, server or GUI"
check sync "$gui|httplib|simpul/server/" "sync must not know the server or the GUI"
check server "$gui" "the server has no GUI"
check ctl "$gui|httplib" "simpulctl is headless"
[[ $status -eq 0 ]] && echo "layering ok"
exit $status

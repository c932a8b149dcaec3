#!/usr/bin/env bash
# Regenerates assets/regions/regions.tsv from the npm package idn-area-data (data ODbL).
# Needs node and npm; CI does not run this: the generated TSV is committed and is the build input.
#   scripts/build-regions.sh            # the pinned version below
#   IDN_AREA_DATA_VERSION=4.0.2 scripts/build-regions.sh
# After a version bump, update the version in assets/regions/ATTRIBUTION.md too.
set -euo pipefail

version="${IDN_AREA_DATA_VERSION:-4.0.1}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

(cd "$tmp" && npm pack --silent "idn-area-data@${version}" >/dev/null)
tar -xzf "$tmp"/idn-area-data-*.tgz -C "$tmp"
node "$repo/scripts/build-regions.mjs" "$tmp/package" "$repo/assets/regions/regions.tsv"
cp "$tmp/package/data/LICENSE.md" "$repo/assets/regions/LICENSE-ODbL.md"

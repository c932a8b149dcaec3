#!/usr/bin/env bash
# Installs the Debian 12 packages Simpul needs (only the missing ones). Safe to run repeatedly.
# Usage: scripts/deps.sh [--with-postgres]
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libsqlite3-dev libcurl4-openssl-dev libcereal-dev nlohmann-json3-dev zlib1g-dev
  libsodium-dev libssl-dev libbrotli-dev libcpp-httplib-dev libqrencode-dev libpq-dev
  libimgui-dev libglfw3-dev libfreetype-dev libstb-dev libgl1-mesa-dev libgl1-mesa-dri
  libgtest-dev libgmock-dev
  fonts-dejavu-core xvfb xauth espeak-ng
)
if [[ "${1:-}" == "--with-postgres" ]]; then packages+=(postgresql); fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then missing+=("$p"); fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "Installing Debian packages: ${missing[*]}"
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "error: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"

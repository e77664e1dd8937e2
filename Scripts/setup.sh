#!/usr/bin/env bash
# Installs what dedupe needs beyond the Swift toolchain: the C libraries and headers it links
# (Debian libxxhash-dev for XXH3 hashing, libxml2-dev for HTML pages and RSS/Atom, zlib1g-dev for .gz files,
# libsqlite3-dev for the index store through GRDB).
# Safe to run again: it does nothing when every package is already there.
set -euo pipefail
PACKAGES=(libxxhash-dev libxml2-dev zlib1g-dev libsqlite3-dev)
missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "dedupe setup: installing ${missing[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null

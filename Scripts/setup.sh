#!/usr/bin/env bash
# Installs what dedupe needs beyond the Swift toolchain: the xxHash C library and headers (Debian libxxhash-dev).
# Safe to run again: it does nothing when the package is already there.
set -euo pipefail
if dpkg-query -W -f='${Status}' libxxhash-dev 2>/dev/null | grep -q "install ok installed"; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "dedupe setup: installing libxxhash-dev" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libxxhash-dev >/dev/null

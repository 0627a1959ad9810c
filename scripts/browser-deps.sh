#!/usr/bin/env bash
# What the browser suite needs (issue 19): Debian's chromium and chromium-driver (one source,
# so always the same version) and Selenium from PyPI. Installs only what is missing.
set -euo pipefail
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
missing=""
for p in chromium chromium-driver fonts-dejavu-core; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  echo "installing:$missing" >&2
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
fi
python3 -c 'import selenium' 2>/dev/null || { echo "installing: selenium (PyPI)" >&2; pip install -q 'selenium>=4.51'; }

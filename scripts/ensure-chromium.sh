#!/usr/bin/env bash
# The browser tests drive Debian's chromium (browser downloads are not possible on these machines).
# Installs it with apt when it is missing and we are allowed to; otherwise says what to do.
set -euo pipefail
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium_path" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation >/dev/null
  exit 0
fi
echo "No chromium at $chromium_path. Install it (Debian/Ubuntu: sudo apt-get install chromium fonts-liberation)" >&2
echo "or point CHROMIUM_PATH at a Chromium/Chrome binary." >&2
exit 1

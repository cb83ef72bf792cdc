#!/usr/bin/env bash
# Install headless Chromium and its WebDriver for the browser tests (Debian/Ubuntu).
# Idempotent: does nothing when both are already installed. Needs root (or sudo).
set -euo pipefail

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  echo "chromium and chromedriver already installed"
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
if apt-cache show chromium-driver >/dev/null 2>&1; then
  apt-get install -y -qq chromium chromium-driver
else
  # Ubuntu ships chromium as a snap; its deb names differ and /usr/bin paths may be wrappers.
  apt-get install -y -qq chromium-browser chromium-chromedriver
fi
/usr/bin/chromium --version || true

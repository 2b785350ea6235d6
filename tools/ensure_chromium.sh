#!/bin/sh
# The browser tests drive a headless Chromium through Playwright. Use the one named by
# $CHROMIUM or found on PATH (tools/localsite.py says which); otherwise install one:
# the system's package on Debian/Ubuntu, else Playwright's own build.
set -e
PY="${PYTHON:-.venv/bin/python}"
if "$PY" tools/localsite.py >/dev/null 2>&1; then exit 0; fi
if command -v apt-get >/dev/null 2>&1; then
  echo "No Chromium found: installing the system package for the browser tests..."
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  if $SUDO apt-get update -q && $SUDO apt-get install -y -q chromium; then exit 0; fi
fi
echo "No Chromium found: installing Playwright's Chromium for the browser tests..."
"$PY" -m playwright install chromium

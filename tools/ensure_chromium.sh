#!/bin/sh
# The browser tests drive Debian's Chromium through Playwright (no browser download).
set -e
if [ -x /usr/bin/chromium ]; then exit 0; fi
echo "Installing Debian's chromium for the browser tests..."
if [ "$(id -u)" = 0 ]; then
  apt-get update -q && apt-get install -y -q chromium
else
  sudo apt-get update -q && sudo apt-get install -y -q chromium
fi

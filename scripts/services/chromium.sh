#!/bin/sh
# Debian's chromium for the browser test (tests/web/test_browser.py drives it with Playwright through
# executable_path; no browser is ever downloaded).  Idempotent: does nothing when /usr/bin/chromium is
# there; installs it with apt-get when we are root; otherwise says why and the test skips.
set -u
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if [ "$(id -u)" != 0 ]; then
    echo "chromium.sh: /usr/bin/chromium is missing and we are not root; the browser test will skip" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y -qq chromium >/dev/null 2>&1; then
    apt-get update -qq >/dev/null 2>&1 || true
    if ! apt-get install -y -qq chromium >/dev/null 2>&1; then
        echo "chromium.sh: apt-get install chromium failed; the browser test will skip" >&2
        exit 1
    fi
fi
[ -x /usr/bin/chromium ] || { echo "chromium.sh: chromium installed but /usr/bin/chromium is missing" >&2; exit 1; }
echo "chromium.sh: installed $(/usr/bin/chromium --version 2>/dev/null)"

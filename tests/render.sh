#!/bin/sh
# render.sh PAGE.html OUT.png - a screenshot of PAGE in headless Chromium,
# with no network and a fresh profile, as the report's readers would see it.
set -eu
page=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
/usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-quic \
    --no-first-run --disable-background-networking --disable-component-update \
    --disable-sync --hide-scrollbars --user-data-dir="$profile" \
    --window-size=1280,2600 --screenshot="$2" "file://$page" >/dev/null 2>&1

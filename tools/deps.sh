#!/bin/sh
# deps.sh - make sure wsisc's build dependencies are here (Debian/Ubuntu).
# As root, installs what is missing with apt-get; otherwise prints the exact
# command to run and fails, so `make demo` and `make check` never half-build.
set -u

# build: flex bison pkg-config libxml2-dev; tests: check libsubunit-dev;
# libical-dev, python3-icalendar, python3-vobject as independent readers of
# the calendars; libxml2-utils (xmllint) for the reports' schema; chromium
# to render the HTML report; valgrind and lcov for make check-valgrind and
# make coverage.
PKGS="flex bison pkg-config check libsubunit-dev libxml2-dev libical-dev python3-icalendar python3-vobject libxml2-utils chromium valgrind lcov"
missing=""
command -v flex >/dev/null 2>&1 || missing="$missing flex"
command -v bison >/dev/null 2>&1 || missing="$missing bison"
if ! command -v pkg-config >/dev/null 2>&1; then
    missing="$missing pkg-config check libsubunit-dev libxml2-dev libical-dev"
else
    pkg-config --exists check 2>/dev/null || missing="$missing check libsubunit-dev"
    pkg-config --exists libxml-2.0 2>/dev/null || missing="$missing libxml2-dev"
    pkg-config --exists libical 2>/dev/null || missing="$missing libical-dev"
fi
/usr/bin/python3 -c 'import icalendar' 2>/dev/null || missing="$missing python3-icalendar"
/usr/bin/python3 -c 'import vobject' 2>/dev/null || missing="$missing python3-vobject"
command -v xmllint >/dev/null 2>&1 || missing="$missing libxml2-utils"
[ -x /usr/bin/chromium ] || missing="$missing chromium"
command -v valgrind >/dev/null 2>&1 || missing="$missing valgrind"
command -v lcov >/dev/null 2>&1 || missing="$missing lcov"
[ -z "$missing" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "wsisc: missing build dependencies:$missing" >&2
    echo "wsisc: install them with your package manager (see README.md)" >&2
    exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "wsisc: missing build dependencies:$missing" >&2
    echo "wsisc: run this, then make again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y $PKGS" >&2
    exit 1
fi
echo "wsisc: installing build dependencies:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null &&
    apt-get install -y -qq --no-install-recommends $PKGS >/dev/null ||
    { echo "wsisc: apt-get failed; run: apt-get install -y $PKGS" >&2; exit 1; }

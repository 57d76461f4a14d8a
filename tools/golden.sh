#!/bin/sh
# golden.sh - (re)writes tests/cases/NAME.err from what build/wsisc prints,
# for the cases named (or all).  Read the diff before committing: a golden
# file is a claim about what users see.
set -eu
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || set -- tests/cases/*.wsis
for f in "$@"; do
    NO_COLOR=1 WSIS_PATH= build/wsisc check -I tests/cases/lib "$f" \
        > "${f%.wsis}.err" 2>&1 || true
done

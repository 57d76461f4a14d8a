#!/bin/sh
# golden.sh - (re)writes tests/cases/NAME.err from what build/wsisc prints,
# for the cases named (or all).  Read the diff before committing: a golden
# file is a claim about what users see.
set -eu
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || set -- tests/cases/*.wsis
for f in "$@"; do
    # "// today: D", "// as-of: D", "// progress: FILE" set the run up
    today=$(sed -n 's|^// today: *||p' "$f" | head -n 1)
    asof=$(sed -n 's|^// as-of: *||p' "$f" | head -n 1)
    prog=$(sed -n 's|^// progress: *||p' "$f" | head -n 1)
    cmd=check
    set --
    [ -n "$today" ] && set -- "$@" --today="$today"
    [ -n "$asof" ] && { cmd=report; set -- "$@" --as-of="$asof"; }
    [ -n "$prog" ] && { cmd=report; set -- "$@" --progress="$prog"; }
    NO_COLOR=1 WSIS_PATH= build/wsisc $cmd -I tests/cases/lib "$@" "$f" \
        > /dev/null 2> "${f%.wsis}.err" || true
done

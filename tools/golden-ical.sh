#!/bin/sh
# golden-ical.sh - (re)writes tests/ical/NAME.ics from what build/wsisc
# writes, with the options on the spec's "// options:" line.  Read the diff
# before committing.
set -eu
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || set -- tests/ical/*.wsis
for f in "$@"; do
    opts=$(sed -n 's|^// options:||p' "$f" | head -n 1)
    args=""
    for o in $opts; do args="$args --$o"; done
    # shellcheck disable=SC2086
    SOURCE_DATE_EPOCH=1372550400 WSIS_PATH= build/wsisc ical $args "$f" \
        > "${f%.wsis}.ics"
done

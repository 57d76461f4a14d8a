#!/bin/sh
# oom.sh BINARY [big] - fails each allocation of the main job (or of the
# big calendar job, see tests/oom.c) in turn (1, 2, ...)
# until a run needs fewer than that; every run must succeed or stop with a
# clean out-of-memory diagnostic (exit 2), without a sanitizer report.
set -u
bin=$1
mode=${2:-}
n=1
while :; do
    out=$("$bin" "$n" $mode 2>/tmp/wsisc-oom.$$)
    rc=$?
    if [ "$rc" -ne 0 ] && [ "$rc" -ne 2 ]; then
        echo "allocation $n: exit $rc" >&2
        cat /tmp/wsisc-oom.$$ >&2
        rm -f /tmp/wsisc-oom.$$
        exit 1
    fi
    case $out in
    done*)
        echo "oom${mode:+ ($mode)}: every one of ${out#done } allocations failed in turn: clean"
        rm -f /tmp/wsisc-oom.$$
        exit 0 ;;
    esac
    n=$((n + 1))
done

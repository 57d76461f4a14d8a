#!/bin/sh
# embed.sh NAME FILE - writes a C file holding FILE as the byte array NAME
# (NUL-terminated) and NAME_len, so wsisc carries its schemas inside.
set -eu
name=$1
file=$2
echo "/* Generated from $file by tools/embed.sh; do not edit. */"
echo "#include <stddef.h>"
echo "const char $name[] = {"
od -An -v -tx1 "$file" | sed -e 's/  */ /g' -e 's/^ //' -e 's/ $//' \
    -e 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'
echo "0x00};"
echo "const size_t ${name}_len = sizeof $name - 1;"

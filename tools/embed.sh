#!/bin/sh
# Writes to stdout a C file that defines NAME, the bytes of FILE, and
# NAME_size, their count, so that the program carries data it needs
# instead of reading a file at run time (any platform's build can compile
# it):   sh tools/embed.sh NAME FILE > OUT.c
set -eu
name=$1
file=$2
if [ ! -s "$file" ]; then
	echo "embed: $file is missing or empty" >&2
	exit 1
fi
printf '/* Made by tools/embed.sh from %s; do not edit. */\n#include <stddef.h>\n\n' "$file"
printf 'const unsigned char %s[] = {\n' "$name"
od -An -v -tx1 "$file" | sed -e 's/  */ /g' -e 's/^ //' -e 's/ $//' -e 's/\([0-9a-f][0-9a-f]\)/0x\1,/g' -e 's/^/\t/'
printf '};\nconst size_t %s_size = sizeof %s;\n' "$name" "$name"

#!/usr/bin/env bash
# Print the oldest glibc a built folder runs on (for example "2.28"): the newest GLIBC_x.y symbol
# version that any program or shared library in it asks for. Prints nothing without objdump.
#
#   bash scripts/glibc-needed.sh dist/evaluator-app
set -euo pipefail
folder=${1:?usage: glibc-needed.sh FOLDER}
command -v objdump >/dev/null 2>&1 || exit 0
find "$folder" -type f \( -name "*.so*" -o -perm -u+x \) -exec objdump -T {} + 2>/dev/null \
    | grep -oE "GLIBC_[0-9]+\.[0-9]+" | sort -uV | tail -n 1 | sed "s/^GLIBC_//" || true

#!/usr/bin/env bash
# Build every sample dossier twice, in two processes that differ in time zone and hash seed, and
# fail (exit 1, listing the files) if any output differs by a byte or is missing.
#
#   bash scripts/check_reproducible.sh [OUT] [options of `dossier samples`, e.g. --data FILE]
#
# The first build is kept in OUT (which must be new or empty) for review; without OUT both
# builds go to temporary folders. DOSSIER names the command to run (default .venv/bin/dossier).
set -euo pipefail
cd "$(dirname "$0")/.."
DOSSIER=${DOSSIER:-.venv/bin/dossier}

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
first="$scratch/first"
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
  first=$1
  shift
  if [ -e "$first" ] && [ -n "$(ls -A "$first")" ]; then
    echo "$first is not empty: give a new or empty folder" >&2
    exit 2
  fi
fi
second="$scratch/second"

echo "first build: $first"
PYTHONHASHSEED=1 TZ=UTC $DOSSIER samples --out "$first" "$@"
echo "second build: $second"
# UTC-14 in POSIX notation is fourteen hours ahead of UTC: a date taken from the local clock
# instead of SOURCE_DATE_EPOCH shows up as a difference.
PYTHONHASHSEED=2 TZ=UTC-14 $DOSSIER samples --out "$second" "$@"

passed=0
failed=0
while IFS= read -r name; do
  if [ ! -f "$first/$name" ]; then
    echo "missing from the first build: $name"
  elif [ ! -f "$second/$name" ]; then
    echo "missing from the second build: $name"
  elif ! cmp -s "$first/$name" "$second/$name"; then
    echo "differs between the two builds: $name"
  else
    passed=$((passed + 1))
    continue
  fi
  failed=$((failed + 1))
done < <(find "$first" "$second" -maxdepth 1 -type f -printf '%f\n' | sort -u)

if [ "$failed" -ne 0 ]; then
  echo "NOT REPRODUCIBLE: the same input gave different bytes. What differs in the text:" >&2
  $DOSSIER diff "$first" "$second" || true
else
  echo "$passed files byte-identical in two builds"
fi
# One line a CI log reader counts, as it counts a test runner's: one file, one test.
echo "reproducible: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

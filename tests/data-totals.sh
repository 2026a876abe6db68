#!/bin/sh
# data-totals.sh — the bundled transcription of Tables 6, 7 and 8 adds up to the Total rows the
# report prints, and those Total rows read as printed. A single changed digit in a country row
# or in a Total row makes this test fail.
set -u
: "${TIPRECON:?set TIPRECON to the program to test}"
LC_ALL=C
export LC_ALL

tidy=$(mktemp)
trap 'rm -f "$tidy"' EXIT
if ! "$TIPRECON" --tidy > "$tidy"; then
  echo "data-totals: tiprecon --tidy failed"
  exit 1
fi

# The published totals, as printed in COM(2025) 740 (source measure year total).
expected='declared reports 2022 705297
declared reports 2023 799508
declared reports 2024 708894
reference reports 2022 1503431
reference reports 2023 1343857
reference reports 2024 950817
declared children_identified 2022 20071
declared children_identified 2023 23329
declared children_identified 2024 22473'

passed=0
failed=0
echo "$expected" | {
  while read -r source measure year total; do
    got=$(awk -F, -v s="$source" -v m="$measure" -v y="$year" '
      $1 == s && $4 == m && $3 == y {
        if ($2 == "TOTAL") printed = $5; else if ($5 != "") sum += $5
      }
      END { printf "%s %d\n", printed, sum }' "$tidy")
    if [ "$got" = "$total $total" ]; then
      passed=$((passed + 1))
    else
      echo "FAIL $source $measure $year: printed total and sum of rows are '$got', expected $total for both"
      failed=$((failed + 1))
    fi
  done
  echo "data-totals: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

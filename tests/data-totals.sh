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
} || exit 1

# The headline's gross figures, computed here from the bundled tables alone (Table 7's French
# names joined to Table 6's codes through data/countries.csv): per year, the sum of the
# positive gaps (NCMEC - declared), the sum of the negative ones, and NCMEC's figures for the
# countries that declared none. The report must state the same figures.
data=${TIPRECON_DATA_DIR:-$(dirname "$0")/../data}
headline=$(mktemp)
json=$(mktemp)
trap 'rm -f "$tidy" "$headline" "$json"' EXIT
"$TIPRECON" > "$headline" && "$TIPRECON" --format json > "$json" || { echo "data-totals: run failed"; exit 1; }
failed=0
for column in 2 3 4; do
  figures=$(cut -d, -f1-4 "$data/table6-declared-reports.csv" | awk -F, -v col=$column '
    FNR == 1 { file++; next }
    file == 1 { eu[$4] = $6 }
    file == 2 && ($1 in eu) { v = $col; gsub(/ /, "", v); ncmec[eu[$1]] = v }
    file == 3 && $1 != "Total" { v = $col; gsub(/ /, "", v); declared[$1] = v == "-" ? "" : v }
    END {
      for (c in ncmec) {
        if (declared[c] == "") { left += ncmec[c]; continue }
        gap = ncmec[c] - declared[c]
        if (gap > 0) short += gap; else excess -= gap
      }
      printf "%d %d %d %d\n", 2020 + col, short, excess, left
    }' "$data/countries.csv" "$data/table7-ncmec-reports.csv" -)
  set -- $figures
  year=$1 short=$2 excess=$3 left=$4
  # The tool's JSON: "shortfall", "excess", "reference_left_out" of that year, in the main
  # comparison's "years" (the other comparisons have years of their own).
  got=$(awk -v y="$year" '
    /^  "comparisons" : / { inyear = 0; done = 1 }
    done { next }
    /"year" : / { gsub(/,/, "", $3); inyear = ($3 == y) }
    inyear && /"shortfall"|"excess"|"reference_left_out"/ { gsub(/[",]/, ""); printf "%s ", $3 }
  ' "$json")
  if [ "$got" != "$short $excess $left " ]; then
    echo "FAIL headline $year: JSON gives '$got', the tables give '$short $excess $left'"
    failed=$((failed + 1))
  fi
  # The text headline, in grouped digits, with the words a journalist would quote.
  group() { echo "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\| \)/\1 \2\3/' -e 'ta'; }
  text=$(tr '\n' ' ' < "$headline" | tr -s ' ')
  for phrase in "declared $(group "$short") fewer reports than NCMEC sent them" \
                "declared $(group "$excess") more" "with $(group "$left") reports from NCMEC"; do
    case "$text" in
      *"$phrase"*) ;;
      *) echo "FAIL headline $year: '$phrase' not in the text report"; failed=$((failed + 1)) ;;
    esac
  done
done
# The 2024 figures quoted in issue reports and in the docs, as the tables give them.
if ! grep -q '"shortfall" : 225513' "$json" || ! grep -q '"excess" : 77030' "$json" \
   || ! grep -q '"reference_left_out" : 93440' "$json"; then
  echo "FAIL headline 2024: 225 513 short, 77 030 in excess and 93 440 left out expected"
  failed=$((failed + 1))
fi
echo "data-totals (headline): $failed failed"
[ "$failed" -eq 0 ]

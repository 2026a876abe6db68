#!/bin/sh
# notes-check.sh — data/notes.csv says what the remarks of Tables 6-9 say: each note's table,
# country, years, measure, kind and precision are pinned here, as read from the remarks of
# COM(2025) 740 (see docs/methodology.md, section 10, for how a remark becomes a note). A note
# dropped, added, or moved to other years or another kind makes this test fail; so does a note
# whose country has no remark in its table, and a rounded figure that is not approximate.
set -u
: "${TIPRECON:?set TIPRECON to the program to test}"
LC_ALL=C
export LC_ALL
data=${TIPRECON_DATA_DIR:-$(dirname "$0")/../data}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
check() { # NAME EXPECTED-FILE GOT-FILE
  if cmp -s "$2" "$3"; then
    passed=$((passed + 1))
  else
    echo "FAIL $1:"
    diff "$2" "$3" | head -20
    failed=$((failed + 1))
  fi
}

# remarks country years measure kind precision, in the file's order (the remark source of
# data/sources.ini each note is derived from).
cat > "$tmp/expected" <<'EOF'
com740-t6-remarks BE 2024 reports method -
com740-t6-remarks DE 2022-2024 reports source -
com740-t6-remarks DE 2022-2024 reports scope -
com740-t6-remarks EE 2022-2023 reports scope -
com740-t6-remarks EE 2024 reports source -
com740-t6-remarks IT 2024 reports provisional -
com740-t6-remarks LV 2022-2024 reports scope -
com740-t6-remarks RO 2022-2024 reports scope -
com740-t6-remarks SE 2023 reports one_off -
com740-t6-remarks SI 2022-2024 reports scope -
com740-t8-remarks CY 2022-2024 children_identified scope -
com740-t8-remarks CZ 2024 children_identified scope -
com740-t8-remarks DE 2022-2024 children_identified scope -
com740-t8-remarks DK 2022-2024 children_identified provisional -
com740-t8-remarks DK 2022-2024 children_identified scope -
com740-t8-remarks FI 2023-2024 children_identified scope -
com740-t8-remarks LT 2022-2024 children_identified scope -
com740-t8-remarks LU 2022-2024 children_identified scope -
com740-t8-remarks LV 2022-2024 children_identified scope -
com740-t8-remarks MT 2023 children_identified source -
com740-t8-remarks SE 2022-2024 children_identified scope -
com740-t8-remarks SI 2022-2024 children_identified provisional -
com740-t9-remarks CY 2022 convictions scope -
com740-t9-remarks DE 2022-2023 convictions source -
com740-t9-remarks DK 2022-2024 convictions provisional -
com740-t9-remarks FI 2023 convictions scope -
com740-t9-remarks IE 2023-2024 convictions provisional -
com740-t9-remarks IE 2023-2024 convictions scope -
com740-t9-remarks IT 2022-2024 convictions scope -
com740-t9-remarks IT 2024 convictions scope -
com740-t9-remarks LU 2022-2024 convictions scope -
com740-t9-remarks NL 2022-2024 convictions rounded 10
com740-t9-remarks NL 2024 convictions provisional -
com740-t9-remarks SK 2022-2023 convictions scope -
com740-t9-remarks SK 2024 convictions provisional -
EOF
python3 - "$data/notes.csv" > "$tmp/got" <<'EOF'
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
for r in rows:
    print(r["table"], r["country"], r["years"], r["measure"], r["kind"], r["precision"] or "-")
EOF
check "the notes of data/notes.csv" "$tmp/expected" "$tmp/got"

# Every note is tied to the remark it comes from: each SERIES_BREAK cites a remark cell.
"$TIPRECON" --format csv --anomalies > "$tmp/anomalies" || { echo "notes-check: run failed"; exit 1; }
grep '^SERIES_BREAK,' "$tmp/anomalies" | grep -v 'remark=data/table[689]-' > "$tmp/unsourced"
: > "$tmp/none"
check "every note has its remark" "$tmp/none" "$tmp/unsourced"

# The Netherlands' convictions are rounded to the ten: approximate, every year.
"$TIPRECON" --tidy | grep ',NL,20..,convictions,' | cut -d, -f3,6 > "$tmp/nl"
printf '2022,approximate\n2023,approximate\n2024,approximate\n' > "$tmp/nl-expected"
check "rounded figures are approximate" "$tmp/nl-expected" "$tmp/nl"

echo "notes-check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

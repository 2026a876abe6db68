#!/bin/sh
# variants.sh — re-typed copies of Tables 6 and 7 (other delimiters, English or German names,
# ISO3 codes, other thousands separators, BOM, CRLF, the long layout) give exactly the figures
# of the bundled transcription: same source, country, year, measure, value, qualifier and
# missing reason, row for row.
set -u
: "${TIPRECON:?set TIPRECON to the program to test}"
: "${TESTS_DIR:?set TESTS_DIR to the tests directory}"
LC_ALL=C
export LC_ALL
dir="$TESTS_DIR/inputs/variants"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The figures without their provenance, sorted.
figures() { cut -d, -f1-7 | sort; }

"$TIPRECON" --tidy | awk -F, '$1 == "declared" && $4 == "reports" || NR == 1' | figures > "$tmp/table6"
"$TIPRECON" --tidy | awk -F, '$1 == "reference" || NR == 1' | figures > "$tmp/table7"

passed=0
failed=0
check() { # name, expected figures file, arguments…
  name=$1
  want=$2
  shift 2
  if "$TIPRECON" --tidy "$@" > "$tmp/out" 2> "$tmp/err"; then
    awk -F, -v s="$(basename "$want")" 'NR == 1 || (s == "table6" && $1 == "declared") || (s == "table7" && $1 == "reference")' "$tmp/out" | figures > "$tmp/got"
    if cmp -s "$want" "$tmp/got"; then
      passed=$((passed + 1))
      return
    fi
    echo "FAIL $name: figures differ from the bundled table:"
    diff "$want" "$tmp/got" | head -10
  else
    echo "FAIL $name: $(cat "$tmp/err")"
  fi
  failed=$((failed + 1))
}

check "Table 6, semicolons, CRLF, BOM, no-break spaces" "$tmp/table6" \
  --declared "$dir/table6-semicolon-crlf-bom.csv"
check "Table 6, long layout, ISO3 codes, apostrophes" "$tmp/table6" \
  --declared "$dir/table6-long-iso3.csv"
check "Table 7, English names, comma separators" "$tmp/table7" \
  --reference "$dir/table7-english-commas.csv"
check "Table 7, German names, dot separators, tabs" "$tmp/table7" \
  --reference "$dir/table7-german-dots.tsv"
check "Table 7, ISO3 codes, narrow no-break spaces" "$tmp/table7" \
  --reference "$dir/table7-iso3-narrow-nbsp.csv"

echo "variants: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

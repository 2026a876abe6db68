#!/bin/sh
# docs-check.sh — the docs cannot drift from the program: the man page documents every option
# that --help lists, and every anomaly count and headline figure quoted in docs/methodology.md
# and the README is what the program prints on the bundled data.
set -u
: "${TIPRECON:?set TIPRECON to the program to test}"
: "${TESTS_DIR:?set TESTS_DIR to the tests directory}"
LC_ALL=C
export LC_ALL
man="$TESTS_DIR/../docs/tiprecon.1"
methodology="$TESTS_DIR/../docs/methodology.md"
readme="$TESTS_DIR/../README"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); }
ko() { echo "FAIL $*"; failed=$((failed + 1)); }

for option in $("$TIPRECON" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
  escaped=$(printf '%s' "$option" | sed 's/-/\\\\-/g')
  if grep -q -- "$escaped" "$man"; then ok; else ko "$option is in --help but not in docs/tiprecon.1"; fi
done

for option in $("$TIPRECON" records --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
  escaped=$(printf '%s' "$option" | sed 's/-/\\\\-/g')
  if grep -q -- "$escaped" "$man"; then ok; else ko "records $option is in --help but not in docs/tiprecon.1"; fi
done

# Counts of a run's findings: "total critical warning info", and per rule.
counts() {
  awk -F, 'NR > 1 { n++; s[$2]++ } END { printf "%d %d %d %d\n", n, s["critical"], s["warning"], s["info"] }' "$1"
}
"$TIPRECON" --format csv --anomalies > "$tmp/all.csv"
set -- $(counts "$tmp/all.csv")
total=$1 critical=$2 warning=$3 info=$4
# The flattened text (one line, single spaces) of the methodology, so that a quoted sentence
# may wrap.
tr '\n' ' ' < "$methodology" | tr -s ' ' > "$tmp/methodology"

quoted=$(grep -o 'On the bundled data there are [0-9]*: [0-9]* critical, [0-9]* warning, [0-9]* info' "$tmp/methodology")
if [ "$quoted" = "On the bundled data there are $total: $critical critical, $warning warning, $info info" ]; then
  ok
else
  ko "methodology says '$quoted'; the program finds $total: $critical critical, $warning warning, $info info"
fi

quoted=$(grep -o 'exits with 1 ([0-9]* critical findings)' "$tmp/methodology")
if [ "$quoted" = "exits with 1 ($critical critical findings)" ]; then ok; else ko "methodology says '$quoted'; $critical critical"; fi

divergent=$(grep -c '^TREND_DIVERGENCE,' "$tmp/all.csv")
quoted=$(grep -o '[0-9]* countries are flagged' "$tmp/methodology")
if [ "$quoted" = "$divergent countries are flagged" ]; then ok; else ko "methodology says '$quoted'; TREND_DIVERGENCE flags $divergent"; fi

# The example configuration: the first ini block of the methodology, run as it stands.
awk '/^```ini$/ { inside = 1; next } inside && /^```$/ { exit } inside' "$methodology" > "$tmp/example.ini"
"$TIPRECON" --config "$tmp/example.ini" --format csv --anomalies > "$tmp/config.csv"
set -- $(counts "$tmp/config.csv")
want="gives $1 findings instead of $total: $2 critical instead of $critical"
want="$want|$3 warnings instead of $warning|and $4 info instead of $info"
quoted=$(grep -o 'gives [0-9]* findings instead of [0-9]*: [0-9]* critical instead of [0-9]*' "$tmp/methodology")
quoted="$quoted|$(grep -o '[0-9]* warnings instead of [0-9]*' "$tmp/methodology")"
quoted="$quoted|$(grep -o 'and [0-9]* info instead of [0-9]*' "$tmp/methodology")"
if [ "$quoted" = "$want" ]; then ok; else ko "methodology's config example says '$quoted'; the program gives '$want'"; fi

# Headline sentences quoted in the docs are the program's own: the methodology's quoted block
# ("> 2024: …") and the README's quotations that name NCMEC.
"$TIPRECON" | tr '\n' ' ' | tr -s ' ' > "$tmp/report"
block=$(grep '^> ' "$methodology" | sed 's/^> //' | tr '\n' ' ' | tr -s ' ' | sed 's/ $//')
case "$(cat "$tmp/report")" in
  *"$block"*) [ -n "$block" ] && ok || ko "no quoted headline ('> 2024: ...') in the methodology" ;;
  *) ko "methodology's quoted headline is not in the report: $block" ;;
esac
tr '\n' ' ' < "$readme" | tr -s ' ' | grep -o '("[^"]*NCMEC[^"]*")' | sed 's/^("//; s/")$//' > "$tmp/quotes"
[ -s "$tmp/quotes" ] || ko "no quoted headline found in the README"
while IFS= read -r quote; do
  case "$(cat "$tmp/report")" in
    *"$quote"*) ok ;;
    *) ko "README quotes '$quote', which the report does not print" ;;
  esac
done < "$tmp/quotes"

# docs/statements.md: every example (```statements blocks) run as one statements file; what
# the program says of each (status, id, sentence) must be the ```output blocks, in order.
statements_md="$TESTS_DIR/../docs/statements.md"
awk '/^```statements$/ { inside = 1; next } inside && /^```$/ { inside = 0 } inside' \
  "$statements_md" > "$tmp/examples.txt"
awk '/^```output$/ { inside = 1; next } inside && /^```$/ { inside = 0 } inside' \
  "$statements_md" > "$tmp/examples-want"
"$TIPRECON" --statements "$tmp/examples.txt" --format json > "$tmp/examples.json"
python3 -c '
import json, sys
for s in json.load(open(sys.argv[1]))["statements"]:
    if s["statement"].startswith(sys.argv[2] + ":"):
        print(s["status"], s["id"] + ":", s["sentence"])
' "$tmp/examples.json" "$tmp/examples.txt" > "$tmp/examples-got"
if [ -s "$tmp/examples-want" ] && cmp -s "$tmp/examples-want" "$tmp/examples-got"; then
  ok
else
  ko "docs/statements.md's examples: the program says otherwise: $(diff "$tmp/examples-want" "$tmp/examples-got" | head -5)"
fi

# The per-capita rates the methodology quotes for Austria are those --explain AT prints.
quoted=$(grep -o '`2019 [0-9.]*, 2020 [0-9.]*, 2021 [0-9.]*, 2022 [0-9.]*, 2023 [0-9.]* (population of 2022)`' "$tmp/methodology" | tr -d '`')
"$TIPRECON" --explain AT | tr '\n' ' ' | tr -s ' ' > "$tmp/explain-at"
if [ -n "$quoted" ] && grep -qF "$quoted" "$tmp/explain-at"; then ok; else ko "methodology quotes '$quoted' for Austria; --explain AT does not print it"; fi

# The README's counts of bundled statements and of those that fail.
"$TIPRECON" --format json > "$tmp/default.json"
want=$(python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))["statements"]
print("%d such restatements|them: %d fail" % (len(s), sum(x["status"] == "fails" for x in s)))
' "$tmp/default.json")
quoted="$(tr '\n' ' ' < "$readme" | tr -s ' ' | grep -o '[0-9]* such restatements')|$(tr '\n' ' ' < "$readme" | tr -s ' ' | grep -o 'them: [0-9]* fail')"
if [ "$quoted" = "$want" ]; then ok; else ko "README says '$quoted'; the program gives '$want'"; fi

echo "docs-check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

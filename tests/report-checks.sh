#!/bin/sh
# report-checks.sh — properties of the report on the bundled data that golden files alone do
# not state: the JSON reproduces the report's published totals with ok: true, and two runs give
# byte-identical output in every format, and no number is broken across two lines of text.
set -u
: "${TIPRECON:?set TIPRECON to the program to test}"
LC_ALL=C
export LC_ALL
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); }
ko() { echo "FAIL $*"; failed=$((failed + 1)); }

"$TIPRECON" --format json > "$tmp/a.json" || ko "json run"
# Each published total as "source measure year sum published ok", from the JSON's totals.
awk '
  /"totals" : \[/ { inside = 1 }
  inside && /"source"/ { gsub(/[",]/, "", $3); source = $3 }
  inside && /"measure"/ { gsub(/[",]/, "", $3); measure = $3 }
  inside && /"year"/ { gsub(/,/, "", $3); year = $3 }
  inside && /"sum"/ { gsub(/,/, "", $3); sum = $3 }
  inside && /"published"/ { gsub(/,/, "", $3); published = $3 }
  inside && /"ok"/ { gsub(/,/, "", $3); print source, measure, year, sum, published, $3 }
  inside && /^  \]/ { inside = 0 }
' "$tmp/a.json" > "$tmp/totals"
for want in \
  "declared reports 2022 705297 705297 true" \
  "declared reports 2023 799508 799508 true" \
  "declared reports 2024 708894 708894 true" \
  "reference reports 2022 1503431 1503431 true" \
  "reference reports 2023 1343857 1343857 true" \
  "reference reports 2024 950817 950817 true" \
  "declared children_identified 2022 20071 20071 true" \
  "declared children_identified 2023 23329 23329 true" \
  "declared children_identified 2024 22473 22473 true"; do
  if grep -qx "$want" "$tmp/totals"; then ok; else ko "JSON total '$want' not found"; fi
done

for format in text csv json tidy markdown html svg; do
  "$TIPRECON" --format "$format" > "$tmp/1" && "$TIPRECON" --format "$format" > "$tmp/2"
  if cmp -s "$tmp/1" "$tmp/2"; then ok; else ko "two runs of --format $format differ"; fi
done

# Wrapped text never breaks a number between its thousands groups ("1 460" / "757 sent"), nor
# a percentage from its sign ("82.7" / "%"): in
# the report and in the story of every country.
"$TIPRECON" > "$tmp/wrapped"
for code in $("$TIPRECON" --format csv | cut -d, -f1 | sort -u | grep -v '^country$'); do
  "$TIPRECON" --explain "$code" >> "$tmp/wrapped"
done
broken=$(awk 'prev ~ /[0-9]$/ && $0 ~ /^ *([0-9][0-9][0-9]([^0-9]|$)|%)/ { print FNR ": " prev }
              { prev = $0 }' "$tmp/wrapped")
if [ -z "$broken" ]; then ok; else ko "a number is broken across lines: $broken"; fi

# A filter chooses what is shown, never the population a statistic is computed from: the
# anomalies of a filtered run are exactly the full run's anomalies of the countries and years
# kept (COVERAGE_OUTLIER's robust z stays the one computed among all the countries).
"$TIPRECON" --format csv --anomalies > "$tmp/all.csv"
for filter in "DE,FR,NL,AT,IT -" "PL -" "- 2023" "PL,RO 2023-2024" "IT 2022"; do
  set -- $filter
  countries=$1 years=$2
  set --
  [ "$countries" != - ] && set -- "$@" --country "$countries"
  [ "$years" != - ] && set -- "$@" --years "$years"
  "$TIPRECON" --format csv --anomalies "$@" > "$tmp/filtered.csv"
  awk -F, -v c=",$countries," -v y="$years" '
    BEGIN { from = 0; to = 9999
            if (y != "-") { n = split(y, r, "-"); from = r[1]; to = n > 1 ? r[2] : r[1] } }
    NR == 1 || ((c == ",-," || $3 == "" || index(c, "," $3 ",")) && $4 >= from && $4 <= to)
  ' "$tmp/all.csv" > "$tmp/restricted.csv"
  if cmp -s "$tmp/restricted.csv" "$tmp/filtered.csv"; then
    ok
  else
    ko "anomalies with $*: not the full run's restricted to them: $(diff "$tmp/restricted.csv" "$tmp/filtered.csv" | head -4)"
  fi
done
outliers=$("$TIPRECON" --format csv --anomalies --country PL | grep -c '^COVERAGE_OUTLIER,warning,PL,')
if [ "$outliers" = 3 ]; then ok; else ko "--country PL shows $outliers of Poland's 3 COVERAGE_OUTLIER findings"; fi

# --output writes the same bytes as standard output, and leaves no temporary file behind.
mkdir "$tmp/out"
"$TIPRECON" --format json --output "$tmp/out/report.json"
if cmp -s "$tmp/a.json" "$tmp/out/report.json" && [ "$(ls -A "$tmp/out")" = report.json ]; then
  ok
else
  ko "--output differs from standard output or left a file behind"
fi
# A failed write leaves an existing output untouched.
echo "previous" > "$tmp/out/keep.csv"
if "$TIPRECON" --declared /nonexistent.csv --output "$tmp/out/keep.csv" 2> /dev/null; then
  ko "a missing input did not fail"
elif [ "$(cat "$tmp/out/keep.csv")" = previous ] && [ "$(ls -A "$tmp/out" | wc -l)" -eq 2 ]; then
  ok
else
  ko "a failed run changed the existing output file"
fi

# NCMEC's worldwide table as the reference: every report format says, in one sentence, that
# the countries the declared series does not speak of are not compared, and how many.
data=${TIPRECON_DATA_DIR:-$(dirname "$0")/../data}
note="The reference series also has figures for 221 other countries and territories, not compared"
for format in text json markdown html; do
  "$TIPRECON" --reference "$data/ncmec-reports-by-country-2019-2024.csv" \
    --reference-layout "$data/ncmec-reports-by-country-2019-2024.layout" --on-duplicate sum \
    --format $format > "$tmp/world.$format" || ko "worldwide reference, $format run"
  if tr '\n' ' ' < "$tmp/world.$format" | sed 's/  */ /g' | grep -q "$note"; then
    ok
  else
    ko "worldwide reference: no scope note in --format $format"
  fi
done
grep -q '"countries_not_compared" : 221,' "$tmp/world.json" && ok \
  || ko "worldwide reference: JSON countries_not_compared is not 221"

# Citations name what was read. A copy of the data (TIPRECON_DATA_DIR) is cited by its own path,
# never as the bundled data/.
cp -R "$TIPRECON_DATA_DIR" "$tmp/copy"
TIPRECON_DATA_DIR="$tmp/copy" "$TIPRECON" --explain AT > "$tmp/explain-copy"
if grep -q "  2022  reference reports  *18 501   $tmp/copy/table7-ncmec-reports.csv:2:2\$" \
     "$tmp/explain-copy" && ! grep -q " data/" "$tmp/explain-copy"; then
  ok
else
  ko "--explain AT on a copy of the data does not cite the copy: $(grep 18.501 "$tmp/explain-copy")"
fi
# A declared file of the user's is cited as itself in the HTML method section, the Markdown
# sources and the trend chart's legend, never as Table 6 of COM(2025) 740.
printf 'country,2022\nAT,10130\n' > "$tmp/mine.csv"
for format in html markdown "svg --chart trend"; do
  # shellcheck disable=SC2086 # the svg format carries its chart option
  (cd "$tmp" && "$TIPRECON" --declared mine.csv --format $format) > "$tmp/own.${format%% *}"
  if grep -qE "Tables? 6" "$tmp/own.${format%% *}"; then
    ko "--declared mine.csv --format $format still cites Table 6"
  else
    ok
  fi
done
if grep -qF "Declared (the reports each Member State says it received): mine.csv." "$tmp/own.html"
then ok; else ko "the HTML method section does not cite mine.csv for the declared figures"; fi
if grep -qF "(\`mine.csv\`). Generated by" "$tmp/own.markdown"; then ok
else ko "the Markdown sources do not cite mine.csv"; fi
if grep -qF ">declared figures: mine.csv</text>" "$tmp/own.svg"; then ok
else ko "the trend chart's legend does not cite mine.csv for the declared figures"; fi

# --label names the file given just before it, in every format: the file is cited as that label.
for format in text markdown html json; do
  (cd "$tmp" && "$TIPRECON" --declared mine.csv --label "Ministry of Justice 2024" \
    --format $format) > "$tmp/label.$format"
done
if grep -qxF "Sources: reference COM(2025) 740, Table 7; declared Ministry of Justice 2024" \
  "$tmp/label.text"; then ok; else ko "the text report does not cite mine.csv by its --label"; fi
if grep -qF "Ministry of Justice 2024 (\`mine.csv\`). Generated by" "$tmp/label.markdown"; then ok
else ko "the Markdown sources do not cite mine.csv by its --label"; fi
if grep -qF "Declared (the reports each Member State says it received): Ministry of Justice 2024 (mine.csv)." \
  "$tmp/label.html" && grep -qF "<li><code>mine.csv</code>: Ministry of Justice 2024 (1 rows" \
  "$tmp/label.html"; then ok; else ko "the HTML method section does not cite mine.csv by its --label"; fi
if python3 - "$tmp/label.json" <<'PY'
import json, sys
inputs = json.load(open(sys.argv[1], encoding="utf-8"))["inputs"]
mine = [i for i in inputs if i["path"] == "mine.csv"]
sys.exit(0 if mine and mine[0]["source"] == "user:Ministry of Justice 2024"
         and mine[0]["citation"] == "Ministry of Justice 2024" and mine[0]["licence"] is None
         and not any(i["source"] == "com740-t6" for i in inputs) else 1)
PY
then ok; else ko "the JSON inputs do not cite mine.csv by its --label"; fi

# No renderer writes a document's name or a citation itself: every citation comes from the
# catalogue (data/sources.ini) or the user's --label. Sentences may name NCMEC, the organisation.
if grep -nE 'Tables? [0-9]|COM\(|CC BY|diaphanous|2011/833|"NCMEC, ' "$TESTS_DIR"/../src/render*.c \
  > "$tmp/literals"; then
  ko "a renderer cites a source by a literal: $(cat "$tmp/literals")"
else
  ok
fi

# The trend chart compares like with like: each year's NCMEC and declared points are the sums over
# the same countries, those with both figures (the JSON's reference_matched, declared_matched).
"$TIPRECON" --format svg --chart trend > "$tmp/trend.svg"
if python3 - "$tmp/a.json" "$tmp/trend.svg" <<'PY'
import json, re, sys
years = json.load(open(sys.argv[1], encoding="utf-8"))["years"]
svg = open(sys.argv[2], encoding="utf-8").read()
points = {(m[0], int(m[1])): (int(m[2]), int(m[3].replace(" ", "")))
          for m in re.findall(r"<title>([^,<]+), (\d{4}), (\d+) countries: ([\d ]+)</title>", svg)}
want = {}
for y in years:
    want[("NCMEC's figures (reference)", y["year"])] = (y["matched"], y["reference_matched"])
    want[("declared figures", y["year"])] = (y["matched"], y["declared_matched"])
got = {k: v for k, v in points.items() if k in want}
if got != want:
    print("trend chart points %s; expected %s" % (sorted(got.items()), sorted(want.items())))
    sys.exit(1)
PY
then ok; else ko "the trend chart does not sum the same countries on both sides"; fi

# The comparison dedup-2024 (data/comparisons.ini), recomputed from the files themselves: for
# each EU member, NCMEC's 2024 referrals + informational reports (columns ref2024 and
# info2024, by ISO3 code) against Table 7's 2024 figure (the main comparison's reference), the
# sums, and the countries whose deduplicated figure is above the undeduplicated one.
if python3 - "$tmp/a.json" "${TESTS_DIR:-$(dirname "$0")}/../data" <<'PY'
import csv, json, sys
report = json.load(open(sys.argv[1]))
data = sys.argv[2]
members = {r["alpha3"]: r["alpha2"] for r in csv.DictReader(open(data + "/countries.csv"))
           if r["eu_member"] in ("1", "true", "yes")}
undedup = {}
for row in csv.DictReader(open(data + "/ncmec-reports-by-country-2019-2024.csv")):
    if row["iso3"] in members:
        undedup[members[row["iso3"]]] = sum(int(row[k].replace(",", "")) for k in ("ref2024", "info2024"))
dedup = {p["country"]: p["reference"] for p in report["pairs"] if p["year"] == 2024}
c = [c for c in report["comparisons"] if c["id"] == "dedup-2024"][0]
got = {p["country"]: (p["reference"], p["declared"]) for p in c["pairs"]}
want = {code: (undedup[code], dedup[code]) for code in undedup}
year = c["years"][0]
above = sorted(code for code, (u, d) in want.items() if d > u)
ok = (len(want) == 27 and got == want
      and year["reference_matched"] == sum(u for u, d in want.values())
      and year["declared_matched"] == sum(d for u, d in want.values())
      and above == ["BG", "CY", "PL", "SK"] and "4 countries have" in c["sentences"][0])
sys.exit(0 if ok else 1)
PY
then ok; else ko "the comparison dedup-2024 does not match NCMEC's columns and Table 7"; fi

echo "report-checks: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

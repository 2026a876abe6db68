#!/bin/sh
# records.sh — `tiprecon records` beyond what the e2e cases see: the --details file byte for
# byte, nothing left behind when an input is bad, the generator's lists giving back exactly
# the counts it intended and Table 6's figures, and a list over the 64 MiB mark of the table
# reader read in bounded memory.
set -u
: "${TIPRECON:?set TIPRECON to the program to test}"
: "${TESTS_DIR:?set TESTS_DIR to the tests directory}"
LC_ALL=C
export LC_ALL
top="$TESTS_DIR/.."
cases="$TESTS_DIR/cases"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); }
ko() { echo "FAIL $1"; failed=$((failed + 1)); }

# --details: every entry of a report not received once the same year, in log order, then the
# reports never received (tests/cases/records-text: 1002 logged three times, 1004 logged in
# 2024, 9999 and HL-2023-1 from another source, 1003 and 1005 never received).
cat > "$tmp/want-details" <<'EOF'
outcome,country,report_id,date_made_available,date_received,case_reference
received_twice_or_more,BE,1002,2023-02-11,2023-02-15,BE/23/002
received_twice_or_more,BE,1002,2023-02-11,2023-03-01,BE/23/003
received_twice_or_more,BE,1002,2023-02-11,2023-03-02,BE/23/004
received_later,BE,1004,2023-12-20,2024-01-03,BE/24/001
other_source,BE,9999,,2023-07-07,BE/23/006
other_source,BE,HL-2023-1,,2023-08-08,BE/23/007
never_received,BE,1003,2023-03-12,,
never_received,BE,1005,2023-06-01,,
EOF
if (cd "$cases/records-text" && "$TIPRECON" records --sent sent.csv --received received.csv \
      --details "$tmp/details.csv" --output "$tmp/out.txt") 2> "$tmp/err" \
   && cmp -s "$tmp/details.csv" "$tmp/want-details" \
   && cmp -s "$tmp/out.txt" "$cases/records-text/expected-stdout" && [ ! -s "$tmp/err" ]; then
  ok
else
  ko "details: $(diff "$tmp/want-details" "$tmp/details.csv" | head -5) $(cat "$tmp/err")"
fi

# A bad log: no details file, the output file left as it was, one line, status 2.
echo previous > "$tmp/kept.txt"
"$TIPRECON" records --sent "$cases/records-bad-early/sent.csv" \
  --received "$cases/records-bad-early/received.csv" --details "$tmp/bad-details.csv" \
  --output "$tmp/kept.txt" > "$tmp/out" 2> "$tmp/err"
status=$?
if [ "$status" -eq 2 ] && [ ! -e "$tmp/bad-details.csv" ] && [ "$(cat "$tmp/kept.txt")" = previous ] \
   && [ ! -s "$tmp/out" ] && [ "$(wc -l < "$tmp/err")" -eq 1 ] \
   && [ -z "$(find "$tmp" -name '*.tmp*' -o -name '.*' -type f)" ]; then
  ok
else
  ko "bad input left something behind: status $status, $(ls -a "$tmp")"
fi

# --details may not replace an input.
if "$TIPRECON" records --sent "$cases/records-text/sent.csv" \
     --received "$cases/records-text/received.csv" \
     --details "$cases/records-text/sent.csv" > "$tmp/out" 2> "$tmp/err"; then
  ko "details over an input was accepted"
elif cmp -s "$cases/records-text/sent.csv" "$cases/records-csv/sent.csv"; then
  ok
else
  ko "details over an input changed it"
fi

# The generator at 1 % of the tables, seed 7: tiprecon gives back exactly the counts intended.
gen="$top/scripts/gen-records"
if python3 "$gen" --sent "$tmp/sent.csv" --received "$tmp/received.csv" \
     --summary "$tmp/intended.csv" --scale 0.01 --seed 7 2> "$tmp/gen-err" \
   && "$TIPRECON" records --sent "$tmp/sent.csv" --received "$tmp/received.csv" \
        --format csv > "$tmp/got.csv" 2> "$tmp/err" \
   && cmp -s "$tmp/intended.csv" "$tmp/got.csv"; then
  ok
else
  ko "generated lists: $(cat "$tmp/gen-err" "$tmp/err"; diff "$tmp/intended.csv" "$tmp/got.csv" | head -5)"
fi
# ... the generator's summary is not taken on trust: 81 country-years (27 countries, 2022-2024)
# plus the year after for those with late reports; sent = round(Table 7 x 0.01) and logged =
# round(Table 6 x 0.01) for every country-year that has both, from the tables themselves.
if python3 - "$top/data" "$tmp/got.csv" <<'EOF'
import csv, re, sys
data, got = sys.argv[1], sys.argv[2]
def table(name):
    rows = list(csv.reader(open(f"{data}/{name}", encoding="utf-8")))
    years = {i: int(re.search(r"20\d\d", h).group(0)) for i, h in enumerate(rows[0])
             if re.search(r"20\d\d", h)}
    out = {}
    for r in rows[1:]:
        for i, y in years.items():
            v = re.sub(r"\s", "", r[i])
            out[(r[0], y)] = None if v == "-" else int(v)
    return out
t6, t7 = table("table6-declared-reports.csv"), table("table7-ncmec-reports.csv")
names = {}
for r in csv.DictReader(open(f"{data}/countries.csv", encoding="utf-8")):
    names[r["name_fr"]] = r["alpha2"]
eu = {r["alpha2"]: r["eu_code"] for r in csv.DictReader(open(f"{data}/countries.csv", encoding="utf-8"))}
rows = {(r["country"], int(r["year"])): r for r in csv.DictReader(open(got))}
assert len([k for k in rows if k[1] <= 2024]) == 81, len(rows)
for (name, y), s in t7.items():
    if name == "Total":
        continue
    code = names[name]
    r = rows[(code, y)]
    assert int(r["sent"]) == round(s * 0.01), (code, y, r["sent"], s)
    d = t6[(eu[code], y)]
    want = 0 if d is None else round(d * 0.01)
    assert int(r["logged"]) == want, (code, y, r["logged"], d)
    n = [int(r[k]) for k in ("received", "received_later", "received_twice_or_more", "never_received")]
    assert sum(n) == int(r["sent"]), (code, y, r)
EOF
then ok; else ko "generated lists do not reproduce Tables 6 and 7"; fi

# Over the 64 MiB mark of the table reader (about 73 MB of sent list at 30 %): read in memory
# bounded by the reports kept (about 1.1 million: 40 MB here), less than the sent list's size,
# never by the file. A sanitizer build (its shadow memory) is not held to the bound.
if python3 "$gen" --sent "$tmp/big-sent.csv" --received "$tmp/big-received.csv" \
     --summary "$tmp/big-intended.csv" --scale 0.3 --seed 3 2> "$tmp/gen-err"; then
  size=$(wc -c < "$tmp/big-sent.csv")
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v "$TIPRECON" records --sent "$tmp/big-sent.csv" \
      --received "$tmp/big-received.csv" --format csv > "$tmp/big-got.csv" 2> "$tmp/time"
  else
    "$TIPRECON" records --sent "$tmp/big-sent.csv" --received "$tmp/big-received.csv" \
      --format csv > "$tmp/big-got.csv" 2> "$tmp/time"
  fi
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time")
  grep -q __asan_init "$TIPRECON" && rss=
  if [ "$size" -gt 67108864 ] && cmp -s "$tmp/big-intended.csv" "$tmp/big-got.csv" \
     && { [ -z "$rss" ] || [ "$rss" -lt $((size / 1024)) ]; }; then
    ok
  else
    ko "big lists: $size bytes, peak ${rss:-?} kB, $(diff "$tmp/big-intended.csv" "$tmp/big-got.csv" | head -3)"
  fi
else
  ko "gen-records failed: $(cat "$tmp/gen-err")"
fi

# docs/records.md's example is the program's output on tests/cases/records-text.
sed -n '/^    \$ tiprecon records --sent sent.csv --received received.csv$/,/^## /p' \
  "$top/docs/records.md" | sed '1d;$d' | sed '$d' | sed 's/^    //' > "$tmp/doc-example"
if cmp -s "$tmp/doc-example" "$cases/records-text/expected-stdout"; then
  ok
else
  ko "docs/records.md's example differs: $(diff "$cases/records-text/expected-stdout" "$tmp/doc-example" | head -5)"
fi

# Back to the aggregate report: the generator's lists for Belgium and Cyprus in 2022 (every
# figure at scale 1, so that the lists' sent count is Table 7's and the log's entries dated 2022
# are Table 6's), matched by tiprecon records, read back with --records: each country-year
# carries exactly the counts the generator intended, and the lists account for the whole gap
# of the tables (Belgium 50 255 - 19 919 = 30 336, Cyprus 7 361 - 2 809 = 4 552), nothing
# left unexplained.
if python3 "$gen" --sent "$tmp/agg-sent.csv" --received "$tmp/agg-received.csv" \
     --summary "$tmp/agg-intended.csv" --countries BE,CY --years 2022 --seed 11 2> "$tmp/gen-err" \
   && "$TIPRECON" records --sent "$tmp/agg-sent.csv" --received "$tmp/agg-received.csv" \
        --format csv --output "$tmp/agg-counts.csv" 2> "$tmp/err" \
   && "$TIPRECON" --records "$tmp/agg-counts.csv" --label generated --country BE,CY \
        --years 2022 --format json > "$tmp/agg.json" 2>> "$tmp/err" \
   && python3 - "$tmp/agg-intended.csv" "$tmp/agg.json" <<'EOF'
import csv, json, sys
intended = {(r["country"], int(r["year"])): r for r in csv.DictReader(open(sys.argv[1]))}
report = json.load(open(sys.argv[2]))
records = {(r["country"], r["year"]): r for r in report["records"]}
assert sorted(records) == [("BE", 2022), ("CY", 2022)], sorted(records)
gaps = {("BE", 2022): 30336, ("CY", 2022): 4552}
for key, r in records.items():
    want = {k: int(v) for k, v in intended[key].items() if k not in ("country", "year")}
    assert r["counts"] == want, (key, r["counts"], want)
    assert r["gap"] == gaps[key] and r["lists_gap"] == gaps[key], (key, r)
    assert r["unexplained"] == 0, (key, r)
    assert r["sent_matches_reference"] and r["logged_matches_declared"], (key, r)
    assert r["source"] == "user:generated" and r["citation"] == "generated", r
    c = r["counts"]
    explained = (c["never_received"] + c["received_later"]
                 - (c["twice_or_more_entries"] - c["received_twice_or_more"])
                 - c["other_source"] - r["earlier_years_entries"])
    assert explained == gaps[key], (key, r)
    gap = format(gaps[key], ",").replace(",", " ")
    assert r["sentence"].startswith("Of the %s reports not accounted for in 2022 " % gap), r
    assert r["sentence"].endswith("they account for the whole gap."), r["sentence"]
EOF
then
  ok
else
  ko "generated lists through --records: $(cat "$tmp/gen-err" "$tmp/err")"
fi

# --tidy lists the lists' counts as observations of the series records, each with its cell.
cat > "$tmp/want-tidy" <<'EOF'
records,CY,2022,records_sent,7361,exact,,counts.csv,5,3
records,CY,2022,records_received,2500,exact,,counts.csv,5,4
records,CY,2022,records_received_later,0,exact,,counts.csv,5,5
records,CY,2022,records_received_twice_or_more,0,exact,,counts.csv,5,6
records,CY,2022,records_twice_or_more_entries,0,exact,,counts.csv,5,7
records,CY,2022,records_never_received,4861,exact,,counts.csv,5,8
records,CY,2022,records_other_source,309,exact,,counts.csv,5,9
records,CY,2022,records_logged,2809,exact,,counts.csv,5,10
EOF
if (cd "$cases/records-aggregate-text" && "$TIPRECON" --tidy --records counts.csv) \
     > "$tmp/tidy.csv" 2> "$tmp/err" \
   && [ "$(grep -c '^records,' "$tmp/tidy.csv")" -eq 40 ] \
   && grep '^records,CY,2022,' "$tmp/tidy.csv" | cmp -s - "$tmp/want-tidy"; then
  ok
else
  ko "--tidy --records: $(cat "$tmp/err"; grep '^records,CY,2022,' "$tmp/tidy.csv" | diff "$tmp/want-tidy" - | head -5)"
fi

# The HTML report has the same paragraph as the text report (digit groups joined by no-break
# spaces), in its own section.
if (cd "$cases/records-aggregate-text" && "$TIPRECON" --records counts.csv --country CY \
      --years 2022 --format html) > "$tmp/agg.html" 2> "$tmp/err" \
   && grep -qF '<section id="records"><h2>Record-level lists (counts.csv)</h2>' "$tmp/agg.html" \
   && grep -qF '<p>Cyprus (CY): of the 4&#160;552 reports not accounted for in 2022 (NCMEC 7&#160;361, declared 2&#160;809), 4&#160;861 were never received; against these, the log counts 309 entries from another source. The lists (counts.csv) thus show a gap of 4&#160;552: 7&#160;361 reports made available less 2&#160;809 entries dated 2022. They hold NCMEC&apos;s figure and the declared one: they account for the whole gap.</p>' "$tmp/agg.html"; then
  ok
else
  ko "--records --format html: $(cat "$tmp/err"; grep -o '<section id="records">.\{0,300\}' "$tmp/agg.html")"
fi

# The man page's example sentence is the program's (tests/cases/records-aggregate-text).
sed -n '/^\.SS Back to the aggregate report$/,/^\.SH/p' "$top/docs/tiprecon.1" \
  | sed -n '/^\.RS$/,/^\.RE$/p' | sed '1d;$d' | tr '\n' ' ' | sed 's/ *$//' > "$tmp/man-example"
tr '\n' ' ' < "$cases/records-aggregate-text/expected-stdout" | tr -s ' ' > "$tmp/text-flat"
if [ -s "$tmp/man-example" ] && grep -qF "$(cat "$tmp/man-example")" "$tmp/text-flat"; then
  ok
else
  ko "docs/tiprecon.1's --records example is not in the program's output: $(cat "$tmp/man-example")"
fi

# docs/records.md's first --records paragraph is the program's (tests/cases/records-aggregate-text).
sed -n '/^    Belgium (BE): of the 30 336 reports/,/whole gap\.$/p' "$top/docs/records.md" \
  | tr '\n' ' ' | tr -s ' ' | sed 's/^ //;s/ $//' > "$tmp/doc-agg"
if [ -s "$tmp/doc-agg" ] && grep -qF "$(cat "$tmp/doc-agg")" "$tmp/text-flat"; then
  ok
else
  ko "docs/records.md's --records example is not in the program's output: $(cat "$tmp/doc-agg")"
fi

echo "records: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

#!/bin/sh
# map.sh — the EU tile map and the bundled population, read as documents: the SVG parsed
# with python3's xml.etree (one tile per Member State, each with its code and value as text,
# a missing value hatched and labelled, never 0), the map in the HTML page, and the population
# file's 27 states adding up to Eurostat's EU27 row every year.
set -u
: "${TIPRECON:?set TIPRECON to the program to test}"
: "${TIPRECON_DATA_DIR:?set TIPRECON_DATA_DIR to the bundled data}"
LC_ALL=C
export LC_ALL
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

# check_map FILE METRIC CODE=VALUE...: 27 tiles, one per Member State, each labelled with
# its code and value; the values named must be those shown.
check_map () {
  python3 - "$@" <<'PY' || status=1
import sys
import xml.etree.ElementTree as ET
path, metric, *wanted = sys.argv[1:]
ns = {"s": "http://www.w3.org/2000/svg"}
root = ET.parse(path).getroot()
svg = root if root.get("class", "").split().count("map") else root.find(".//s:svg[@class='chart map']", ns)
eu27 = set("AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split())
tiles = svg.findall("s:g[@class='tile']", ns)
fail = []
if len(tiles) != 27:
    fail.append(f"{len(tiles)} tiles, expected 27")
codes = [t.get("data-country") for t in tiles]
if set(codes) != eu27 or len(set(codes)) != len(codes):
    fail.append(f"tiles {sorted(codes)}, expected each of the EU27 once")
values = {}
for t in tiles:
    code = t.find("s:text[@class='code']", ns)
    value = t.find("s:text[@class='value']", ns)
    rect = t.find("s:rect", ns)
    if code is None or code.text != t.get("data-country"):
        fail.append(f"tile {t.get('data-country')}: no code label")
    if value is None or not value.text or value.text != t.get("data-value"):
        fail.append(f"tile {t.get('data-country')}: no value label")
        continue
    values[t.get("data-country")] = value.text
    # Missing is hatched, never a colour of the scale; a value is never drawn hatched.
    hatched = rect.get("fill") == "url(#map-missing)"
    if (value.text == "n/a") != hatched:
        fail.append(f"tile {t.get('data-country')}: {value.text} drawn with {rect.get('fill')}")
    if value.text in ("0", "0.0000", "0.00"):
        fail.append(f"tile {t.get('data-country')}: a zero value")
    if t.find("s:title", ns) is None:
        fail.append(f"tile {t.get('data-country')}: no tooltip")
for w in wanted:
    code, value = w.split("=", 1)
    if values.get(code) != value:
        fail.append(f"{code}: {values.get(code)!r}, expected {value!r}")
if svg.find("s:title", ns) is None or svg.find("s:desc", ns) is None:
    fail.append("no <title> or <desc>")
texts = " ".join("".join(t.itertext()) for t in svg.iter("{http://www.w3.org/2000/svg}text"))
if "n/a: no value (never 0)" not in texts:
    fail.append("no legend entry for missing values")
if "Sources:" not in texts:
    fail.append("no source line")
for f in fail:
    print(f"FAIL map {metric}: {f}")
sys.exit(1 if fail else 0)
PY
}

# 2024, the last year of Tables 6 and 7 (hand-checked against the tables): Austria declared
# 18 276 of 17 425 (1.0488), Portugal and Spain declared nothing (n/a); gaps 69 881 (Poland)
# and -851 (Austria); NCMEC's 17 425 over Austria's 8 978 929 inhabitants (2022, the latest
# bundled) = 194.07 per 100 000, Cyprus's 5 750 over 904 705 = 635.57.
for metric in coverage per-capita gap; do
  if ! "$TIPRECON" --format svg --chart map --metric "$metric" > "$tmp/$metric.svg"; then
    echo "FAIL map $metric: tiprecon failed"
    status=1
  fi
done
check_map "$tmp/coverage.svg" coverage AT=1.0488 PT=n/a ES=n/a LV=0.0045
check_map "$tmp/per-capita.svg" per-capita AT=194.07 CY=635.57 PT=238.67
check_map "$tmp/gap.svg" gap "PL=69 881" AT=-851 PT=n/a
# --metric without --chart map, and an unknown metric: usage errors.
if "$TIPRECON" --format svg --chart coverage --metric gap > /dev/null 2>&1; then
  echo "FAIL map: --metric accepted without --chart map"
  status=1
fi
if "$TIPRECON" --format svg --chart map --metric shoe > /dev/null 2>&1; then
  echo "FAIL map: --metric shoe accepted"
  status=1
fi
# The HTML page carries the map (coverage) near the top: before the first chart of coverage.
"$TIPRECON" --format html > "$tmp/page.html" || status=1
python3 - "$tmp/page.html" <<'PY' || status=1
import sys
page = open(sys.argv[1], encoding="utf-8").read()
m, c = page.find('<section id="map">'), page.find('<section id="coverage">')
if m < 0 or not (0 <= m < c):
    print("FAIL map: not in the HTML page before the coverage chart")
    sys.exit(1)
n = page.count('class="tile"')
if n != 27:
    print(f"FAIL map: {n} tiles in the page, expected 27")
    sys.exit(1)
PY
# The bundled population: the 27 Member States add up to Eurostat's EU27_2020 row each year.
python3 - "$TIPRECON_DATA_DIR/eurostat-population-2019-2022-eu27.csv" <<'PY' || status=1
import csv, sys
sums, eu = {}, {}
for row in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    year, value = row["TIME_PERIOD"], int(row["OBS_VALUE"])
    if row["geo"] == "EU27_2020":
        eu[year] = value
    else:
        sums[year] = sums.get(year, 0) + value
bad = [y for y in eu if sums.get(y) != eu[y]]
if sorted(eu) != ["2019", "2020", "2021", "2022"] or bad:
    print(f"FAIL population: EU27 rows {eu}, sums of the states {sums}")
    sys.exit(1)
PY
exit $status

#!/bin/sh
# data-world.sh — NCMEC's yearly worldwide totals (data/ncmec-reports-per-year-1998-2025.csv,
# source ncmec-world) read, cell by cell, as the file prints them: every year 1998-2025 once,
# as the aggregate WORLD, its figure exact and digit for digit, with the line and column it
# comes from. A changed digit, a lost or doubled year, or a row read as another subject makes
# it fail.
set -u
: "${TIPRECON:?set TIPRECON to the program to test}"
: "${TESTS_DIR:?set TESTS_DIR to the tests directory}"
LC_ALL=C
export LC_ALL

file=data/ncmec-reports-per-year-1998-2025.csv
got=$(mktemp)
want=$(mktemp)
trap 'rm -f "$got" "$want"' EXIT
# Read: the rows of the source as --tidy prints them (tests/tidy-rows.sh).
if ! sh "${TESTS_DIR:-$(dirname "$0")}/tidy-rows.sh" ncmec-world > "$got"; then
  echo "data-world: tiprecon --tidy failed"
  exit 1
fi

# Printed: the file as apparebit/diaphanous transcribes NCMEC's yearly figures
# (data/ocse-reports-per-year.csv), line for line; the bundled file must be exactly this.
printed=$(mktemp)
trap 'rm -f "$got" "$want" "$printed"' EXIT
cat > "$printed" <<'FILE'
year,reports
2025,21351493
2024,20512803
2023,36210368
2022,32059029
2021,29397681
2020,21751085
2019,16987361
2018,18462422
2017,10214753
2016,8297923
2015,4403657
2014,1106071
2013,505280
2012,415650
2011,326310
2010,223374
2009,119547
2008,102029
2007,105261
2006,76584
2005,70768
2004,112017
2003,81987
2002,43078
2001,24442
2000,19245
1999,9668
1998,4560
FILE
if ! cmp -s "$printed" "$TESTS_DIR/../$file"; then
  echo "FAIL data-world: $file differs from the transcription (< transcription, > file):"
  diff "$printed" "$TESTS_DIR/../$file"
  exit 1
fi
awk -F, -v file="$file" '
  NR == 1 { next }
  { print "WORLD", $1, "reports", "[" $2 "]", "[exact]", "[]", file, NR ":2" }' \
  "$printed" | sort > "$want"

years=$(awk '{ print $2 }' "$want" | sort -u | tr '\n' ' ')
expected_years=$(seq 1998 2025 | tr '\n' ' ')
if [ "$years" != "$expected_years" ]; then
  echo "FAIL data-world: $file holds the years $years; expected 1998-2025 once each"
  exit 1
fi
if cmp -s "$want" "$got"; then
  echo "data-world: $(wc -l < "$want") yearly worldwide totals read as printed"
  exit 0
fi
echo "FAIL data-world: the yearly worldwide totals as read differ from the file (< printed, > read):"
diff "$want" "$got"
exit 1

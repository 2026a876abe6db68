#!/bin/sh
# hostile.sh — hostile and huge inputs end in one line on standard error and exit status 2,
# never a crash or a hang; a failed write leaves nothing behind; the output is the same bytes
# whatever the locale and the time zone. The big files are made here, never committed.
set -u
: "${TIPRECON:?set TIPRECON to the program to test}"
: "${TIPRECON_FAULTS:?set TIPRECON_FAULTS to the fault-injection build of the program}"
LC_ALL=C
export LC_ALL
tmp=$(mktemp -d)
chmod 755 "$tmp"
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

# expect_error NAME EXPECTED-STDERR-PREFIX COMMAND…: exit 2, nothing on stdout, one line on
# stderr starting with the prefix, within 120 seconds.
expect_error() {
  name=$1
  want=$2
  shift 2
  timeout 120 "$@" > "$tmp/out" 2> "$tmp/err"
  status=$?
  lines=$(wc -l < "$tmp/err")
  if [ "$status" -eq 2 ] && [ ! -s "$tmp/out" ] && [ "$lines" -eq 1 ] \
     && case "$(cat "$tmp/err")" in "$want"*) true ;; *) false ;; esac; then
    passed=$((passed + 1))
  else
    echo "FAIL $name: status $status, $lines line(s) on stderr: $(head -c 300 "$tmp/err")"
    failed=$((failed + 1))
  fi
}
expect_ok() {
  name=$1
  shift
  if timeout 120 "$@" > "$tmp/out" 2> "$tmp/err"; then
    passed=$((passed + 1))
  else
    echo "FAIL $name: $(head -c 300 "$tmp/err")"
    failed=$((failed + 1))
  fi
}

# A 200 MB input: refused before it is read, with the limit named.
printf 'Pays,2022\n' > "$tmp/big.csv"
head -c 209715200 /dev/zero | tr '\0' 'x' >> "$tmp/big.csv"
expect_error "200 MB input" "$tmp/big.csv: found a file of 209715210 bytes; expected at most 67108864 bytes (the input size limit)" \
  "$TIPRECON" --tidy --declared "$tmp/big.csv"
rm -f "$tmp/big.csv"

# One 50 MB field: as a remark it is kept; as a figure it is refused with an excerpt.
{ printf 'Pays,2022,Remarques\nAT,5,"'; head -c 52428800 /dev/zero | tr '\0' 'a'; printf '"\n'; } > "$tmp/field.csv"
expect_ok "50 MB remark" "$TIPRECON" --tidy --declared "$tmp/field.csv"
{ printf 'Pays,2022\nAT,'; head -c 52428800 /dev/zero | tr '\0' '1'; printf '\n'; } > "$tmp/field.csv"
expect_error "50 MB figure" "$tmp/field.csv:2:2: found '1111111111" "$TIPRECON" --tidy --declared "$tmp/field.csv"
rm -f "$tmp/field.csv"

# 100 000 columns.
awk 'BEGIN { printf "Pays,2022"; for (i = 0; i < 100000; i++) printf ",Remark"; printf "\nAT,5";
             for (i = 0; i < 100000; i++) printf ",x"; printf "\n" }' > "$tmp/wide.csv"
expect_ok "100 000 columns" "$TIPRECON" --tidy --declared "$tmp/wide.csv"
awk 'BEGIN { printf "Pays"; for (i = 0; i < 100000; i++) printf ",%d", 1900 + i % 200; printf "\n" }' > "$tmp/years.csv"
expect_error "100 000 year columns" "$tmp/years.csv:1:202: found two columns for 1900" \
  "$TIPRECON" --tidy --declared "$tmp/years.csv"
# 20 000 columns that add up to one figure (sum = true), then a sum past 2^53.
awk 'BEGIN { printf "Pays"; for (i = 0; i < 20000; i++) printf ",p%d", i; printf "\nAT";
             for (i = 0; i < 20000; i++) printf ",1"; printf "\n" }' > "$tmp/parts.csv"
awk 'BEGIN { printf "[layout]\ncountry = Pays\n";
             for (i = 2; i <= 20001; i++) printf "[column %d]\nyear = 2022\nsum = true\n", i }' \
  > "$tmp/parts.layout"
expect_ok "20 000 parts of one sum" "$TIPRECON" --tidy --declared "$tmp/parts.csv" \
  --declared-layout "$tmp/parts.layout"
printf 'Pays,a,b\nAT,9007199254740992,1\n' > "$tmp/sum.csv"
printf '[layout]\ncountry = Pays\n[column 2]\nyear = 2022\nsum = true\n[column 3]\nyear = 2022\nsum = true\n' \
  > "$tmp/sum.layout"
expect_error "a sum of columns past 2^53" "$tmp/sum.csv:2:3: found a sum past 2^53 for AT 2022" \
  "$TIPRECON" --tidy --declared "$tmp/sum.csv" --declared-layout "$tmp/sum.layout"
printf '[layout]\ncountry = Pays\n[column 2]\nyear = 2022\nsum = yes please\n' > "$tmp/sum.layout"
expect_error "sum = yes please" "$tmp/sum.layout: [column 2] sum = yes please; expected true or false" \
  "$TIPRECON" --tidy --declared "$tmp/sum.csv" --declared-layout "$tmp/sum.layout"

# Counts at the 2^53 limit in every country: sums of a year pass 2^61 and 100 times a sum
# passes 2^63 (it printed "-57.5 %"; the sanitizer build aborts on any overflow).
{ echo "Pays,2023,2024"; awk -F, 'NR > 1 && $1 ~ /^[A-Z][A-Z]$/ { print $1 ",9007199254740992,9007199254740992" }' \
    "$TIPRECON_DATA_DIR/countries.csv"; } > "$tmp/maxref.csv"
sed 's/,9007199254740992,9007199254740992$/,9007199254740991,1/' "$tmp/maxref.csv" > "$tmp/maxdecl.csv"
for format in text json csv markdown html svg tidy; do
  expect_ok "counts near 2^53, --format $format" "$TIPRECON" -r "$tmp/maxref.csv" -d "$tmp/maxdecl.csv" --format $format
done
expect_ok "counts near 2^53, --explain" "$TIPRECON" -r "$tmp/maxref.csv" -d "$tmp/maxdecl.csv" --explain AT
"$TIPRECON" -r "$tmp/maxref.csv" -d "$tmp/maxdecl.csv" > "$tmp/max.txt" 2>&1
if tr '\n' ' ' < "$tmp/max.txt" | grep -Eq "100\.0+ *%" && ! grep -q -- '-[0-9.]* %' "$tmp/max.txt"; then
  passed=$((passed + 1))
else
  echo "FAIL counts near 2^53: the headline percentage is wrong: $(grep -m1 sent "$tmp/max.txt")"
  failed=$((failed + 1))
fi
rm -f "$tmp/maxref.csv" "$tmp/maxdecl.csv" "$tmp/max.txt"

# Bytes that are not text.
printf 'Pays,2022\nAT,\377\376\n' > "$tmp/bad.csv"
expect_error "invalid UTF-8" "$tmp/bad.csv:2:4: found the byte 0xFF" "$TIPRECON" --tidy --declared "$tmp/bad.csv"
printf 'Pays,2022\nAT,1\000\000\n' > "$tmp/nul.csv"
expect_error "NUL bytes" "$tmp/nul.csv:2:5: found a NUL byte" "$TIPRECON" --tidy --declared "$tmp/nul.csv"

# Lines ended by a CR alone (old Mac files) are counted like LF and CRLF lines.
printf 'Pays,2022\rAT,1\rBE,\377\r' > "$tmp/cr.csv"
expect_error "invalid UTF-8 after CR-only line ends" "$tmp/cr.csv:3:4: found the byte 0xFF" \
  "$TIPRECON" --tidy --declared "$tmp/cr.csv"
printf 'Pays,2022\r\nAT,1\r\rBE,1\000\r\n' > "$tmp/cr.csv"
expect_error "a NUL after mixed line ends" "$tmp/cr.csv:4:5: found a NUL byte" \
  "$TIPRECON" --tidy --declared "$tmp/cr.csv"

# Not files.
expect_error "a directory" "$tmp: found a directory" "$TIPRECON" --tidy --declared "$tmp"
expect_error "/dev/null" "/dev/null:1:1: found an empty file" "$TIPRECON" --tidy --declared /dev/null
mkfifo "$tmp/pipe"
expect_error "a named pipe" "$tmp/pipe: found a named pipe" "$TIPRECON" --tidy --declared "$tmp/pipe"

# An unreadable file and a read-only directory: as root, permissions do not stop reads and
# writes, so run the program as nobody.
as_user=""
can_run=yes
if [ "$(id -u)" -eq 0 ]; then
  as_user="setpriv --reuid=nobody --regid=nogroup --clear-groups"
  # A build tree under a private directory (mktemp -d makes it 0700) cannot be run as nobody.
  data_dir=${TIPRECON_DATA_DIR:-$(dirname "$0")/../data}
  $as_user sh -c 'test -x "$1" && test -r "$2/countries.csv"' sh "$TIPRECON" "$data_dir" \
    || can_run=no
fi
printf 'Pays,2022\nAT,1\n' > "$tmp/secret.csv"
chmod 000 "$tmp/secret.csv"
mkdir "$tmp/ro"
chmod 555 "$tmp/ro"
chmod 755 "$tmp"
if [ $can_run = yes ]; then
  expect_error "an unreadable file" "$tmp/secret.csv: cannot read the file: Permission denied" \
    $as_user "$TIPRECON" --tidy --declared "$tmp/secret.csv"
  expect_error "a read-only directory" "$tmp/ro/out.csv: cannot write the output: Permission denied" \
    $as_user "$TIPRECON" --tidy --output "$tmp/ro/out.csv"
else
  echo "SKIP an unreadable file, a read-only directory: nobody cannot run $TIPRECON or read its data (the build tree is in a private directory)"
fi
expect_error "a missing directory" "$tmp/missing/out.csv: cannot write the output: No such file or directory" \
  "$TIPRECON" --tidy --output "$tmp/missing/out.csv"

# A write that fails midway (fault injection): the temporary file is removed and the file
# that was there is left as it was.
mkdir "$tmp/w"
echo "previous report" > "$tmp/w/report.json"
TIPRECON_FAULT_WRITE_AFTER=1000 expect_error "a write failing midway" \
  "$tmp/w/report.json: cannot write the output: No space left on device" \
  env TIPRECON_FAULT_WRITE_AFTER=1000 "$TIPRECON_FAULTS" --format json --output "$tmp/w/report.json"
if [ "$(cat "$tmp/w/report.json")" = "previous report" ] && [ "$(ls -A "$tmp/w")" = report.json ]; then
  passed=$((passed + 1))
else
  echo "FAIL a failed write changed the output or left a temporary file: $(ls -A "$tmp/w")"
  failed=$((failed + 1))
fi
expect_ok "the same build writes when nothing fails" "$TIPRECON_FAULTS" --format json --output "$tmp/w/report.json"

# Injection. A data directory whose country code and German name are markup, a backtick, a
# pipe and terminal escapes; file names with a backtick, a ';=' formula and a byte that is
# not UTF-8; cells with escape, bell and invisible characters. Every format shows them as
# text of its own kind and stays valid UTF-8 (tests/check-escaping.py says what is checked).
data=${TIPRECON_DATA_DIR:-$(dirname "$0")/../data}
cp -r "$data" "$tmp/data"
python3 - "$tmp/data" <<'PY'
import csv, io, sys
code = "A'\"><svg onload=\"document.title='pwned'\">`x|y\x1b[31m"
for name in ["countries.csv", "country-names.csv", "country-common-names.csv",
             "country-aliases.csv", "country-exceptions.csv"]:
    path = sys.argv[1] + "/" + name
    rows = list(csv.reader(open(path, encoding="utf-8", newline="")))
    for row in rows:
        if name == "countries.csv" and row[0] == "AT":
            row[0], row[4] = code, "<b>Öster`reich</b>\x07"
        elif name != "countries.csv":
            row[:] = [code if cell == "AT" else cell for cell in row]
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
PY
mkdir "$tmp/inj"
for format in text html markdown json csv svg; do
  TIPRECON_DATA_DIR="$tmp/data" "$TIPRECON" --format $format > "$tmp/inj/report.$format"
done
TIPRECON_DATA_DIR="$tmp/data" "$TIPRECON" --explain Austria > "$tmp/inj/explain.text"
printf 'Pays,2022\nAT,5\n' > "$tmp/inj/a\`b.csv"
"$TIPRECON" --format markdown --declared "$tmp/inj/a\`b.csv" > "$tmp/inj/backtick.markdown"
printf 'source,country,year,measure,value\n"x|<b>*s*</b>",AT,2022,reports,5\n"x|<b>*s*</b>",TOTAL,2022,reports,5\n' > "$tmp/inj/long.csv"
"$TIPRECON" --format markdown --declared "$tmp/inj/long.csv" > "$tmp/inj/source.markdown"
cp "$tmp/inj/a\`b.csv" "$tmp/inj/x;=1+1.csv"
"$TIPRECON" --tidy --declared "$tmp/inj/x;=1+1.csv" > "$tmp/inj/formula.csv"
cp "$tmp/inj/a\`b.csv" "$(printf '%s/inj/latin1-\351.csv' "$tmp")"
for format in text html markdown json csv; do
  "$TIPRECON" --format $format --declared "$(printf '%s/inj/latin1-\351.csv' "$tmp")" \
    > "$tmp/inj/latin1.$format"
done
"$TIPRECON" --tidy --declared "$(printf '%s/inj/latin1-\351.csv' "$tmp")" > "$tmp/inj/latin1-tidy.csv"
printf 'Pays,2022,Remarques\nAT,5,"bell\007 escape\033[2J"\n' > "$tmp/inj/remark.csv"
"$TIPRECON" --explain AT --declared "$tmp/inj/remark.csv" > "$tmp/inj/remark-explain.text"
printf 'Pays,2022\nAT,"\357\273\2771\342\200\2130\033[31m\007"\n' > "$tmp/inj/cell.csv"
"$TIPRECON" --tidy --declared "$tmp/inj/cell.csv" > /dev/null 2> "$tmp/inj/error.text"
if python3 "$(dirname "$0")/check-escaping.py" "$tmp/inj"; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
fi

# Same bytes whatever the locale and time zone.
"$TIPRECON" --format json > "$tmp/c.json"
"$TIPRECON" --format text > "$tmp/c.text"
for loc in fr_FR.UTF-8 de_DE.UTF-8; do
  if ! locale -a 2>/dev/null | grep -qi "^$(echo "$loc" | sed 's/UTF-8/utf-\\?8/')\$"; then
    echo "FAIL locale $loc is not installed (scripts/install-deps generates it)"
    failed=$((failed + 1))
    continue
  fi
  for format in json text; do
    LC_ALL=$loc TZ=Pacific/Kiritimati "$TIPRECON" --format $format > "$tmp/l.$format"
    if cmp -s "$tmp/c.$format" "$tmp/l.$format"; then
      passed=$((passed + 1))
    else
      echo "FAIL --format $format differs under LC_ALL=$loc"
      failed=$((failed + 1))
    fi
  done
done

echo "hostile: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

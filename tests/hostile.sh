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

# skip NAME REASON: a check this environment cannot run is reported, never passed silently.
skipped=0
skip() {
  echo "SKIP $1: $2"
  skipped=$((skipped + 1))
}
# check NAME CONDITION…: one more pass or failure.
check() {
  name=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
  else
    echo "FAIL $name"
    failed=$((failed + 1))
  fi
}
# An address-space limit (ulimit -v) cannot be combined with AddressSanitizer, which reserves
# terabytes of shadow memory.
asan=no
if grep -q __asan_init "$TIPRECON"; then
  asan=yes
fi

# A write failing at any point, in every format: nothing is renamed into place.
for format in text csv json markdown html svg tidy; do
  size=$("$TIPRECON" --format $format | wc -c)
  for after in 0 $((size / 2)) $((size - 1)); do
    echo "previous report" > "$tmp/w/out"
    expect_error "--format $format, a write failing after $after bytes" \
      "$tmp/w/out: cannot write the output: No space left on device" \
      env TIPRECON_FAULT_WRITE_AFTER=$after "$TIPRECON_FAULTS" --format $format --output "$tmp/w/out"
    check "--format $format, a write failing after $after bytes leaves the file as it was" \
      [ "$(cat "$tmp/w/out")" = "previous report" ] && [ "$(ls -A "$tmp/w")" = out ]
  done
done
rm -f "$tmp/w/out"
env TIPRECON_FAULT_WRITE_AFTER=5000 "$TIPRECON_FAULTS" --format html > /dev/null 2> "$tmp/err"
check "standard output failing midway: exit 2 and one line" \
  [ $? -eq 2 ] && [ "$(cat "$tmp/err")" = "standard output: cannot write the output: No space left on device" ]
expect_error "a full device" "/dev/full: cannot write the output: No space left on device" \
  "$TIPRECON" --output /dev/full
"$TIPRECON" > /dev/full 2> "$tmp/err"
check "standard output on a full device: exit 2 and one line" \
  [ $? -eq 2 ] && [ "$(cat "$tmp/err")" = "standard output: cannot write the output: No space left on device" ]

# long_table BYTES: a long table of short rows, every country and year, just under BYTES.
long_table() {
  awk -F, -v limit="$1" 'NR > 1 { codes[n++] = $1 }
    END { printf "country,year,value,source,measure\n"; size = 34
          for (m = 0; ; m++) for (y = 1900; y < 2100; y++) for (i = 0; i < n; i++) {
            line = sprintf("%s,%d,%d,declared,%d\n", codes[i], y, i % 10, m)
            size += length(line); if (size > limit) exit; printf "%s", line } }' \
    "$TIPRECON_DATA_DIR/countries.csv" > "$tmp/long.csv"
}
# A 16 MiB long table of 740 000 short rows is read a chunk at a time, row by row into
# observations of 80 bytes, its bytes never all held: the peak resident memory of --tidy stays
# under 6 times the input (5.1 times; 7.1 when the file was held whole and an observation took
# 96 bytes and a pointer; 13 when every cell was kept before the observations were made).
long_table 16777216
if [ "$asan" = yes ]; then
  skip "16 MiB table: peak memory" "the program is built with AddressSanitizer"
elif [ ! -x /usr/bin/time ] || ! /usr/bin/time -v true > /dev/null 2>&1; then
  skip "16 MiB table: peak memory" "no GNU time (/usr/bin/time -v)"
else
  /usr/bin/time -v "$TIPRECON" --tidy --declared "$tmp/long.csv" > /dev/null 2> "$tmp/err"
  status=$?
  peak_kib=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/err")
  size_kib=$(($(wc -c < "$tmp/long.csv") / 1024))
  low=no
  if [ "$status" -eq 0 ] && [ "${peak_kib:-999999999}" -lt $((6 * size_kib)) ]; then
    low=yes
  fi
  check "16 MiB table: --tidy peaks at ${peak_kib:-?} KiB, under 6 times the input ($size_kib KiB)" \
    [ "$low" = yes ]
fi
rm -f "$tmp/long.csv"
# A 60 MiB long table of 4.2 million short rows, read with 1 GB of address space: the whole
# report, or exit 2 with the previous file left as it was; never a part of it with exit 0.
long_table 62914560
if [ "$asan" = yes ]; then
  skip "60 MiB table under ulimit -v" "the program is built with AddressSanitizer"
else
  mkdir "$tmp/m"
  rows=$(($(wc -l < "$tmp/long.csv") - 1))
  for limit in 1000000 200000; do
    echo "previous report" > "$tmp/m/out.csv"
    (ulimit -v $limit; exec "$TIPRECON" --tidy --declared "$tmp/long.csv" --output "$tmp/m/out.csv") \
      > "$tmp/out" 2> "$tmp/err"
    status=$?
    written=$(grep -c '^declared,[A-Z]*,[0-9]*,[0-9]' "$tmp/m/out.csv")
    if { [ $status -eq 0 ] && [ "$written" -eq "$rows" ] && [ ! -s "$tmp/err" ]; } \
       || { [ $status -eq 2 ] && [ "$(cat "$tmp/m/out.csv")" = "previous report" ] \
            && [ "$(wc -l < "$tmp/err")" -eq 1 ]; }; then
      passed=$((passed + 1))
    else
      echo "FAIL ulimit -v $limit: status $status, $written of $rows rows: $(head -c 300 "$tmp/err")"
      failed=$((failed + 1))
    fi
    check "ulimit -v $limit leaves no temporary file" [ "$(ls -A "$tmp/m")" = out.csv ]
  done
fi
rm -f "$tmp/long.csv"
# One 60 MB remark of 30 million one-letter words, told with --explain in 1 GB of address space
# (the words are walked in place, not split into 30 million strings).
{ printf 'Pays,2022,Remarques\nAT,5,"'; head -c 30000000 /dev/zero | tr '\0' 'a' | sed 's/a/a /g'
  printf 'last"\n'; } > "$tmp/remark.csv"
if [ "$asan" = yes ]; then
  skip "60 MB remark under ulimit -v" "the program is built with AddressSanitizer"
else
  (ulimit -v 1000000; exec "$TIPRECON" --declared "$tmp/remark.csv" --explain AT) > "$tmp/out" 2> "$tmp/err"
  check "a 60 MB remark of short words, --explain in 1 GB" \
    [ $? -eq 0 ] && [ "$(grep -c '^    a a a' "$tmp/out")" -gt 300000 ] && grep -q 'a last$' "$tmp/out"
fi
# The same remark in the HTML report: its story is escaped line by line as it is written, never
# held whole twice more (4.9 times the input when it was; 3.8 now).
if [ "$asan" = yes ]; then
  skip "60 MB remark in HTML: peak memory" "the program is built with AddressSanitizer"
elif [ ! -x /usr/bin/time ] || ! /usr/bin/time -v true > /dev/null 2>&1; then
  skip "60 MB remark in HTML: peak memory" "no GNU time (/usr/bin/time -v)"
else
  /usr/bin/time -v "$TIPRECON" --declared "$tmp/remark.csv" --format html > "$tmp/out" 2> "$tmp/err"
  status=$?
  peak_kib=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/err")
  size_kib=$(($(wc -c < "$tmp/remark.csv") / 1024))
  check "60 MB remark: --format html peaks at ${peak_kib:-?} KiB, under 4.5 times the input ($size_kib KiB)" \
    [ "$status" -eq 0 ] && [ "${peak_kib:-999999999}" -lt $((9 * size_kib / 2)) ] \
    && grep -q 'a last$' "$tmp/out"
fi
rm -f "$tmp/remark.csv"

# Every country for 200 years in both series (49 800 pairs, 0.6 MB of input, 36 MB of JSON):
# each format is streamed, never held whole (the JSON tree alone took 300 MB), so 200 MB of
# address space are enough.
awk -F, 'NR > 1 { codes[n++] = $1 }
  END { for (s = 1; s <= 3; s += 2) {
          file = s == 1 ? "ref" : "decl"
          printf "Country" > ("'"$tmp"'/" file ".csv")
          for (y = 1900; y < 2100; y++) printf ",%d", y > ("'"$tmp"'/" file ".csv")
          printf "\n" > ("'"$tmp"'/" file ".csv")
          for (i = 0; i < n; i++) { printf "%s", codes[i] > ("'"$tmp"'/" file ".csv")
            for (j = 0; j < 200; j++) printf ",%d", 1000 + (i * 131 + j * 17 * s) % 90000 > ("'"$tmp"'/" file ".csv")
            printf "\n" > ("'"$tmp"'/" file ".csv") } } }' "$TIPRECON_DATA_DIR/countries.csv"
if [ "$asan" = yes ]; then
  skip "49 800 pairs under ulimit -v" "the program is built with AddressSanitizer"
else
  for format in text csv json markdown html svg; do
    (ulimit -v 200000; exec "$TIPRECON" --reference "$tmp/ref.csv" --declared "$tmp/decl.csv" \
      --format $format) > "$tmp/out" 2> "$tmp/err"
    check "49 800 pairs, --format $format in 200 MB" [ $? -eq 0 ] && [ ! -s "$tmp/err" ]
    if [ $format = json ]; then
      check "49 800 pairs: the JSON lists them all" [ "$(grep -c '"eu_code"' "$tmp/out")" -eq 49800 ]
    fi
  done
fi
rm -f "$tmp/ref.csv" "$tmp/decl.csv"

# A file size limit (ulimit -f): the write fails with EFBIG and is reported; SIGXFSZ does not
# kill the run and leave the temporary file behind.
echo "previous report" > "$tmp/w/report.json"
(ulimit -f 1; exec "$TIPRECON" --format json --output "$tmp/w/report.json") > "$tmp/out" 2> "$tmp/err"
check "ulimit -f 1: exit 2" [ $? -eq 2 ]
check "ulimit -f 1: one line" \
  [ "$(cat "$tmp/err")" = "$tmp/w/report.json: cannot write the output: File too large" ]
check "ulimit -f 1: the file as it was, no temporary file" \
  [ "$(cat "$tmp/w/report.json")" = "previous report" ] && [ "$(ls -A "$tmp/w")" = report.json ]

# SIGINT, SIGTERM, SIGHUP while the temporary file is being written: it is removed, the file
# that was there is left as it was, and the signal ends the run as it would have.
for sig in INT:2 TERM:15 HUP:1; do
  number=${sig#*:}
  sig=${sig%:*}
  env --default-signal=$sig TIPRECON_FAULT_STALL_AFTER=0 \
    "$TIPRECON_FAULTS" --format json --output "$tmp/w/report.json" 2> /dev/null &
  pid=$!
  i=0
  while [ "$(ls -A "$tmp/w" | wc -l)" -lt 2 ] && [ $i -lt 600 ]; do
    sleep 0.1
    i=$((i + 1))
  done
  check "SIG$sig: the temporary file existed" [ "$(ls -A "$tmp/w" | wc -l)" -eq 2 ]
  kill -s $sig $pid
  wait $pid
  status=$?
  check "SIG$sig: the run ends by the signal (status $status)" \
    [ $status -eq $((128 + number)) ]
  check "SIG$sig: the temporary file is removed, the file is as it was" \
    [ "$(cat "$tmp/w/report.json")" = "previous report" ] && [ "$(ls -A "$tmp/w")" = report.json ]
done

# Devices, pipes, links, inputs and permissions as the output.
"$TIPRECON" --format csv > "$tmp/expected.csv"
mkfifo "$tmp/out.fifo"
cat "$tmp/out.fifo" > "$tmp/from-fifo.csv" &
reader=$!
expect_ok "a named pipe as the output" "$TIPRECON" --format csv --output "$tmp/out.fifo"
wait $reader
check "a named pipe is written directly and stays a pipe" \
  cmp -s "$tmp/expected.csv" "$tmp/from-fifo.csv" && [ -p "$tmp/out.fifo" ]
if mknod "$tmp/null" c 1 3 2> /dev/null; then
  expect_ok "a device node as the output" "$TIPRECON" --output "$tmp/null"
  check "a device node is written, not replaced" [ -c "$tmp/null" ]
else
  skip "a device node as the output" "mknod is not permitted here (needs root)"
fi
mkdir "$tmp/l"
echo "previous report" > "$tmp/l/report.csv"
chmod 640 "$tmp/l/report.csv"
ln -s report.csv "$tmp/l/link.csv"
expect_ok "a symbolic link as the output" "$TIPRECON" --format csv --output "$tmp/l/link.csv"
check "a symbolic link stays a link; its target gets the output and keeps its mode 0640" \
  [ -L "$tmp/l/link.csv" ] && cmp -s "$tmp/expected.csv" "$tmp/l/report.csv" \
  && [ "$(stat -c %a "$tmp/l/report.csv")" = 640 ] && [ "$(ls -A "$tmp/l" | wc -l)" -eq 2 ]
ln -s new.csv "$tmp/l/dangling.csv"
expect_ok "a dangling link as the output" "$TIPRECON" --format csv --output "$tmp/l/dangling.csv"
check "a dangling link gets its target created" \
  [ -L "$tmp/l/dangling.csv" ] && cmp -s "$tmp/expected.csv" "$tmp/l/new.csv"
printf 'Pays,2022\nAT,5\n' > "$tmp/l/in.csv"
ln "$tmp/l/in.csv" "$tmp/l/hard.csv"
ln -s in.csv "$tmp/l/in-link.csv"
for out in in.csv hard.csv in-link.csv; do
  expect_error "an input as the output ($out)" \
    "$tmp/l/$out: found the input file $tmp/l/in.csv; expected an output file that is not one of the inputs" \
    "$TIPRECON" --declared "$tmp/l/in.csv" --output "$tmp/l/$out"
  check "an input named as the output ($out) is left as it was" \
    [ "$(cat "$tmp/l/in.csv")" = "$(printf 'Pays,2022\nAT,5')" ]
done
expect_error "a directory as the output" \
  "$tmp/l: found a directory; expected a regular file, a character device or a named pipe" \
  "$TIPRECON" --output "$tmp/l"

# Character devices as inputs: read up to the size limit, never waited on for ever.
expect_error "/dev/zero" "/dev/zero: found more than 67108864 bytes; expected at most 67108864 bytes (the input size limit)" \
  "$TIPRECON" --tidy --declared /dev/zero
expect_error "/dev/urandom" "/dev/urandom: found more than 67108864 bytes; expected at most 67108864 bytes (the input size limit)" \
  "$TIPRECON" --tidy --declared /dev/urandom
if [ -c /dev/ptmx ]; then
  expect_error "/dev/ptmx" "/dev/ptmx: found a device that is waiting for input; expected a CSV file that ends" \
    "$TIPRECON" --tidy --declared /dev/ptmx
else
  skip "/dev/ptmx" "no /dev/ptmx here"
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

echo "hostile: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]

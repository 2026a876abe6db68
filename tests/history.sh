#!/bin/sh
# history.sh — the run history (--history), what is new, persisting or resolved since the last
# run, --fail-on-new, the baseline, and the history file under concurrency, kills and damage.
# Each check works on a copy of the bundled data (TIPRECON_DATA_DIR) in a scratch directory
# and reads the history with the sqlite3 shell. Run alone: TIPRECON=./tiprecon
# TIPRECON_DATA_DIR=data tests/history.sh
set -u
: "${TIPRECON:?set TIPRECON to the program to test}"
: "${TIPRECON_DATA_DIR:?set TIPRECON_DATA_DIR to the bundled data}"
LC_ALL=C
export LC_ALL
if ! command -v sqlite3 > /dev/null; then
  echo "SKIP: the sqlite3 shell is not installed (scripts/install-deps installs it)"
  exit 77
fi

passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bundled=$TIPRECON_DATA_DIR

ok () { passed=$((passed + 1)); echo "ok $1"; }
not_ok () { failed=$((failed + 1)); echo "FAIL $1"; }
check () { # NAME EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1: expected '$2', found '$3'"; fi
}

# A fresh copy of the bundled data in $tmp/$1/data; the program runs inside $tmp/$1.
fresh () {
  rm -rf "${tmp:?}/$1"
  mkdir -p "$tmp/$1"
  cp -R "$bundled" "$tmp/$1/data"
  cd "$tmp/$1" || exit 1
  TIPRECON_DATA_DIR=$tmp/$1/data
  export TIPRECON_DATA_DIR
}

runs () { sqlite3 "$1" 'SELECT count(*) FROM runs'; }
integrity () { sqlite3 "$1" 'PRAGMA integrity_check'; }

# The anomalies of a JSON output with a status, one "STATUS RULE COUNTRY YEAR" a line, sorted.
statuses () { # FILE STATUS
  python3 - "$1" "$2" << 'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
rows = [a for a in d["anomalies"] if a["since"] == sys.argv[2]]
if sys.argv[2] == "resolved":
    rows = d["resolved"]
print(";".join(sorted("%s %s %d" % (a["rule"], a["country"] or "-", a["year"]) for a in rows)))
EOF
}

# 1. One figure of Table 6 changed: exactly the anomalies it causes are new, the one it
# corrects is resolved, with the figures that resolved it; nothing else moves.
fresh change
"$TIPRECON" --history h.db -f json -o first.json
check "first run recorded" "1" "$(runs h.db)"
check "first run: every anomaly new" "0" "$(python3 -c '
import json; d = json.load(open("first.json"))
print(sum(a["since"] != "new" for a in d["anomalies"]) + (d["history"]["previous_run"] is not None))')"
"$TIPRECON" --history h.db -f json -o second.json --fail-on-new info
check "unchanged run: exit 0 with --fail-on-new info" "0" "$?"
check "unchanged run: nothing new" "" "$(statuses second.json new)"
check "unchanged run: nothing resolved" "" "$(statuses second.json resolved)"
# Estonia's 2022 declared figure, 250 against NCMEC's 6 408, corrected to 6 300.
sed 's/^EE,250,/EE,6 300,/' data/table6-declared-reports.csv > t6 && mv t6 data/table6-declared-reports.csv
"$TIPRECON" --history h.db -f json -o third.json --fail-on-new warning 2> stderr
check "a new warning: exit 1 with --fail-on-new warning" "1" "$?"
check "the line of --fail-on-new" \
  "tiprecon: 3 new anomalies at or above warning (YOY_JUMP 1, TOTAL_MISMATCH 1, CLAIM_MISMATCH 1)" \
  "$(cat stderr)"
# The total of 2022 no longer adds up; 6 300 then 305 is a fall by 20; the remark under
# Table 6 says Estonia reported 250 crimes in 2022 (a statement on that figure).
check "new after the change" "CLAIM_MISMATCH EE 2022;TOTAL_MISMATCH - 2022;YOY_JUMP EE 2023" \
  "$(statuses third.json new)"
check "resolved by the change" "COVERAGE_LOW EE 2022" "$(statuses third.json resolved)"
check "the figures that resolved it" \
  "reference 6 408 (com740-t7); declared 250 (com740-t6) -> reference 6 408 (com740-t7); declared 6 300 (com740-t6)" \
  "$(python3 -c '
import json; r = json.load(open("third.json"))["resolved"][0]; print(r["was"], "->", r["now"])')"
check "counts in the JSON" "3 190 1" "$(python3 -c '
import json; h = json.load(open("third.json"))["history"]; print(h["new"], h["persisting"], h["resolved"])')"
"$TIPRECON" --history h.db > third.txt
grep -q "^  Run 4, compared with run 3 of .*: 0 new, 193 persisting, 0 resolved.$" third.txt \
  && ok "text headline counts" || not_ok "text headline counts: $(grep -A2 '^Since' third.txt)"
check "runs recorded" "4" "$(runs h.db)"
"$TIPRECON" history h.db --run 3 > run3.txt
grep -q "^  [0-9a-f]\{12\} COVERAGE_LOW  *EE  2022  was: reference 6 408 (com740-t7); declared 250 (com740-t6); now: reference 6 408 (com740-t7); declared 6 300 (com740-t6)$" run3.txt \
  && ok "tiprecon history --run 3 lists what it resolved" || not_ok "history --run 3: $(tail -3 run3.txt)"
fp=$(python3 -c '
import json; print([a for a in json.load(open("third.json"))["anomalies"] if a["rule"] == "YOY_JUMP" and a["country"] == "EE"][0]["fingerprint"])')
check "tiprecon history --fingerprint: first seen in run 3" "3 4" \
  "$("$TIPRECON" history h.db --fingerprint "$(echo "$fp" | cut -c1-12)" | awk '{printf "%s%s", sep, $2; sep=" "}')"

# 2. The same table re-typed (semicolons, names instead of codes, rows in another order) and
# moved: nothing new, nothing resolved.
fresh retype
"$TIPRECON" --history h.db -o /dev/null
python3 - data/table6-declared-reports.csv data/countries.csv << 'EOF'
import csv, sys
names = {r["alpha2"]: r["name_en"] for r in csv.DictReader(open(sys.argv[2], encoding="utf-8"))}
names["EL"] = "Greece"
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
header, body, total = rows[0], rows[1:-1], rows[-1]
body = [[names[r[0]]] + r[1:] for r in body]
body = body[1::2] + body[0::2]
with open(sys.argv[1], "w", encoding="utf-8", newline="") as f:
    csv.writer(f, delimiter=";").writerows([header] + body + [total])
EOF
"$TIPRECON" --history h.db -f json -o retyped.json
check "re-typed Table 6: read (semicolons, names)" "0" "$?"
check "re-typed Table 6: nothing new" "" "$(statuses retyped.json new)"
check "re-typed Table 6: nothing resolved" "" "$(statuses retyped.json resolved)"
# A user's file moved to another directory keeps its identity (its file name).
mkdir -p a b
cp data/table6-declared-reports.csv a/mine.csv
cp data/table6-declared-reports.csv b/mine.csv
"$TIPRECON" --history user.db --declared a/mine.csv -o /dev/null
"$TIPRECON" --history user.db --declared b/mine.csv -f json -o moved.json
check "a user's file moved: nothing new" "" "$(statuses moved.json new)"
check "a user's file moved: same parameters" "1" \
  "$(python3 -c 'import json; print(json.load(open("moved.json"))["history"]["previous_run"])')"

# 3. Baseline: accepted anomalies are apart and do not count for --fail-on; one past its date,
# or whose figures change, comes back.
fresh baseline
"$TIPRECON" --write-baseline base.ini -o /dev/null
check "--write-baseline: one group per anomaly" "191" "$(grep -c '^\[' base.ini)"
"$TIPRECON" --baseline base.ini --fail-on info -f json -o all.json
check "everything accepted: --fail-on info exits 0" "0" "$?"
check "everything accepted: listed apart" "0 191" \
  "$(python3 -c 'import json; d = json.load(open("all.json")); print(len(d["anomalies"]), len(d["accepted"]))')"
# Estonia's 2022 COVERAGE_LOW accepted until a day long past.
ee=$(python3 -c '
import json; print([a for a in json.load(open("all.json"))["accepted"] if a["rule"] == "COVERAGE_LOW" and a["country"] == "EE" and a["year"] == 2022][0]["fingerprint"])')
python3 - base.ini "$ee" << 'EOF'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
head, tail = text.split("[%s]" % sys.argv[2])
tail = tail.replace("until = ", "until = 2000-01-01\n#", 1)
open(sys.argv[1], "w", encoding="utf-8").write(head + "[%s]" % sys.argv[2] + tail)
EOF
"$TIPRECON" --baseline base.ini --fail-on critical -o /dev/null 2> stderr
check "expired entry: --fail-on critical exits 1" "1" "$?"
check "expired entry: the one anomaly back" \
  "tiprecon: 1 anomaly at or above critical (COVERAGE_LOW 1)" "$(cat stderr)"
# Estonia's 2023 figure changed (305 -> 310): its COVERAGE_LOW stays, with other figures.
sed 's/^EE,250,305,/EE,250,310,/' data/table6-declared-reports.csv > t6 && mv t6 data/table6-declared-reports.csv
"$TIPRECON" --baseline base.ini -f json -o changed.json
check "changed figures: back from the baseline" \
  "COVERAGE_LOW EE 2022;COVERAGE_LOW EE 2023" \
  "$(python3 -c '
import json; d = json.load(open("changed.json"))
print(";".join(sorted("%s %s %d" % (a["rule"], a["country"], a["year"]) for a in d["anomalies"] if a["rule"] == "COVERAGE_LOW")))')"
printf '[abc]\nuntil = 2030-01-01\n' > bad.ini
"$TIPRECON" --baseline bad.ini -o /dev/null 2> stderr
check "a baseline group that is no fingerprint: exit 2" "2" "$?"
check "its message" "tiprecon: --baseline bad.ini: found the group [abc]; expected a fingerprint of 64 lower-case hex digits, as the outputs print it in full (JSON, CSV)" "$(cat stderr)"

# 4. Two runs at the same moment on one history: both land.
fresh concurrent
"$TIPRECON" --history h.db -o one.txt & one=$!
"$TIPRECON" --history h.db -o two.txt & two=$!
wait $one; s1=$?
wait $two; s2=$?
check "two runs at once: both succeed" "0 0" "$s1 $s2"
check "two runs at once: both recorded" "2" "$(runs h.db)"
check "two runs at once: the second compared with the first" "1" \
  "$(sqlite3 h.db 'SELECT count(*) FROM runs WHERE previous IS NOT NULL')"
check "two runs at once: integrity" "ok" "$(integrity h.db)"

# 5. A run killed midway (blocked on writing its output to a named pipe, its transaction
# open): the history is as it was, and the next run is not blocked.
fresh killed
"$TIPRECON" --history h.db -o /dev/null
mkfifo pipe
"$TIPRECON" --history h.db -o pipe & pid=$!
blocked=no
# Its transaction is open once another writer cannot begin one.
for _ in $(seq 1 300); do
  if ! sqlite3 h.db 'BEGIN IMMEDIATE; ROLLBACK' > /dev/null 2>&1; then
    blocked=yes
    break
  fi
  sleep 0.1
done
sleep 0.5
kill -9 $pid 2> /dev/null
wait $pid 2> /dev/null
check "killed run: killed with its transaction open" "yes" "$blocked"
check "killed run: history integrity" "ok" "$(integrity h.db)"
check "killed run: not recorded" "1" "$(runs h.db)"
"$TIPRECON" --history h.db -o /dev/null
check "after a kill: the next run lands" "2" "$(runs h.db)"
# A run that fails on its input records nothing either.
"$TIPRECON" --history h.db --declared missing.csv -o /dev/null 2> /dev/null
check "bad input: exit 2" "2" "$?"
check "bad input: not recorded" "2" "$(runs h.db)"
# An output that cannot be written records nothing.
"$TIPRECON" --history h.db -o no/such/dir/out.txt 2> /dev/null
check "unwritable output: exit 2" "2" "$?"
check "unwritable output: not recorded" "2" "$(runs h.db)"

# 6. Files that are no usable history: exit 2, the exact message, the file untouched.
fresh damaged
"$TIPRECON" --history good.db -o /dev/null
echo "not a database" > text.db
"$TIPRECON" --history text.db -o /dev/null 2> stderr
check "a text file: exit 2" "2" "$?"
check "a text file: message" "tiprecon: --history text.db: found a file that is not an SQLite database; expected a tiprecon history (give a new file name to start one)" "$(cat stderr)"
check "a text file: untouched" "not a database" "$(cat text.db)"
sqlite3 other.db 'CREATE TABLE t (x); INSERT INTO t VALUES (1)'
"$TIPRECON" --history other.db -o /dev/null 2> stderr
check "another program's database: exit 2" "2" "$?"
check "another program's database: message" "tiprecon: --history other.db: found an SQLite database of another program; expected a tiprecon history (give a new file name to start one)" "$(cat stderr)"
check "another program's database: untouched" "t" "$(sqlite3 other.db .tables)"
cp good.db newer.db
sqlite3 newer.db 'PRAGMA user_version = 99'
"$TIPRECON" --history newer.db -o /dev/null 2> stderr
check "a newer history: exit 2" "2" "$?"
check "a newer history: message" "tiprecon: --history newer.db: found a history of schema version 99, written by a newer tiprecon; expected version 1 or older (use the newer tiprecon)" "$(cat stderr)"
check "a newer history: untouched" "1 99" "$(runs newer.db) $(sqlite3 newer.db 'PRAGMA user_version')"
cp good.db corrupt.db
size=$(wc -c < corrupt.db)
# Every page after the first two overwritten: the tables' pages are damaged, the header not.
python3 -c '
import sys
with open(sys.argv[1], "r+b") as f:
    f.seek(8192); f.write(b"\xa5" * (int(sys.argv[2]) - 8192))' corrupt.db "$size"
cp corrupt.db corrupt-before.db
"$TIPRECON" --history corrupt.db -o /dev/null 2> stderr
check "a damaged history: exit 2" "2" "$?"
check "a damaged history: message" "tiprecon: --history corrupt.db: found a damaged SQLite database (its integrity check fails); expected an intact tiprecon history: restore it from a backup or give a new file" "$(cat stderr)"
cmp -s corrupt.db corrupt-before.db && ok "a damaged history: untouched" || not_ok "a damaged history: changed"
"$TIPRECON" history text.db 2> stderr
check "tiprecon history on a text file: exit 2" "2" "$?"
"$TIPRECON" history good.db --run 7 2> stderr
check "tiprecon history --run of no run" "tiprecon history: good.db: found no run 7; expected the number of a run (tiprecon history good.db lists them)" "$(cat stderr)"
"$TIPRECON" --fail-on-new warning -o /dev/null 2> stderr
check "--fail-on-new without --history" "tiprecon: --fail-on-new judges what is new since the last run; expected --history FILE with it" "$(cat stderr)"

echo "history: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

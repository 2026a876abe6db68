#!/bin/sh
# e2e.sh — runs the built program on every case in tests/cases and compares what it prints.
#
# A case is a directory holding:
#   args             the arguments, one per line (paths relative to the case directory)
#   expected-stdout  (optional) what must be printed on standard output, byte for byte
#   expected-stderr  (optional) what must be printed on standard error; absent means nothing
#   expected-status  (optional) the exit status; absent means 0
#   env              (optional) VARIABLE=value lines set for the program (no spaces in values)
# and any input files the arguments name. Every JSON document printed (standard output that
# starts with '{') must parse with Python's json as strict UTF-8 with no NaN or Infinity;
# every HTML page and SVG chart must pass tests/check-markup.py (no element, handler or
# control character from input; SVG well-formed XML). The program runs inside the case directory, so
# messages carry short relative paths. Run one case: TESTS_DIR=tests TIPRECON=./tiprecon
# tests/e2e.sh NAME
set -u
: "${TIPRECON:?set TIPRECON to the program to test}"
: "${TESTS_DIR:?set TESTS_DIR to the tests directory}"
LC_ALL=C
export LC_ALL

passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ $# -gt 0 ]; then
  cases=$(for name in "$@"; do echo "$TESTS_DIR/cases/$name"; done)
else
  cases=$(ls -d "$TESTS_DIR"/cases/*/ | sed 's,/$,,')
fi

for dir in $cases; do
  name=$(basename "$dir")
  set --
  while IFS= read -r arg || [ -n "$arg" ]; do
    set -- "$@" "$arg"
  done < "$dir/args"
  envs=
  [ -f "$dir/env" ] && envs=$(cat "$dir/env")
  # shellcheck disable=SC2086 # one VARIABLE=value per word
  (cd "$dir" && env $envs "$TIPRECON" "$@") > "$tmp/stdout" 2> "$tmp/stderr"
  status=$?
  want_status=0
  [ -f "$dir/expected-status" ] && want_status=$(cat "$dir/expected-status")
  ok=yes
  if [ "$status" != "$want_status" ]; then
    echo "FAIL $name: exit status $status, expected $want_status"
    ok=no
  fi
  if [ -f "$dir/expected-stdout" ]; then
    if ! cmp -s "$tmp/stdout" "$dir/expected-stdout"; then
      echo "FAIL $name: standard output differs:"
      diff "$dir/expected-stdout" "$tmp/stdout" | head -20
      ok=no
    fi
  fi
  if [ -f "$dir/expected-stderr" ]; then
    want_stderr="$dir/expected-stderr"
  else
    want_stderr=/dev/null
  fi
  if ! cmp -s "$tmp/stderr" "$want_stderr"; then
    echo "FAIL $name: standard error differs:"
    diff "$want_stderr" "$tmp/stderr" | head -20
    ok=no
  fi
  if [ "$(head -c 1 "$tmp/stdout")" = "{" ] && ! python3 -c '
import json, sys
def refuse(constant):
    raise ValueError("found " + constant + "; expected a finite number")
with open(sys.argv[1], encoding="utf-8", errors="strict") as f:
    json.load(f, parse_constant=refuse)
' "$tmp/stdout" 2> "$tmp/json-error"; then
    echo "FAIL $name: the JSON output does not parse: $(tail -n 1 "$tmp/json-error")"
    ok=no
  fi
  case "$(head -c 5 "$tmp/stdout")" in
    "<!DOC" | "<?xml")
      if ! python3 "$TESTS_DIR/check-markup.py" "$tmp/stdout" > "$tmp/markup-error"; then
        echo "FAIL $name: the HTML or SVG output holds markup from input: $(head -n 1 "$tmp/markup-error")"
        ok=no
      fi ;;
  esac
  if [ "$want_status" = 2 ] && [ -s "$tmp/stdout" ]; then
    echo "FAIL $name: an input error printed something on standard output"
    ok=no
  fi
  if [ $ok = yes ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
done

echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

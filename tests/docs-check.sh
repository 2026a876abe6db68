#!/bin/sh
# docs-check.sh — the man page documents every option that --help lists, so that the two cannot
# drift apart.
set -u
: "${TIPRECON:?set TIPRECON to the program to test}"
: "${TESTS_DIR:?set TESTS_DIR to the tests directory}"
man="$TESTS_DIR/../docs/tiprecon.1"
passed=0
failed=0
for option in $("$TIPRECON" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
  escaped=$(printf '%s' "$option" | sed 's/-/\\\\-/g')
  if grep -q -- "$escaped" "$man"; then
    passed=$((passed + 1))
  else
    echo "FAIL $option is in --help but not in docs/tiprecon.1"
    failed=$((failed + 1))
  fi
done
echo "docs-check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

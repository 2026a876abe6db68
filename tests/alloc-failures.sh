#!/bin/sh
# alloc-failures.sh — makes allocation number N fail in the fault-injection build
# (TIPRECON_FAULT_ALLOC_AT, tests/fault-alloc.c) for many N over one run on the bundled data
# (an HTML report on one country, to a file), and checks that running out of memory never
# crashes the program uncleanly nor loses or half-writes a file.
#
# After each run, one of:
#   - exit 0 and the output file holds the complete report, the same bytes as a run where
#     nothing fails (a failure the program recovered from must not change a figure);
#   - exit 2, one line on standard error, nothing on standard output, the file as it was;
#   - an out-of-memory abort (g_malloc() cannot return NULL: "failed to allocate", SIGTRAP; a
#     g_error() that says it cannot allocate; GLib's thread functions, SIGABRT), the file as it
#     was, or complete when the abort comes after the report was in place (GLib's hash tables
#     allocate while being destroyed);
# and in every case no temporary file (.NAME.XXXXXX) is left beside it, and no run hangs.
#
# The run makes some 70 000 allocations (at this writing): all but about a thousand to load
# the country table, the catalogue and the tables and to reconcile, then the rendering into the
# temporary file and a few to commit it. Trying every one takes about 25 minutes (TIPRECON_ALLOC_EVERY=1 does that). By
# default the test tries the first 150 (options, start-up), the last 1 000 (the rules, the
# whole rendering, the commit and the teardown) and 150 spread evenly in between (reading,
# matching): about 30 seconds. In a sanitizer build, where each run is slower, it tries the
# first 30, every third of the last 1 000 and 30 in between. TIPRECON_ALLOC_ARGS replaces the
# run's options.
#
# In a sanitizer build AddressSanitizer and LeakSanitizer check every error path too; two
# defects of the C library's are told apart (libc_defect below; setlocale() leaking when an
# allocation inside it fails).
set -u
: "${TIPRECON_FAULTS:?set TIPRECON_FAULTS to the fault-injection build of the program}"
LC_ALL=C
export LC_ALL

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'leak:_nl_normalize_codeset\nleak:setlocale\n' > "$tmp/leaks.supp"
LSAN_OPTIONS="suppressions=$tmp/leaks.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS
# A sanitizer report ends the run with abort() rather than _exit(): the program's SIGABRT
# handler then removes its temporary file, as it does for GLib's out-of-memory abort, and a
# report of the C library's defect (libc_defect) leaves nothing behind either.
ASAN_OPTIONS="abort_on_error=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export ASAN_OPTIONS
args=${TIPRECON_ALLOC_ARGS:---format html --country AT}
target=$tmp/out/report.out
mkdir -p "$tmp/out"

# The run where nothing fails: its output, its status and how many allocations it makes.
# shellcheck disable=SC2086
env TIPRECON_FAULT_ALLOC_COUNT="$tmp/count" "$TIPRECON_FAULTS" $args --output "$tmp/complete" \
  > /dev/null 2> "$tmp/stderr"
want_status=$?
total=$(cat "$tmp/count" 2> /dev/null || echo 0)
if [ "$want_status" -ne 0 ] || [ "$total" -lt 1000 ]; then
  echo "FAIL: the run without faults: status $want_status, $total allocations"
  cat "$tmp/stderr"
  exit 1
fi

head=150 tail_step=1
if ldd "$TIPRECON_FAULTS" 2> /dev/null | grep -q libasan; then
  head=30 tail_step=3
fi
if [ "${TIPRECON_ALLOC_EVERY:-0}" = 1 ]; then
  plan=$(seq 1 "$total")
else
  tail_from=$((total > 1000 + head ? total - 1000 : head + 1))
  step=$(((tail_from - head) / head + 1))
  plan=$( (seq 1 "$head"; seq "$head" "$step" "$tail_from"; seq "$tail_from" "$tail_step" "$total"
    echo "$total") | sort -nu)
fi

# Out-of-memory aborts: g_malloc() failing, or g_error() called on purpose for an allocation
# (SIGTRAP), and GLib's thread functions failing to allocate a mutex (SIGABRT).
glib_abort() {
  { [ "$1" -eq 133 ] && grep -q 'ERROR \*\*.*allocate' "$tmp/stderr"; } ||
    { [ "$1" -eq 134 ] && grep -q "GLib.*during 'malloc': Cannot allocate memory" "$tmp/stderr"; }
}

# A defect of the C library's (glibc 2.36), not the program's, seen in a sanitizer build:
# when the last realloc() of vasprintf() fails and the text filled its buffer exactly, it
# writes the terminating NUL one byte past the buffer (the reads that follow are reported).
libc_defect() {
  grep -q 'ERROR: AddressSanitizer: heap-buffer-overflow' "$tmp/stderr" &&
    sed -n '/allocated by thread/,$p' "$tmp/stderr" | sed -n 2,3p | grep -q '__vasprintf_internal'
}

tried=0
libc=0
clean=0
aborted=0
aborted_after=0
failed=0
printf 'previous contents\n' > "$tmp/previous"
for n in $plan; do
  cp "$tmp/previous" "$target"
  # shellcheck disable=SC2086
  timeout 30 env TIPRECON_FAULT_ALLOC_AT="$n" "$TIPRECON_FAULTS" $args --output "$target" \
    > "$tmp/stdout" 2> "$tmp/stderr"
  status=$?
  tried=$((tried + 1))
  problem= kind=
  if libc_defect; then
    kind=libc
  elif grep -q 'ERROR: LeakSanitizer' "$tmp/stderr"; then
    problem="a leak: $(grep -m 4 -E '^ +#[0-9]+ ' "$tmp/stderr" | sed 's/^ *#[0-9]* 0x[0-9a-f]* in //' \
      | tr '\n' ';')"
  elif [ "$status" -eq "$want_status" ] && cmp -s "$target" "$tmp/complete"; then
    kind=clean
  elif [ "$status" -le 1 ]; then
    problem="exit $status, but the output is not the complete report ($(cmp "$target" \
      "$tmp/complete" 2>&1 | head -1 | sed 's/.*: //'))$(grep -m 2 . "$tmp/stderr" | cut -c1-200 \
      | sed 's/^/; /' | tr -d '\n')"
  elif [ "$status" -eq 2 ]; then
    if [ -s "$tmp/stdout" ] || [ "$(wc -l < "$tmp/stderr")" -ne 1 ]; then
      problem="exit 2, but not one line on standard error and nothing on standard output"
    elif ! cmp -s "$target" "$tmp/previous"; then
      problem="exit 2, but the output file changed"
    else
      kind=clean
    fi
  elif glib_abort "$status"; then
    # GLib aborts when g_malloc() fails, even while freeing (its hash tables allocate as they
    # are destroyed): the output file is then as it was, or complete if the report was
    # already in place.
    if cmp -s "$target" "$tmp/previous"; then
      kind=aborted
    elif cmp -s "$target" "$tmp/complete"; then
      kind=aborted_after
    else
      problem="GLib's out-of-memory abort, and the output file is neither as it was nor complete"
    fi
  elif [ "$status" -eq 124 ]; then
    problem="still running after 30 seconds"
  else
    problem="exit $status: $(head -c 300 "$tmp/stderr")"
  fi
  left=$(find "$tmp/out" -name '.*' -type f | head -1)
  [ -n "$left" ] && problem="${problem:+$problem; }a temporary file was left: $(basename "$left")"
  rm -f "$tmp"/out/.* 2> /dev/null
  # Each run counts once: as a failure, or in the kind of ending it had.
  if [ -n "$problem" ]; then
    failed=$((failed + 1))
    [ "$failed" -le 20 ] && echo "FAIL allocation $n of $total: $problem"
  else
    case $kind in
      clean) clean=$((clean + 1)) ;;
      aborted) aborted=$((aborted + 1)) ;;
      aborted_after) aborted_after=$((aborted_after + 1)) ;;
      libc) libc=$((libc + 1)) ;;
    esac
  fi
done

echo "alloc-failures: '$args': $total allocations, $tried tried: $clean handled (exit" \
  "$want_status with the complete report, or exit 2 with the file untouched); GLib's" \
  "out-of-memory abort: $aborted with the file untouched, $aborted_after once the complete" \
  "report was in place; $libc runs hit the C library's vasprintf defect; $failed failures"
[ "$failed" -eq 0 ]

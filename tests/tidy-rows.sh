#!/bin/sh
# tidy-rows.sh SOURCE — the rows `tiprecon --tidy` prints for one source, one line each in a
# form the transcription checks compare (subject period measure [value] [qualifier] [missing
# reason] file line:column), sorted. Columns are found by header name, so the checks do not
# depend on the tidy layout's column order. Exit status 1 when tiprecon fails.
set -u
: "${TIPRECON:?set TIPRECON to the program to test}"
LC_ALL=C
export LC_ALL
tidy=$(mktemp)
trap 'rm -f "$tidy"' EXIT
if ! "$TIPRECON" --tidy > "$tidy"; then
  echo "tidy-rows: tiprecon --tidy failed" >&2
  exit 1
fi
awk -F, -v source="$1" '
  NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
  $col["source"] == source {
    print $col["country"], $col["period"], $col["measure"], "[" $col["value"] "]",
          "[" $col["qualifier"] "]", "[" $col["missing_reason"] "]", $col["file"],
          $col["line"] ":" $col["column"]
  }' "$tidy" | sort

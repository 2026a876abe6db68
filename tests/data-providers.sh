#!/bin/sh
# data-providers.sh — the bundled transcription of Tables 1-4 of COM(2025) 740 (section 2.1,
# the providers' figures) reads, cell by cell, as printed: value, qualifier, missing reason,
# measure (items of content and Yubo's cases apart) and the cell it comes from. A changed
# digit, a lost "environ" or "Plus de", or a unit read as another measure makes it fail.
set -u
: "${TIPRECON:?set TIPRECON to the program to test}"
LC_ALL=C
export LC_ALL

got=$(mktemp)
want=$(mktemp)
trap 'rm -f "$got" "$want"' EXIT
# Read: the rows of the source as --tidy prints them (tests/tidy-rows.sh).
if ! sh "${TESTS_DIR:-$(dirname "$0")}/tidy-rows.sh" providers > "$got"; then
  echo "data-providers: tiprecon --tidy failed"
  exit 1
fi

# subject year measure [value] [qualifier] [missing reason] file line:column
sort > "$want" <<'TABLES'
org:google 2023 csam_items_identified [1558] [exact] [] data/table1-provider-cases-2023.csv 2:2
org:linkedin 2023 csam_items_identified [2] [exact] [] data/table1-provider-cases-2023.csv 3:2
org:meta 2023 csam_items_identified [3600000] [approximate] [] data/table1-provider-cases-2023.csv 4:2
org:microsoft 2023 csam_items_identified [9000] [exact] [] data/table1-provider-cases-2023.csv 5:2
org:yubo 2023 cases_identified [7720] [exact] [] data/table1-provider-cases-2023.csv 6:2
org:google 2024 csam_items_identified [1824] [exact] [] data/table2-provider-cases-2024.csv 2:2
org:linkedin 2024 csam_items_identified [1] [exact] [] data/table2-provider-cases-2024.csv 3:2
org:meta 2024 csam_items_identified [1500000] [approximate] [] data/table2-provider-cases-2024.csv 4:2
org:microsoft 2024 csam_items_identified [5800] [lower_bound] [] data/table2-provider-cases-2024.csv 5:2
org:yubo 2024 cases_identified [4484] [exact] [] data/table2-provider-cases-2024.csv 6:2
org:google 2023 complaints [297] [exact] [] data/table3-provider-complaints-2023.csv 2:2
org:google 2023 accounts_reactivated [10] [exact] [] data/table3-provider-complaints-2023.csv 2:3
org:google 2023 content_restored [] [] [not_applicable] data/table3-provider-complaints-2023.csv 2:4
org:linkedin 2023 complaints [0] [exact] [] data/table3-provider-complaints-2023.csv 3:2
org:linkedin 2023 accounts_reactivated [] [] [not_applicable] data/table3-provider-complaints-2023.csv 3:3
org:linkedin 2023 content_restored [] [] [not_applicable] data/table3-provider-complaints-2023.csv 3:4
org:meta 2023 complaints [254500] [approximate] [] data/table3-provider-complaints-2023.csv 4:2
org:meta 2023 accounts_reactivated [] [] [not_applicable] data/table3-provider-complaints-2023.csv 4:3
org:meta 2023 content_restored [11600] [approximate] [] data/table3-provider-complaints-2023.csv 4:4
org:microsoft 2023 complaints [0] [exact] [] data/table3-provider-complaints-2023.csv 5:2
org:microsoft 2023 accounts_reactivated [] [] [not_applicable] data/table3-provider-complaints-2023.csv 5:3
org:microsoft 2023 content_restored [] [] [not_applicable] data/table3-provider-complaints-2023.csv 5:4
org:yubo 2023 complaints [1159] [exact] [] data/table3-provider-complaints-2023.csv 6:2
org:yubo 2023 accounts_reactivated [50] [exact] [] data/table3-provider-complaints-2023.csv 6:3
org:yubo 2023 content_restored [] [] [not_applicable] data/table3-provider-complaints-2023.csv 6:4
org:google 2024 complaints [216] [exact] [] data/table4-provider-complaints-2024.csv 2:2
org:google 2024 accounts_reactivated [19] [exact] [] data/table4-provider-complaints-2024.csv 2:3
org:google 2024 content_restored [] [] [not_applicable] data/table4-provider-complaints-2024.csv 2:4
org:linkedin 2024 complaints [1] [exact] [] data/table4-provider-complaints-2024.csv 3:2
org:linkedin 2024 accounts_reactivated [] [] [not_applicable] data/table4-provider-complaints-2024.csv 3:3
org:linkedin 2024 content_restored [] [] [not_applicable] data/table4-provider-complaints-2024.csv 3:4
org:meta 2024 complaints [76900] [approximate] [] data/table4-provider-complaints-2024.csv 4:2
org:meta 2024 accounts_reactivated [] [] [not_applicable] data/table4-provider-complaints-2024.csv 4:3
org:meta 2024 content_restored [1800] [approximate] [] data/table4-provider-complaints-2024.csv 4:4
org:microsoft 2024 complaints [0] [exact] [] data/table4-provider-complaints-2024.csv 5:2
org:microsoft 2024 accounts_reactivated [] [] [not_applicable] data/table4-provider-complaints-2024.csv 5:3
org:microsoft 2024 content_restored [] [] [not_applicable] data/table4-provider-complaints-2024.csv 5:4
org:yubo 2024 complaints [31] [exact] [] data/table4-provider-complaints-2024.csv 6:2
org:yubo 2024 accounts_reactivated [0] [exact] [] data/table4-provider-complaints-2024.csv 6:3
org:yubo 2024 content_restored [] [] [not_applicable] data/table4-provider-complaints-2024.csv 6:4
TABLES

if cmp -s "$want" "$got"; then
  echo "data-providers: $(wc -l < "$want") cells of Tables 1-4 read as printed"
  exit 0
fi
echo "FAIL data-providers: Tables 1-4 as read differ from the printed tables (< printed, > read):"
diff "$want" "$got"
exit 1

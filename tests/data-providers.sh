#!/bin/sh
# data-providers.sh — the bundled transcription of Tables 1-5 of COM(2025) 740 (section 2.1,
# the providers' figures) reads, cell by cell, as printed: value, qualifier, missing reason,
# measure (items of content and Yubo's cases apart) and the cell it comes from. A changed
# digit, a lost "environ" or "Plus de", or a unit read as another measure makes it fail.
# Table 5 prints each error ratio as a percentage, with its numerator and denominator where
# the provider gave them ("1,14 % (18/1576)."): three figures of one cell, each listed with
# that cell; a percentage's value keeps the decimals it was printed with ("1.14", "20", "0"),
# which give its interval, and "s.o." is missing, never zero.
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
org:google 2023 error_ratio [1.14] [exact] [] data/table5-provider-error-ratios.csv 2:2
org:google 2023 error_ratio_numerator [18] [exact] [] data/table5-provider-error-ratios.csv 2:2
org:google 2023 error_ratio_denominator [1576] [exact] [] data/table5-provider-error-ratios.csv 2:2
org:google 2024 error_ratio [0.54] [exact] [] data/table5-provider-error-ratios.csv 2:3
org:google 2024 error_ratio_numerator [10] [exact] [] data/table5-provider-error-ratios.csv 2:3
org:google 2024 error_ratio_denominator [1834] [exact] [] data/table5-provider-error-ratios.csv 2:3
org:linkedin 2023 error_ratio [0] [exact] [] data/table5-provider-error-ratios.csv 3:2
org:linkedin 2023 error_ratio_numerator [0] [exact] [] data/table5-provider-error-ratios.csv 3:2
org:linkedin 2023 error_ratio_denominator [0] [exact] [] data/table5-provider-error-ratios.csv 3:2
org:linkedin 2024 error_ratio [0] [exact] [] data/table5-provider-error-ratios.csv 3:3
org:linkedin 2024 error_ratio_numerator [0] [exact] [] data/table5-provider-error-ratios.csv 3:3
org:linkedin 2024 error_ratio_denominator [0] [exact] [] data/table5-provider-error-ratios.csv 3:3
org:meta 2023 error_ratio [0.32] [exact] [] data/table5-provider-error-ratios.csv 4:2
org:meta 2023 error_ratio_numerator [11600] [exact] [] data/table5-provider-error-ratios.csv 4:2
org:meta 2023 error_ratio_denominator [3600000] [approximate] [] data/table5-provider-error-ratios.csv 4:2
org:meta 2024 error_ratio [0.12] [exact] [] data/table5-provider-error-ratios.csv 4:3
org:meta 2024 error_ratio_numerator [1800] [exact] [] data/table5-provider-error-ratios.csv 4:3
org:meta 2024 error_ratio_denominator [1500000] [approximate] [] data/table5-provider-error-ratios.csv 4:3
org:microsoft 2023 error_ratio [] [] [not_applicable] data/table5-provider-error-ratios.csv 5:2
org:microsoft 2024 error_ratio [] [] [not_applicable] data/table5-provider-error-ratios.csv 5:3
org:yubo 2023 error_ratio [20] [exact] [] data/table5-provider-error-ratios.csv 6:2
org:yubo 2024 error_ratio [13] [exact] [] data/table5-provider-error-ratios.csv 6:3
TABLES

if cmp -s "$want" "$got"; then
  echo "data-providers: $(wc -l < "$want") figures of Tables 1-5 read as printed"
  exit 0
fi
echo "FAIL data-providers: Tables 1-5 as read differ from the printed tables (< printed, > read):"
diff "$want" "$got"
exit 1

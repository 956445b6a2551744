# cairn history import / list with the real binary.
. "$LIB"
DATA="$SRCDIR/data/history/cyp-2014-published.csv"

run init
run history import "$DATA"
expect_rc 0 "the shipped 2012-2017 results import"
expect_out "imported 18 grades and 28 counts for 15 publications" "import summary"
run history import "$DATA" --json
expect_rc 0 "importing again succeeds"
[ "$(json 'j["replaced"]')" = "46" ]
ok $? "importing again replaces the 46 stored rows"
run history list --framework cyp-2014 --json
[ "$(json 'sum(r["count"] for r in j if r["partnership"] == "Inverclyde")')" = "9" ]
ok $? "Inverclyde: nine indicators (CI news 4110)"
[ "$(json 'sum(r["count"] for r in j if r["partnership"] == "North Lanarkshire")')" = "10" ]
ok $? "North Lanarkshire: the ten published counts are kept as published"
[ "$(json 'sorted(r["qi"] for r in j if r["partnership"] == "South Ayrshire" and r["basis"] == "inferred")')" = "['1.1', '5.1', '5.3', '6.3']" ]
ok $? "South Ayrshire: the four adequate grades are marked inferred"

printf 'partnership,published,framework,qi,grade,source\nFife,2016-03-23,cyp-2014,5.3,adequate,Fife Today\nFife,2016-3-23,cyp-2014,5.3,adequate,x\n' >"$T/bad.csv"
run history import "$T/bad.csv"
expect_rc 65 "a file with an error is refused"
expect_err "bad.csv: line 3, column 2: published '2016-3-23' is not a date" "the error names line and column"
expect_err "has 1 error; nothing was imported" "the summary says nothing was imported"
# Issue 18: counts are checked against the framework (cyp-2014 has 22
# indicators): 50 in one row, or 20 + 4 for one publication, is refused.
printf 'partnership,published,framework,qi,grade,source,count\nFife,2016-03-23,cyp-2014,,good,x,50\n' >"$T/cnt.csv"
run history import "$T/cnt.csv"
expect_rc 65 "a count above the framework's indicators is refused"
expect_err "line 2, column 7: a row without an indicator needs a count of indicators (1 to 22, the indicators of framework cyp-2014), not '50'" "names the limit"
printf 'partnership,published,framework,qi,grade,source,count\nFife,2016-03-23,cyp-2014,,good,x,20\nFife,2016-03-23,cyp-2014,,weak,x,4\n' >"$T/cnt.csv"
run history import "$T/cnt.csv"
expect_rc 65 "counts adding up beyond the framework are refused"
expect_err "line 3, column 7: this row brings the grades of Fife published 2016-03-23 to 24; framework cyp-2014 has 22 indicators" "names the total"
printf 'partnership,published,framework,qi,grade,source,count\nFife,2016-03-23,cyp-2014,,good,x,0x10\n' >"$T/cnt.csv"
run history import "$T/cnt.csv"
expect_rc 65 "a hex count is refused"
# CSV errors from the RFC 4180 reader (core/csv): a stray quote and a ragged
# row, with their lines and columns, listed together; nothing imported.
printf 'partnership,published,framework,qi,grade,source\nFife,2016-03-23,cyp-2014,5.3,adequate,Fife Today\nFi"fe,2016-03-23,cyp-2014,5.2,good,x\nFife,2016-03-23,cyp-2014,5.1,good,x,extra\n' >"$T/bad2.csv"
run history import "$T/bad2.csv"
expect_rc 65 "a file with CSV errors is refused"
expect_err "bad2.csv: line 3, column 1: a quote inside an unquoted cell" "a stray quote is named with line and column"
expect_err "bad2.csv: line 4, column 7: the row has 7 cells; the header has 6" "a ragged row is named with line and column"
expect_err "has 2 errors; nothing was imported" "both errors counted; nothing imported"
run history import "$T/bad2.csv" --json
expect_rc 65 "--json: refused"
[ "$(json '[(e["line"], e["column"]) for e in j["errors"]] == [(3, 1), (4, 7)] and j["total"] == 2')" = True ]
ok $? "--json lists the errors with line and column"
printf 'partnership,published,framework,qi,grade,source\n"Fife, North",2016-03-23,cyp-2014,5.3,adequate,"Report, ""p. 3"""\n' >"$T/quoted.csv"
run history import "$T/quoted.csv" --json
expect_rc 0 "quoted cells with commas and doubled quotes import"
run history list --json
[ "$(json 'any(r["partnership"] == "Fife, North" and r["source"] == "Report, \"p. 3\"" for r in j)')" = True ]
ok $? "the quoted cells are read as RFC 4180 says"
run history list --json
[ "$(json 'len([r for r in j if r["source"] == "Fife Today"])')" = "0" ]
ok $? "the good row of the bad file was not imported"
run history import "$T/missing.csv"
expect_rc 66 "a missing file exits 66"
run history list --framework nope
expect_rc 64 "an unknown framework is a usage error"
expect_err "valid: " "and lists the valid codes"
done_testing

#!/bin/sh
# End-to-end: cairn context AREA from the shipped open data (data/scotland),
# checked against the figures published in the data's README.
. "$LIB"
export CAIRN_OPEN_DATA="$SRCDIR/data/scotland"

run context "South Ayrshire" --json
expect_rc 0 "context for South Ayrshire"
# README check: ages 0-17 by SG SIMD quintile, quintile 1 first: 221,807 /
# 196,914 / 186,900 / 211,821 / 207,539; total 1,024,981.
[ "$(json '[q["scotland_share"] for q in j["children"]["by_simd_quintile"]] == [100*v/1024981 for v in (221807,196914,186900,211821,207539)] and j["children"]["scotland_aged_0_17"] == 1024981')" = True ]
ok $? "Scotland's children by SIMD quintile match the published check"
[ "$(json 'sum(q["children"] for q in j["children"]["by_simd_quintile"]) == j["children"]["aged_0_17"] > 0')" = True ]
ok $? "the area's quintiles add up to its children"
# README check (2 decimals), Scotland 2019-20: CHN9 = 90.07, CHN17 = 85.7, CHN22 = 6.85, CHN23 = 16.68.
[ "$(json '{i["code"]: [round(y["scotland"], 2) for y in i["years"] if y["year"] == "2019-20"][0] for i in j["benchmarking"]["indicators"] if i["code"] in ("CHN9","CHN17","CHN22","CHN23")} == {"CHN9": 90.07, "CHN17": 85.7, "CHN22": 6.85, "CHN23": 16.68}')" = True ]
ok $? "LGBF Scotland 2019-20 values match the published check"
[ "$(json 'all(k in j[s]["source"] for s in ("children","benchmarking","care_services") for k in ("publisher","licence","year","file"))')" = True ]
ok $? "every figure carries its source, licence and year"
[ "$(json 'j["care_services"]["active"] == sum(s["count"] for s in j["care_services"]["by_service"]) == sum(j["care_services"]["by_lowest_latest_grade"].values())')" = True ]
ok $? "care services: kinds and grade distribution add up"
run context "argyll & bute" --json
[ "$(json 'j["area"]["name"] == "Argyll and Bute" and j["area"]["code"] == "S12000035" and j["care_services"]["active"] > 0')" = True ]
ok $? "an alias spelling finds the area and its services"
run context S12000028
expect_rc 0 "an area by code"
expect_out "South Ayrshire (S12000028)" "text names the area"
run context Atlantis
expect_rc 65 "unknown area"
expect_err "use one of: Clackmannanshire" "lists the valid areas"
one_line_err "one-line error"
run context "South Ayrshire" --data "$T/nowhere"
expect_rc 66 "missing data folder"
# South Ayrshire's children, counted here with Python's csv module.
EXP=$(python3 -c "import csv,sys; print(sum(sum(int(r['Age %d' % a]) for a in range(18)) for r in csv.DictReader(open(sys.argv[1])) if r['Council area code'] == 'S12000028'))" \
    "$SRCDIR/data/scotland/nrs_sape_2021_datazone_children_0_17.csv")
run context "South Ayrshire" --json
[ "$(json 'j["children"]["aged_0_17"]')" = "$EXP" ]
ok $? "South Ayrshire's children aged 0-17 ($EXP) as counted by Python's csv module"

done_testing

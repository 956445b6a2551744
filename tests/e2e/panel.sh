# The Quality and Consistency Panel: reviews beside the team's grades (the
# final grade is the panel's), sign-off, its voiding by later changes, the
# lifecycle gates that depend on it, and the benchmark.
. "$LIB"

run init; expect_rc 0 "init"
run inspection create --partnership Glenmoor --framework cyp-2014 --notified 2026-01-12
run team add 1 lee --role lead
run team add 1 ian --role inspector
run team add 1 pat --role panel
# Grade eight of the nine evaluated indicators of the 2014 framework.
for qg in 1.1:4 2.1:5 3.1:4 5.1:4 5.2:4 5.3:3 6.2:4 6.3:5; do
	run grade 1 "${qg%%:*}" "${qg#*:}" --as ian
done
run evidence add 1 --source records-reading --text "Chronologies weak" --qi 5.2 --status improvement --as ian
run grade 1 5.2 4 --rationale "Good overall" --evidence 1 --as ian

run panel signoff 1 --as pat
expect_rc 65 "sign-off with an ungraded evaluated indicator is refused"
expect_err "1 evaluated indicator is not graded (9.4)" "names it"
one_line_err "one line"
run grade 1 9.4 weak --as ian

# Reviews.
run panel review 1 5.2 --grade adequate --reason "Chronologies too weak for good" --as ian
expect_rc 77 "a review by someone without the panel role is refused"
expect_err "you are an inspector on this inspection and may not record the panel's view of a grade: only a Quality and Consistency Panel member may" "says why"
run panel review 1 4.1 --grade 3 --reason x --as pat
expect_rc 65 "reviewing an ungraded indicator is refused"
run panel review 1 7.9 --grade 3 --reason x --as pat
expect_rc 65 "an unknown indicator is refused"
run panel review 1 5.2 --grade superb --reason x --as pat
expect_rc 65 "an unknown grade is refused"
run panel review 1 5.2 --grade 3 --as pat
expect_rc 64 "--reason is required"
run panel review 1 5.2 --grade adequate --reason "Chronologies too weak for good" --as pat --json
expect_rc 0 "the panel reviews 5.2"
[ "$(json 'j["panel_grade"]')" = 3 ]; ok $? "panel grade 3"

run evaluation show 1 5.2 --json
E='j["evaluations"][0]'
[ "$(json "$E['team_grade']")" = 4 ]; ok $? "the team's grade is kept"
[ "$(json "$E['panel']['grade']")" = 3 ]; ok $? "beside the panel's"
[ "$(json "$E['panel']['reason']")" = "Chronologies too weak for good" ]; ok $? "with its reason"
[ "$(json "$E['final_grade']['grade']")" = 3 ]; ok $? "the final grade is the panel's"
[ "$(json "[h['kind'] for h in $E['history']]")" = "['team', 'team', 'panel']" ]; ok $? "both are in the history"
run inspection show 1 --json
[ "$(json '[e["grade"] for e in j["evaluations"] if e["qi"]=="5.2"][0]')" = 3 ]
ok $? "outputs (the dossier) show the final grade"
run release 1 --json
# Final grades: good 1.1 3.1 5.1 6.2; very good 2.1 6.3; adequate 5.2 (panel) 5.3; weak 9.4.
[ "$(json '(j["counts"]["Good"], j["counts"]["Adequate"])')" = "(4, 2)" ]
ok $? "the news release counts the panel's grade, not the team's"

# Sign-off, voiding, the lifecycle gates.
run panel signoff 1 --as ian
expect_rc 77 "only the panel signs off"
run panel signoff 1 --as pat
expect_rc 65 "sign-off before the panel has reviewed every graded indicator is refused"
expect_err "the panel has not reviewed 8 graded indicators (1.1, 2.1, 3.1, 5.1, 5.3, 6.2, 6.3, 9.4)" "names them"
for qg in 1.1:4 2.1:5 3.1:4 5.1:4 5.3:3 6.2:4 6.3:5 9.4:2; do
	run panel review 1 "${qg%%:*}" --grade "${qg#*:}" --reason "Agreed" --as pat
done
run panel signoff 1 --as pat
expect_rc 0 "the panel signs off"
run panel signoff 1 --as pat
expect_rc 65 "a second sign-off while one stands is refused"
for s in scoping:2026-01-19 records-reading:2026-03-02 fieldwork:2026-03-30 analysis:2026-04-06 panel:2026-04-27; do
	run stage 1 move "${s%%:*}" --date "${s#*:}" --as lee
done
run stage 1 move factual-accuracy --date 2026-05-11 --as lee
expect_rc 0 "after sign-off, factual accuracy"

run grade 1 6.3 4 --as ian
expect_rc 0 "a later change to a grade"
run evaluation show 1 --json
[ "$(json 'j["signoff"]["standing"]')" = False ]; ok $? "voids the sign-off"
[ "$(json 'j["signoff"]["history"][-1]["void_reason"]')" = "grade of 6.3 changed (5 -> 4)" ]
ok $? "visibly, saying what changed"
run evaluation show 1
expect_out "Panel sign-off: VOID since" "the text output shows it void"
run stage 1 move published --date 2026-06-08 --as lee
expect_rc 65 "publishing with a void sign-off is refused"
expect_err "has not signed off" "says why"

run panel signoff 1 --as pat
expect_rc 65 "the team regraded 6.3 after the panel's review: refused"
expect_err "6.3 (regraded since the panel's review)" "says which"
run panel review 1 6.3 --grade 4 --reason "Agreed again" --as pat
run panel signoff 1 --as pat; expect_rc 0 "signed again"
run grade 1 6.3 4 --rationale "Now with a rationale" --as ian
run evaluation show 1 --json
[ "$(json 'j["signoff"]["history"][-1]["void_reason"]')" = "rationale of 6.3 changed" ]
ok $? "a rationale change voids it"
run panel signoff 1 --as pat
run evidence update 1 1 --text "Chronologies weak in 12 of 20 records" --as ian
run evaluation show 1 --json
[ "$(json 'j["signoff"]["history"][-1]["void_reason"]')" = "linked evidence 1 changed" ]
ok $? "a change to linked evidence voids it"
run panel signoff 1 --as pat
run evidence add 1 --source data --text "Unlinked" --qi 5.2 --as ian
run evidence update 1 2 --status uncertainty --as ian
run evaluation show 1 --json
[ "$(json 'j["signoff"]["standing"]')" = True ]; ok $? "a change to unlinked evidence does not"
run stage 1 move published --date 2026-06-08 --as ian
expect_rc 77 "an inspector may not publish"
run stage 1 move published --date 2026-06-08 --as lee
expect_rc 0 "the lead publishes after sign-off"
run inspection show 1 --json
grep -q '2026-06-08' "$T/out"; ok $? "the publication date is set"
run audit verify
expect_rc 0 "the audit chain verifies"

# Benchmark: the same indicator in other inspections held and in
# imported published results.  Expected counts worked out by hand.
run inspection create --partnership Ashvale --framework cyp-2014 --published 2025-05-01
run grade 2 5.2 good
run grade 2 2.1 excellent
run inspection create --partnership Brackley --framework cyp-2014
run grade 3 5.2 weak
run panel review 3 5.2 --grade adequate --reason "Not weak"
run inspection create --partnership Other --framework at-risk-2021
run grade 4 2.1 weak
cat >"$T/hist.csv" <<'H'
partnership,published,framework,qi,grade,source
Fife,2016-03-23,cyp-2014,5.2,good,report
Angus,2016-11,cyp-2014,5.2,very good,report
Dundee,2016-03,cyp-2014,5.2,adequate,report
Ashvale,2025-05-01,cyp-2014,5.2,good,report (also held)
H
run history import "$T/hist.csv"
expect_rc 0 "published results imported"
run benchmark 1 --json
expect_rc 0 "benchmark --json"
B='[i for i in j["indicators"] if i["qi"]=="5.2"][0]'
[ "$(json "$B['grade']")" = 3 ]; ok $? "5.2's final grade is 3"
[ "$(json "$B['held']")" = 2 ]; ok $? "two other inspections held graded 5.2"
[ "$(json "$B['published']")" = 3 ]; ok $? "three published results (Ashvale's not counted twice)"
[ "$(json "{d['grade']: d['count'] for d in $B['distribution']}")" = "{6: 0, 5: 1, 4: 2, 3: 2, 2: 0, 1: 0}" ]
ok $? "the distribution: one very good, two good (Ashvale, Fife), two adequate (Brackley's panel grade, Dundee)"
[ "$(json "($B['below'], $B['same'], $B['above'])")" = "(0, 2, 3)" ]; ok $? "none below, two the same, three above"
[ "$(json '[i["held"] for i in j["indicators"] if i["qi"]=="2.1"][0]')" = 1 ]
ok $? "other frameworks are not counted"
run benchmark 1
expect_out "5.2    3" "text output"
run benchmark 1 --as stranger
expect_rc 77 "someone outside the team may not see the benchmark"
done_testing

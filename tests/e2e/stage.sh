# The lifecycle: stage moves and their refusals, and the week plan with
# school-holiday weeks not counted.  Dates below were worked out by hand
# from a calendar: 2026-01-12 is a Monday, so working week k starts on
# 2026-01-12 + 7(k-1) days when no holiday intervenes.
. "$LIB"

run init; expect_rc 0 "init"
run inspection create --partnership Glenmoor --framework at-risk-2021 --notified 2026-01-12
expect_rc 0 "create an at-risk-of-harm inspection"
run inspection create --partnership Nodate --framework cso-2025
run team add 1 lee --role lead; run team add 1 dee --role depute
run team add 1 ian --role inspector; run team add 1 pam --role panel

run stage 1 --json
expect_rc 0 "stage show"
[ "$(json 'j["stage"]')" = notified ]; ok $? "a new inspection is at 'notified'"
[ "$(json 'j["since"]')" = 2026-01-12 ]; ok $? "since its notification date"

# The week plan.
CAIRN_TODAY=2026-03-20 run timeline 1 --json
expect_rc 0 "timeline --json"
[ "$(json 'j["weeks"]')" = 22 ]; ok $? "the 2021 model plans 22 weeks"
[ "$(json '[r["due"] for r in j["stages"] if r["stage"]=="records-reading"][0]')" = 2026-03-02 ]
ok $? "records reading (week 8) is due on 2026-03-02"
[ "$(json '[r["due"] for r in j["stages"] if r["stage"]=="published"][0]')" = 2026-06-08 ]
ok $? "publication (week 22) is due on 2026-06-08"
[ "$(json '[r["status"] for r in j["stages"] if r["stage"]=="scoping"][0]')" = overdue ]
ok $? "scoping, due 2026-01-19, is overdue on 2026-03-20"
[ "$(json '[r["status"] for r in j["stages"] if r["stage"]=="fieldwork"][0]')" = due ]
ok $? "fieldwork, due 2026-03-30, is still due"
[ "$(json 'j["end"]')" = 2026-06-14 ]; ok $? "the plan ends on the Sunday of week 22"

cat >"$T/hol.txt" <<'H'
# Glenmoor school holidays
2026-02-16..2026-02-20 February break
2026-03-30..2026-04-10 Easter
2026-05-04 May Day (one day: not a holiday week)
H
CAIRN_TODAY=2026-03-20 run timeline 1 --holidays "$T/hol.txt" --json
expect_rc 0 "timeline with holidays"
[ "$(json 'j["holiday_weeks"]')" = 3 ]; ok $? "three holiday weeks are not counted"
[ "$(json '[r["due"] for r in j["stages"] if r["stage"]=="records-reading"][0]')" = 2026-03-09 ]
ok $? "records reading moves a week later, past the February break"
[ "$(json '[r["due"] for r in j["stages"] if r["stage"]=="fieldwork"][0]')" = 2026-04-20 ]
ok $? "fieldwork (week 12) moves past February and both Easter weeks"
CAIRN_TODAY=2026-03-20 run timeline 1 --weeks 35 --json
[ "$(json '[r["week"] for r in j["stages"] if r["stage"]=="published"][0]')" = 35 ]
ok $? "--weeks 35 scales publication to week 35"
run timeline 1
expect_out "22 working weeks from notification on 2026-01-12" "text output"

printf '2026-02-16..2026-02-20\n2026-13-01\nlater\n2026-05-01..2026-04-01\n' >"$T/bad.txt"
run timeline 1 --holidays "$T/bad.txt"
expect_rc 65 "a bad holidays file is refused"
expect_err "line 2, column 1: '2026-13-01' is not a date" "naming line and column"
expect_err "line 4, column 1: the range ends (2026-04-01) before it starts" "every error listed"
expect_err "has 3 errors" "with the total"
run timeline 1 --holidays "$T/missing.txt"
expect_rc 66 "a missing holidays file"
run timeline 2
expect_rc 65 "no notification date"
expect_err "has no notification date" "says so"
run timeline 1 --weeks 1
expect_rc 64 "--weeks 1 refused"

# Moves.
run stage 1 move fieldwork --date 2026-02-01
expect_rc 65 "skipping required stages is refused"
expect_err "skips the required stage scoping" "names the stage skipped"
one_line_err "one line"
run stage 1 move nowhere --date 2026-02-01
expect_rc 65 "unknown stage"
expect_err "valid: notified, scoping, records-reading" "lists the stages"
run stage 1 move scoping --date 2026-01-05
expect_rc 65 "a move dated before the current stage began"
run stage 1 move scoping --date 2026-13-05
expect_rc 65 "a bad date"
run stage 1 move scoping
expect_rc 64 "--date is required"
run stage 1 move scoping --date 2026-01-19 --as ian
expect_rc 77 "an inspector may not move the stage"
run stage 1 move scoping --date 2026-01-19 --as dee
expect_rc 0 "the depute moves to scoping"
run stage 1 move scoping --date 2026-01-20
expect_rc 65 "already at that stage"
for s in records-reading:2026-03-02 fieldwork:2026-03-30 analysis:2026-04-06 panel:2026-04-27; do
	run stage 1 move "${s%%:*}" --date "${s#*:}"
	expect_rc 0 "move to ${s%%:*}"
done
run stage 1 move factual-accuracy --date 2026-05-11
expect_rc 65 "factual accuracy before the panel signed off is refused"
expect_err "has not signed off" "says why"
run stage 1 move published --date 2026-06-08
expect_rc 65 "publishing straight from panel is refused"
run stage 1 move analysis --date 2026-05-01
expect_rc 0 "moving back is allowed before publication"
run stage 1 --json
[ "$(json 'len(j["moves"])')" = 6 ]; ok $? "every move is kept"
[ "$(json 'j["moves"][0]["by"]')" = dee ]; ok $? "with who made it"
CAIRN_TODAY=2026-05-02 run timeline 1 --json
[ "$(json '[r["done"] for r in j["stages"] if r["stage"]=="scoping"][0]')" = 2026-01-19 ]
ok $? "the timeline shows when scoping was done"
[ "$(json '[r["status"] for r in j["stages"] if r["stage"]=="analysis"][0]')" = current ]
ok $? "and the current stage"
# "next": the stage after the current one on the plan.
run stage 2 --json; FIRST=$(json 'j["stages"][1]["code"]')
run stage 2 move next --date 2026-02-02
expect_rc 0 "move next"; expect_out "moved to $FIRST on 2026-02-02" "names the stage reached"
run stage 2 --json
[ "$(json 'j["stage"]')" = "$FIRST" ]; ok $? "next is the plan's second stage ($FIRST)"
done_testing

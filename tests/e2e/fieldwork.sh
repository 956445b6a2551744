# The fieldwork plan from the command line (cairn fieldwork ...): planning
# with counts and never names, the refusals with their field, recording
# notes as evidence from the activity (one transaction with its audit
# entries), cancelling, the roles, and the release's methods paragraph
# matching what was recorded and the records read.
. "$LIB"
run init
run inspection create --partnership Testshire --framework cyp-2014 --fieldwork 2026-03-02..2026-03-20
ID=$(cat "$T/out")
for p in "ann lead" "ian inspector" "yan young-inspector" "col partnership-coordinator" \
	"pam panel"; do
	set -- $p
	run team add "$ID" "$1" --role "$2"
done

run fieldwork add "$ID" --kind focus-group --date 2026-03-03 --place "Glen High School" \
	--lead ian --agencies "Education, Health" --roles "Guidance teachers" --staff 8 --leaders 2
expect_rc 0 "an inspector plans a focus group"
expect_out "activity 1 planned" "it is activity 1"
run fieldwork add "$ID" --kind young-inspectors --date 2026-03-04 --place "Youth hub" --lead yan \
	--young-people 9 --children 3
expect_rc 0 "a young inspectors' meeting led by a young inspector"
run fieldwork add "$ID" --kind interview --date 2026-03-05 --place "Family centre" --lead ann \
	--parents-carers 1
expect_rc 0 "a one-to-one interview"
run fieldwork add "$ID" --kind observation --date 2026-03-06 --place "Hearing centre" --lead ann
expect_rc 0 "an observation (to be cancelled)"

# Refusals name their input and change nothing.
run fieldwork add "$ID" --kind seance --date 2026-03-05 --place x --lead ann
expect_rc 65 "an unknown kind is refused"
expect_err "'seance' is not a kind of activity; valid: focus-group, interview" "the kinds are named"
expect_err "(--kind)" "the flag is named"
run fieldwork add "$ID" --kind interview --date 2026-02-30 --place x --lead ann
expect_rc 65 "a date that does not exist is refused"
expect_err "(--date)" "against the date"
run fieldwork add "$ID" --kind interview --date 2026-03-05 --place "12 Elm Road, EH4 2BT" --lead ann
expect_rc 65 "a postcode in the place is refused"
expect_err "looks like a postcode" "it says what it looked like"
run fieldwork add "$ID" --kind interview --date 2026-03-05 --place x --roles "mum 07700 900123" \
	--lead ann
expect_rc 65 "a phone number in the roles is refused"
expect_err "(--roles)" "against the roles"
run fieldwork add "$ID" --kind interview --date 2026-03-05 --place x --lead zed
expect_rc 65 "a lead who is not on the team is refused"
expect_err "zed is not on the team" "it says why"
run fieldwork add "$ID" --kind interview --date 2026-03-05 --place x --lead ann --staff 2.5
expect_rc 65 "a count that is not a whole number is refused"
expect_err "(--staff)" "against the count"
run fieldwork add "$ID" --kind interview --date 2026-03-05 --place x --lead ann --as yan
expect_rc 77 "a young inspector does not plan"
run fieldwork add "$ID" --kind interview --date 2026-03-05 --place x --lead ann --as col
expect_rc 77 "nor does the partnership co-ordinator"
run --json fieldwork list "$ID"
[ "$(json 'len(j)')" -eq 4 ]; ok $? "the refusals added nothing (4 activities)"
[ "$(json 'j[0]["people"]["staff"]')" -eq 8 ]; ok $? "the counts are kept"

# The co-ordinator sees the schedule, not the notes.
run fieldwork list "$ID" --as col
expect_rc 0 "the co-ordinator sees the plan"
expect_out "Glen High School" "with its places"

# Recording notes makes evidence from the activity and marks it held.
run --json fieldwork record "$ID" 1 --notes "Staff described early help within days" --qi 2.1 \
	--status strength --staff 7
expect_rc 0 "the focus group's notes are recorded"
[ "$(json 'j["evidence"]')" -eq 1 ]; ok $? "they are evidence 1"
run --json evidence show "$ID" 1
[ "$(json 'j["source"]')" = focus-group ]; ok $? "the evidence's source is the focus group"
[ "$(json 'j["qis"]')" = "['2.1']" ]; ok $? "tagged to 2.1"
run --json fieldwork show "$ID" 1
[ "$(json 'j["status"]')" = held ]; ok $? "the activity is held"
[ "$(json 'j["people"]["staff"]')" -eq 7 ]; ok $? "with the number who came (7, not 8)"
[ "$(json 'j["balance"]["strength"]')" -eq 1 ]; ok $? "its evidence balance: one strength"
run fieldwork show "$ID" 1 --as col
expect_rc 0 "the co-ordinator sees the activity"
! grep -q "early help" "$T/out"; ok $? "but not its notes"
run fieldwork record "$ID" 1 --notes "more" --as yan
expect_rc 77 "a young inspector may not record an activity they do not lead"
run fieldwork record "$ID" 2 --notes "Young people trusted the staff who stayed" --qi 2.1 --as yan
expect_rc 0 "a young inspector records their own"
run --json evidence show "$ID" 2
[ "$(json 'j["source"]')" = young-inspectors ]; ok $? "as source young-inspectors"
run fieldwork record "$ID" 3 --notes "Parent at 07700 900123 said" --as ann
expect_rc 65 "a phone number in the notes is refused"
expect_err "(--notes)" "against the notes"
run fieldwork record "$ID" 3 --notes "Not told what happens next" --qi 9.9
expect_rc 65 "an unknown indicator is refused"
run --json fieldwork show "$ID" 3
[ "$(json 'j["status"]')" = planned ]; ok $? "a refused recording leaves the activity planned"
run fieldwork record "$ID" 3 --notes "Not told what happens next" --qi 3.1 --status uncertainty
expect_rc 0 "the interview is recorded"

# Cancelling.
run fieldwork cancel "$ID" 4
expect_rc 64 "cancelling needs a reason"
run fieldwork cancel "$ID" 4 --reason "The hearing was rescheduled"
expect_rc 0 "a planned activity is cancelled"
run fieldwork record "$ID" 4 --notes x
expect_rc 65 "a cancelled activity is not recorded"
expect_err "was cancelled" "it says why"
run fieldwork cancel "$ID" 1 --reason x
expect_rc 65 "a held activity is not cancelled"
run fieldwork show "$ID" 9
expect_rc 65 "an activity that does not exist"
expect_err "has no activity 9" "is named"

# Each write is audited.
run --json audit list
for a in fieldwork.add fieldwork.record fieldwork.cancel; do
	grep -q "\"$a\"" "$T/out"; ok $? "the audit log has $a"
done

# The release's methods paragraph: held activities only (the cancelled
# observation is not counted), people summed by kind by hand:
# staff 7, leaders 2, children 3, young people 9, parents and carers 1 = 22.
run grade "$ID" 2.1 5 --rationale "Strong"
run release "$ID"
expect_rc 0 "the release is written"
expect_out "Inspectors held 3 fieldwork activities: 1 focus group, 1 one-to-one interview and 1 young inspectors' meeting with children and young people. They met 22 people: 7 members of staff, 2 leaders, 3 children, 9 young people and 1 parent or carer." \
	"the release's methods match the recorded activities"
! grep -q "records of" "$T/out"; ok $? "no records were read, so none are claimed"
run report "$ID" --format md --out "$T/report.md"
grep -qF "They met 22 people: 7 members of staff" "$T/report.md"
ok $? "the report says the same"
run audit verify
expect_rc 0 "the audit chain verifies"
done_testing

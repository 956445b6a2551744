# The joint action plan with the real binary: South Ayrshire 2016's areas
# for improvement (Carrick Herald), actions, history, overdue, agreement
# and who may do what.
. "$LIB"

run init
run inspection create --partnership "South Ayrshire" --framework cyp-2014 --published 2016-10-04
run finding add 1 --kind improvement --text "Strengthen strategic leadership and direction."
run finding add 1 --kind improvement --text "Improve early intervention for those affected by poverty and deprivation."
run finding add 1 --kind strength --text "Frontline responses to child protection concerns were good."
run team add 1 "Ann Lead" --role lead
run team add 1 cora --role partnership-coordinator
run team add 1 ian --role inspector
run team add 1 yi --role young-inspector

run action agree 1
expect_rc 65 "agreeing a plan with no actions is refused"
expect_err "areas for improvement 1, 2 have no action" "names both uncovered areas"
one_line_err "in one line"

run action add 1 --improvement 1 --text "Chief officers agree a joint leadership plan" --owner "Chief Officers Group" --due 2017-03-31 --as cora
expect_rc 0 "the co-ordinator adds an action"
run action add 1 --improvement 3 --text x --owner y --due 2017-03-31
expect_rc 65 "an action against a strength is refused"
expect_err "valid: 1, 2" "lists the areas for improvement"
run action add 1 --improvement 2 --text x --owner y --due 2017-03-31 --as yi
expect_rc 77 "a young inspector may not add actions"
run action agree 1
expect_rc 65 "still refused with one area uncovered"
expect_err "area for improvement 2 has no action" "names the uncovered area"
run action add 1 --improvement 2 --text "Early help hubs in Girvan and Ayr" --owner "Head of children's services" --due 2017-09-30 --agency "South Ayrshire Council" --as cora
expect_rc 0 "second action"
run action agree 1 --as cora
expect_rc 77 "the co-ordinator may not mark the plan agreed"
run action agree 1 --as "Ann Lead"
expect_rc 0 "the lead marks the plan agreed"

run action update 1 1 --status done --as cora
expect_rc 65 "done without evidence is refused"
run action update 1 1 --note "The plan exists but is not yet owned by all partners" --as ian
expect_rc 0 "an inspector comments"
run action update 1 1 --status in-progress --as ian
expect_rc 77 "an inspector may not change the status"
run action update 1 1 --status in-progress --as cora
expect_rc 0 "in progress"
run action update 1 2 --status dropped --note "no budget" --as cora
expect_rc 65 "the last live action of an area cannot be dropped once agreed"

CAIRN_TODAY=2017-05-01 run action list 1 --overdue --json
expect_rc 0 "list --overdue"
[ "$(json '[a["number"] for a in j["overdue"]]')" = "[1]" ]
ok $? "on 1 May 2017 only action 1 is overdue"
CAIRN_TODAY=2017-10-01 run action list 1 --overdue --json
[ "$(json '[a["number"] for a in j["overdue"]]')" = "[1, 2]" ]
ok $? "on 1 October 2017 both are overdue"
run action update 1 1 --status done --evidence "Leadership plan signed 12 May 2017" --as cora
CAIRN_TODAY=2017-10-01 run action list 1 --json --history
[ "$(json '[c["change"] for c in j["improvements"][0]["actions"][0]["history"]]')" = "['created', 'comment', 'status planned -> in-progress', 'status in-progress -> done']" ]
ok $? "the history keeps every change in order"
[ "$(json 'j["improvements"][0]["actions"][0]["history"][1]["actor"]')" = "ian" ]
ok $? "the comment is attributed to the inspector"
[ "$(json 'j["agreed"]')" = "True" ]
ok $? "the plan is agreed"
# Issue 17: the areas for improvement are numbered within the inspection
# (1, 2 in findings order), not by the findings' database ids.  Inspection 2
# records a strength first, so its areas are findings 5 and 6.
run inspection create --partnership "Testshire" --framework cyp-2014
run finding add 2 --kind strength --text "Staff knew children well."
run finding add 2 --kind improvement --text "Review plans on time."
run finding add 2 --kind improvement --text "Record chronologies."
F1=$(sqlite3 "$CAIRN_DB" "SELECT id FROM finding WHERE inspection_id = 2 AND text = 'Review plans on time.'")
F2=$(sqlite3 "$CAIRN_DB" "SELECT id FROM finding WHERE inspection_id = 2 AND text = 'Record chronologies.'")
[ "$F1" = 5 ] && [ "$F2" = 6 ]; ok $? "the areas are findings 5 and 6 in the database"
run action add 2 --improvement 5 --text x --owner y --due 2027-01-31
expect_rc 65 "a finding's database id is not an area's number"
expect_err "5 is not an area for improvement of inspection 2; valid: 1, 2" "lists the areas' numbers"
run action add 2 --improvement 2 --text "Keep chronologies in every file" --owner "Head of service" --due 2027-01-31
expect_rc 0 "an action for area 2"
[ "$(sqlite3 "$CAIRN_DB" "SELECT finding_id FROM plan_action WHERE inspection_id = 2")" = "$F2" ]
ok $? "area 2 is stored as the second area's finding"
run --json action list 2
[ "$(json '[(i["number"], len(i["actions"])) for i in j["improvements"]]')" = "[(1, 0), (2, 1)]" ]
ok $? "the JSON numbers the areas 1 and 2"
[ "$(json 'j["improvements"][1]["actions"][0]["improvement"]')" = 2 ]
ok $? "the action names its area by number"
run action list 2
expect_out "Area for improvement 2: Record chronologies." "the text list shows the same number"
run action agree 2
expect_rc 65 "agreeing with area 1 uncovered is refused"
expect_err "area for improvement 1 has no action" "names it by its number"
# Actions are numbered within their inspection too (1, 2, 3 in the order
# added), never by database id: inspection 2's first action is its action 1
# although it is the third in the database.
[ "$(sqlite3 "$CAIRN_DB" "SELECT id FROM plan_action WHERE inspection_id = 2")" = 3 ]
ok $? "inspection 2's action is the third in the database"
run --json action list 2
[ "$(json 'j["improvements"][1]["actions"][0]["number"]')" = 1 ]
ok $? "it is action 1 of inspection 2's plan"
run action update 2 1 --note "Started in two teams"
expect_rc 0 "action 1 of inspection 2 takes a comment"
expect_out "inspection 2, action 1: planned" "named by its number"
[ "$(sqlite3 "$CAIRN_DB" "SELECT count(*) FROM plan_action_event WHERE action_id = 3 AND note = 'Started in two teams'")" = 1 ]
ok $? "the comment is on the database's action 3"
run action update 2 3 --note x
expect_rc 65 "an action number the plan does not have is refused"
expect_err "there is no action 3 in the action plan of inspection 2; valid: 1" "names the valid numbers"
run action update 3 --note x
expect_rc 64 "the old form (a database id alone) is refused, not guessed"
expect_err "cairn action update ID N" "says how to name an action"
done_testing

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

run action update 1 --status done --as cora
expect_rc 65 "done without evidence is refused"
run action update 1 --note "The plan exists but is not yet owned by all partners" --as ian
expect_rc 0 "an inspector comments"
run action update 1 --status in-progress --as ian
expect_rc 77 "an inspector may not change the status"
run action update 1 --status in-progress --as cora
expect_rc 0 "in progress"
run action update 2 --status dropped --note "no budget" --as cora
expect_rc 65 "the last live action of an area cannot be dropped once agreed"

CAIRN_TODAY=2017-05-01 run action list 1 --overdue --json
expect_rc 0 "list --overdue"
[ "$(json '[a["id"] for a in j["overdue"]]')" = "[1]" ]
ok $? "on 1 May 2017 only action 1 is overdue"
CAIRN_TODAY=2017-10-01 run action list 1 --overdue --json
[ "$(json '[a["id"] for a in j["overdue"]]')" = "[1, 2]" ]
ok $? "on 1 October 2017 both are overdue"
run action update 1 --status done --evidence "Leadership plan signed 12 May 2017" --as cora
CAIRN_TODAY=2017-10-01 run action list 1 --json --history
[ "$(json '[c["change"] for c in j["improvements"][0]["actions"][0]["history"]]')" = "['created', 'comment', 'status planned -> in-progress', 'status in-progress -> done']" ]
ok $? "the history keeps every change in order"
[ "$(json 'j["improvements"][0]["actions"][0]["history"][1]["actor"]')" = "ian" ]
ok $? "the comment is attributed to the inspector"
[ "$(json 'j["agreed"]')" = "True" ]
ok $? "the plan is agreed"
done_testing

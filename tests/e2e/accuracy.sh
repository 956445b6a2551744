#!/bin/sh
# Factual accuracy and the embargo from the command line (cairn accuracy
# ..., cairn embargo ...): the co-ordinator comments on the draft only at
# the factual accuracy stage, on a passage that is where it is said to be;
# the lead answers each comment (accepted with the change, or not with the
# reason); the log downloads as CSV with formulas neutralised; the embargo
# line reaches the release, and the media pack is refused to the
# co-ordinator until the embargo lifts (CAIRN_NOW), then served.
. "$LIB"
run demo --out "$T/demo"
expect_rc 0 "cairn demo"
run team add 1 cora --role partnership-coordinator
LEAD="Eilidh Lead"
for s in scoping:2026-02-02 records-reading:2026-02-09 fieldwork:2026-02-16 analysis:2026-03-02 \
	panel:2026-03-09; do
	"$CAIRN" stage 1 move "${s%%:*}" --date "${s#*:}" >/dev/null 2>&1
done

# Before factual accuracy: no draft and no comments for the co-ordinator.
run accuracy draft 1 --as cora
expect_rc 77 "the co-ordinator does not see the draft before factual accuracy"
expect_err "only while the inspection is at the factual accuracy stage" "in plain words"
run accuracy comment 1 --as cora --section qi-2.1 --paragraph 2 --passage "staff listened to them" \
	--comment "Say which staff."
expect_rc 65 "nor comments"
expect_err "Comments on the draft report are taken only while the inspection is at the factual accuracy stage; inspection 1 is at the Quality and Consistency Panel stage" "saying the stage it is at"

signoff 1
run stage 1 move factual-accuracy --date 2026-03-16
expect_rc 0 "the inspection moves to factual accuracy"
run accuracy draft 1 --as cora
expect_rc 0 "now the co-ordinator reads the draft's passages"
expect_out "qi-2.1 2 [markdown] Children and young people told us staff listened to them." "each with its section and paragraph"

run accuracy comment 1 --as cora --section qi-2.1 --paragraph 2 --passage "staff listened to them" \
	--comment "Say which staff: social workers and teachers."
expect_rc 0 "the co-ordinator comments on a passage"
expect_out "comment 1 recorded" "comment 1"
run accuracy comment 1 --as cora --section qi-2.1 --paragraph 3 --passage "staff listened to them" \
	--comment "x"
expect_rc 65 "a passage that is not in the paragraph named is refused"
expect_err "(--passage)" "against the passage"
run accuracy comment 1 --as cora --section qi-9.9 --paragraph 1 --passage "x" --comment "x"
expect_rc 65 "an unknown section is refused"
expect_err "(--section)" "against the section"
run accuracy comment 1 --as cora --section qi-2.1 --paragraph 40 --passage "x" --comment "x"
expect_rc 65 "a paragraph the section does not have is refused"
expect_err "(--paragraph)" "against the paragraph"
run accuracy comment 1 --as "Rory Inspector" --section qi-2.1 --paragraph 2 \
	--passage "staff listened to them" --comment "x"
expect_rc 77 "an inspector does not comment"
run accuracy comment 1 --as cora --section qi-1.1 --paragraph 2 \
	--passage "Most indicators of wellbeing improved" --comment "=HYPERLINK(\"http://evil\")"
expect_rc 0 "a second comment"

# The team's answers.
run accuracy respond 1 1 --as cora --response accepted --after "y"
expect_rc 77 "the co-ordinator does not answer"
run accuracy respond 1 1 --as "$LEAD" --response accepted
expect_rc 64 "accepted without the text after is refused"
expect_err "(--after)" "against the text after"
run accuracy respond 1 1 --as "$LEAD" --response accepted \
	--after "social workers and teachers listened to them"
expect_rc 0 "the lead accepts with the change"
run accuracy respond 1 1 --as "$LEAD" --response not-accepted --reason "Changed my mind"
expect_rc 65 "a comment is answered once"
run accuracy respond 1 2 --as "$LEAD" --response not-accepted
expect_rc 64 "not accepted without a reason is refused"
expect_err "(--reason)" "against the reason"
run accuracy respond 1 2 --as "$LEAD" --response not-accepted \
	--reason "The wellbeing indicators did improve over three years."
expect_rc 0 "the lead does not accept the second, with the reason"

run --json accuracy list 1 --as cora
expect_rc 0 "the co-ordinator reads the log"
[ "$(json 'len(j)')" = 2 ]; ok $? "two comments; the refusals added none"
[ "$(json 'j[0]["before"] + " -> " + j[0]["after"]')" = "staff listened to them -> social workers and teachers listened to them" ]
ok $? "the change is shown, before and after"
[ "$(json 'j[1]["response"] + ": " + j[1]["reason"]')" = "not-accepted: The wellbeing indicators did improve over three years." ]
ok $? "the reason is kept"

run accuracy export 1 --as cora --output "$T/log.csv"
expect_rc 0 "the co-ordinator downloads the log"
python3 - "$T/log.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
assert len(rows) == 2, rows
assert rows[0]["section"] == "qi-2.1" and rows[0]["paragraph"] == "2", rows[0]
assert rows[0]["response"] == "accepted", rows[0]
assert rows[0]["after"] == "social workers and teachers listened to them", rows[0]
assert rows[0]["commented_by"] == "cora" and rows[0]["answered_by"] == "Eilidh Lead", rows[0]
assert rows[1]["comment"] == "'=HYPERLINK(\"http://evil\")", rows[1]["comment"]
assert rows[1]["reason"].startswith("The wellbeing"), rows[1]
PY
ok $? "the CSV holds both comments and answers, the formula neutralised"
[ "$(sqlite3 "$CAIRN_DB" "SELECT count(*) FROM audit WHERE action LIKE 'accuracy.%'")" = 5 ]
ok $? "two comments, two answers and the download are audited"

# The embargo.
run embargo set 1 --date 2026-08-18 --as cora
expect_rc 77 "the co-ordinator does not set the embargo"
run embargo set 1 --date 2026-08-18 --time 24:00 --as "$LEAD"
expect_rc 65 "a time that is not a time is refused"
expect_err "(--time)" "against the time"
run embargo set 1 --date 2026-08-18 --media-contact "Press office, 0345 600 9527" --as "$LEAD"
expect_rc 0 "the lead sets the embargo"
expect_out "Embargoed until 00:01 Tuesday 18 August 2026" "00:01 by default, with the weekday"
run release 1
expect_out "Embargoed until 00:01 Tuesday 18 August 2026" "the release carries the embargo line"
expect_out "Media enquiries: Press office, 0345 600 9527" "and the media contact"
run publish 1
expect_rc 0 "published (frozen with the embargo line)"
CAIRN_NOW=2026-08-17T23:00:59Z run embargo media-pack 1 --as cora
expect_rc 77 "the media pack is refused to the co-ordinator a second before 00:01 BST"
expect_err "embargoed until 00:01 Tuesday 18 August 2026" "saying when it lifts"
CAIRN_NOW=2026-08-17T23:00:59Z run embargo media-pack 1 --as "Rory Inspector"
expect_rc 0 "the team has it before the embargo lifts"
CAIRN_NOW=2026-08-17T23:01:00Z run embargo media-pack 1 --as cora
expect_rc 0 "from 00:01 BST the co-ordinator has it"
expect_out "1. The news release (as published)" "the published release"
expect_out "Media contact: Press office, 0345 600 9527" "the contact"
expect_out "From the report:" "and the findings quoted"
CAIRN_NOW=2026-08-17T23:00:59Z run publication get 1 --out "$T/early" --as cora
expect_rc 77 "the published files are refused to the co-ordinator before it lifts"
expect_err "embargoed until 00:01 Tuesday 18 August 2026" "saying when"
[ ! -e "$T/early/release.txt" ]; ok $? "nothing was written"
CAIRN_NOW=2026-08-17T23:01:00Z run publication get 1 --out "$T/after" --as cora
expect_rc 0 "and written for the co-ordinator from 00:01"
head -n1 "$T/after/release.txt" | grep -qx "Embargoed until 00:01 Tuesday 18 August 2026"
ok $? "the frozen release opens with the embargo line"
CAIRN_NOW=2026-08-17T23:00:59Z run --json embargo show 1
[ "$(json 'j["lifted"]')" = False ] && [ "$(json 'j["lifts_utc"]')" = 2026-08-17T23:01:00Z ]
ok $? "embargo show: not lifted, lifting at 23:01 UTC (BST)"
done_testing

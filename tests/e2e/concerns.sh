# Matters of concern as the procedure runs (issue 21), from the command line:
# raise with a kind, the lead's decision, passing to the partnership's senior
# officer, the partnership's response and the local referral, closing; who
# may make each step (--as), a skipped step refused in plain words naming
# what comes next, each refusal naming its flag; the due date and the
# overdue flag as the clock moves (CAIRN_TODAY), honouring the last day of
# fieldwork; a request for a learning review under its own names; the audit
# log holding the steps but never their text; concerns from before
# migration 19 becoming "raised" or "closed" with their history; and the
# panel's decision on a progress review, stated in the report of a pack
# whose report has that section.
. "$LIB"
SQL() { sqlite3 -cmd ".timeout 5000" "$CAIRN_DB" "$1" 2>&1; }

run demo --out "$T/out-demo"
expect_rc 0 "demo inspection built"
python3 "$SRCDIR/scripts/demo_data.py" "$CAIRN" "$CAIRN_DB" "$T/out-demo" >/dev/null 2>&1
ok $? "demo working data: population, sample, readers"
for p in "Dee:depute" "Pat:panel" "Lorna Reader:local-reader"; do
	"$CAIRN" team add 1 "${p%%:*}" --role "${p#*:}" >/dev/null 2>&1
done
LEAD="Eilidh Lead"
REF=$(SQL "SELECT ref FROM sample_member WHERE inspection_id = 1 AND status = 'selected' ORDER BY ref LIMIT 1")
REF2=$(SQL "SELECT ref FROM sample_member WHERE inspection_id = 1 AND status = 'selected' ORDER BY ref LIMIT 1 OFFSET 1")
# The demo's fieldwork runs 2026-03-02 to 2026-04-24.
export CAIRN_TODAY=2026-03-10

# Raising: the kind is checked against the guide's kinds.
run concern raise 1 "$REF" --kind rumour --text "x" --as "$LEAD"
expect_rc 65 "an unknown kind is refused: exit 65"
expect_err "(--kind)" "naming its flag"
expect_err "child-protection, child, practice, review" "and listing the kinds"
run concern raise 1 "$REF" --kind child-protection --text "Bruising noted; no IRD recorded" --as "$LEAD" --json
expect_rc 0 "the lead raises a child protection concern"
CID=$(json 'j["id"]')
[ "$(json 'j["step"]')" = raised ]; ok $? "it stands at 'raised'"

# Who may decide: the lead only.
run concern decide 1 "$CID" --escalate yes --reasons "r" --as "Lorna Reader"
expect_rc 77 "a local reader cannot decide: exit 77"
run concern decide 1 "$CID" --escalate yes --reasons "r" --as "Rory Inspector"
expect_rc 77 "an inspector cannot decide: exit 77"
expect_err "you are an inspector on this inspection and may not decide whether a matter of concern is escalated: only an inspection lead may" "the refusal says who may"
run concern decide 1 "$CID" --escalate yes --reasons "r" --as Dee
expect_rc 77 "the depute cannot decide: exit 77"
# A skipped step, in plain words.
run concern pass 1 "$CID" --officer "Jo Smith, CSWO" --date 2026-03-10 --note "x" --as "$LEAD"
expect_rc 65 "passing before the decision is refused: exit 65"
expect_err "stands at 'Raised', and the inspection lead first decides whether to escalate it" \
	"saying where it stands and what comes next"
run concern close 1 "$CID" --note "x" --as "$LEAD"
expect_rc 65 "closing before the decision is refused: exit 65"
run concern decide 1 "$CID" --escalate yes --as "$LEAD"
expect_rc 64 "a decision without reasons: exit 64"
expect_err "(--reasons)" "names the flag"
run concern decide 1 "$CID" --escalate perhaps --reasons r --as "$LEAD"
expect_rc 64 "escalate is yes or no: exit 64"
expect_err "(--escalate)" "names the flag"

# Due dates: the decision is due the day after raising; overdue after that.
CAIRN_TODAY=2026-03-11 run concern list 1 --json
[ "$(json '" ".join(c["due_on"] + " " + str(c["overdue"]) for c in j if c["id"] == '"$CID"')')" = "2026-03-11 False" ]
ok $? "the decision is due the next day, not yet overdue"
CAIRN_TODAY=2026-03-12 run concern list 1 --overdue --json
[ "$(json 'str(len(j)) + " " + str(j[0]["age_days"])')" = "1 2" ]
ok $? "a day later it is overdue, two days old (--overdue lists it)"

run concern decide 1 "$CID" --escalate yes --reasons "DECIDE-TEXT immediate risk" --as "$LEAD"
expect_rc 0 "the lead escalates it"
run concern decide 1 "$CID" --escalate no --reasons "again" --as "$LEAD"
expect_rc 65 "deciding twice is refused: exit 65"
run concern pass 1 "$CID" --officer "Jo Smith, CSWO" --date 2026-03-11 --note "x" --as Dee
expect_rc 65 "a date after today is refused: exit 65"
expect_err "(--date)" "naming the date's flag"
run concern pass 1 "$CID" --officer "Jo Smith, CSWO" --date 2026-03-09 --note "x" --as Dee
expect_rc 65 "a date before the decision is refused: exit 65"
run concern pass 1 "$CID" --date 2026-03-10 --note "x" --as Dee
expect_rc 64 "passing needs the senior officer: exit 64"
expect_err "(--officer)" "naming the flag"
run concern pass 1 "$CID" --officer "Jo Smith, CSWO" --date 2026-03-10 --note "PASS-TEXT by phone" --as Dee
expect_rc 0 "the depute passes it to the senior officer"
# The partnership's response is due five days after it was passed.
CAIRN_TODAY=2026-03-15 run concern list 1 --json
[ "$(json 'j[0]["step"] + " " + j[0]["due_on"] + " " + str(j[0]["overdue"])')" = "passed 2026-03-15 False" ]
ok $? "the response is due five days after passing"
CAIRN_TODAY=2026-03-16 run concern list 1
expect_out "OVERDUE since 2026-03-15" "the next day the list flags it overdue"
export CAIRN_TODAY=2026-03-16
run concern respond 1 "$CID" --response "RESPOND-TEXT visit made" --date 2026-03-12 --referral 2026-03-31 --as Dee
expect_rc 65 "a referral dated after today is refused: exit 65"
expect_err "(--referral)" "naming its flag"
run concern respond 1 "$CID" --response "RESPOND-TEXT visit made" --date 2026-03-12 --referral 2026-03-11 --as Dee
expect_rc 0 "the partnership's response and the local referral recorded"
run concern close 1 "$CID" --note "CLOSE-TEXT plan in place" --as "Rory Inspector"
expect_rc 77 "an inspector cannot close: exit 77"
run concern close 1 "$CID" --note "CLOSE-TEXT plan in place" --as "$LEAD"
expect_rc 0 "the lead closes it"
run concern show 1 "$CID" --json
[ "$(json '",".join(s["step"] for s in j["steps"])')" = "raised,escalated,passed,responded,closed" ]
ok $? "its timeline holds every step in order"
[ "$(json 'j["steps"][2]["officer"] + "|" + j["steps"][2]["on"] + "|" + j["steps"][3]["referral_on"] + "|" + j["steps"][3]["by"]')" = "Jo Smith, CSWO|2026-03-10|2026-03-11|Dee" ]
ok $? "who it was passed to and when, the referral's date, who recorded the response"
[ "$(json 'str(j["open"]) + " " + str(j["due_on"])')" = "False None" ]
ok $? "closed: nothing is due"
run concern list 1 --json
[ "$(json 'len([c for c in j if c["id"] == '"$CID"'])')" = 0 ]; ok $? "the open list no longer shows it"

# The audit log has every step and none of the text.
[ "$(SQL "SELECT COUNT(*) FROM audit WHERE action IN ('concern.raise', 'concern.decide', 'concern.pass', 'concern.respond', 'concern.close') AND subject IN ('$REF', 'concern $CID')")" = 5 ]
ok $? "every step is audited, once"
[ "$(SQL "SELECT COUNT(*) FROM audit WHERE detail LIKE '%-TEXT%' OR detail LIKE '%Bruising%'")" = 0 ]
ok $? "no concern text in the audit log"
[ "$(SQL "SELECT detail FROM audit WHERE action = 'concern.pass' AND subject = 'concern $CID'")" = "step=passed from=escalated on=2026-03-10 officer=Jo Smith, CSWO" ]
ok $? "the pass entry names the step, its date and the officer"

# A request for a learning review runs its own steps; not escalated, it closes.
run concern raise 1 "$REF2" --kind review --text "Criteria for a learning review may be met" --as "$LEAD" --json
RID=$(json 'j["id"]')
run concern show 1 "$RID"
expect_out "Review requested" "a review request is 'requested'"
run concern decide 1 "$RID" --escalate no --reasons "A review is already under way" --as "$LEAD"
expect_rc 0 "the lead does not support it"
run concern pass 1 "$RID" --officer x --date 2026-03-16 --note x --as "$LEAD"
expect_rc 65 "a request not supported is not sent on: exit 65"
expect_err "it is next closed" "the refusal says it is next closed"
run concern close 1 "$RID" --note "Noted" --as Dee
expect_rc 0 "then closed"

# A reader raises only about a record assigned to them.
MINE=$(SQL "SELECT m.ref FROM assignment a JOIN sample_member m ON m.id = a.member_id JOIN reader_pair p ON p.id = a.pair_id JOIN reader r ON r.id = p.local_id WHERE r.name = 'Lorna Reader' ORDER BY m.ref LIMIT 1")
if [ -n "$MINE" ]; then
	run concern raise 1 "$MINE" --kind practice --text "No chronology" --as "Lorna Reader"
	expect_rc 0 "a local reader raises a concern about practice in a record assigned to them"
fi

# Concerns from before migration 19: open ones become "raised", closed ones
# "closed", with their history.
cp "$CAIRN_DB" "$T/old.db"
# Undo migration 19 and every later one (their tables, indexes and added
# columns, read from data/sql/), then put the old rows back.
python3 - "$SRCDIR/data/sql" >"$T/undo.sql" <<'PY'
import os, re, sys
d = sys.argv[1]
for f in sorted(os.listdir(d), reverse=True):
    if int(f[:3]) < 19:
        continue
    sql = open(os.path.join(d, f)).read()
    for i in reversed(re.findall(r'CREATE (?:UNIQUE )?INDEX (?:IF NOT EXISTS )?(\w+)', sql)):
        print(f'DROP INDEX IF EXISTS {i};')
    for t, c in reversed(re.findall(r'ALTER TABLE (\w+) ADD COLUMN (\w+)', sql)):
        print(f'ALTER TABLE {t} DROP COLUMN {c};')
    for t in reversed(re.findall(r'CREATE TABLE (?:IF NOT EXISTS )?(\w+)', sql)):
        print(f'DROP TABLE IF EXISTS {t};')
PY
sqlite3 "$T/old.db" "
DELETE FROM concern_step; DELETE FROM concern;
$(cat "$T/undo.sql")
INSERT INTO concern (member_id, text, raised_by, raised_at) SELECT id, 'old open', 'Isla', '2026-03-03T09:00:00Z' FROM sample_member WHERE ref = '$REF';
INSERT INTO concern (member_id, text, raised_by, raised_at, closed_by, closed_at, close_note) SELECT id, 'old closed', 'Isla', '2026-03-04T09:00:00Z', 'Eilidh Lead', '2026-03-05T10:00:00Z', 'followed up' FROM sample_member WHERE ref = '$REF';
PRAGMA user_version = 18;" 2>"$T/sqlerr"
ok $? "a database as it was before migration 19$( [ -s "$T/sqlerr" ] && echo " ($(cat "$T/sqlerr"))")"
cp "$CAIRN_DB.key" "$T/old.db.key" 2>/dev/null
cp "$CAIRN_DB.anchor" "$T/old.db.anchor" 2>/dev/null
run --db "$T/old.db" concern list 1 --all --json
expect_rc 0 "migration 19 runs"
[ "$(json '" ".join(c["text"] + ":" + c["step"] + ":" + c["kind"] for c in j)')" = "old open:raised:child old closed:closed:child" ]
ok $? "the open concern is raised, the closed one closed, both about a child"
run --db "$T/old.db" concern show 1 2 --json
[ "$(json '",".join(s["step"] + "@" + s["on"] for s in j["steps"]) + "|" + str(j["steps"][1]["text"])')" = "raised@2026-03-04,closed@2026-03-05|followed up" ]
ok $? "the closed one's history: raised and closed on their dates, with its note"

# The panel's decision on a progress review, stated in the report.
run inspection create --partnership Testshire --framework at-risk-2021 --fieldwork 2026-03-02..2026-03-20
PID=$(cat "$T/out")
"$CAIRN" team add "$PID" Pat --role panel >/dev/null 2>&1
"$CAIRN" team add "$PID" Ann --role lead >/dev/null 2>&1
run report "$PID" --format md --audience internal --out "$T/r0.md"
expect_rc 0 "a report before the panel's decision"
! grep -q "progress review" "$T/r0.md"
ok $? "which says nothing about a progress review"
run panel progress-review "$PID" --needed yes --due 2027-09-30 --focus "Risk assessment" --as Ann
expect_rc 77 "only the panel records it: exit 77"
run panel progress-review "$PID" --needed yes --focus "Risk assessment" --as Pat
expect_rc 64 "a needed review without a date: exit 64"
expect_err "(--due)" "names the flag"
run panel progress-review "$PID" --needed yes --due 2026-01-01 --focus "Risk assessment" --as Pat
expect_rc 65 "a date in the past: exit 65"
run panel progress-review "$PID" --needed yes --due 2027-09-30 --focus "Assessing and responding to risks and needs" --as Pat
expect_rc 0 "the panel records that a progress review is needed"
run report "$PID" --format md --audience internal --out "$T/r1.md"
grep -qF "a progress review is needed. It will take place by 30 September 2027 and will look at: Assessing and responding to risks and needs" "$T/r1.md"
ok $? "the report states when and on what"
run panel progress-review "$PID" --needed no --as Pat
expect_rc 0 "the panel changes its mind"
run report "$PID" --format md --audience internal --out "$T/r2.md"
grep -qF "decided that no progress review is needed" "$T/r2.md" && ! grep -q "30 September 2027" "$T/r2.md"
ok $? "the report states that none is needed"
[ "$(SQL "SELECT COUNT(*) FROM audit WHERE action = 'panel.progress-review' AND inspection_id = $PID")" = 2 ]
ok $? "each decision is audited"
done_testing

# The team, roles and --as: who may do what, refused with one line and
# exit 77, and the audit log names who acted.
. "$LIB"

# audit SQL: prints the result of a query over the audit table.
audit() {
	python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print('\n'.join('|'.join(str(x) for x in r) for r in c.execute(sys.argv[2])))" "$CAIRN_DB" "$1"
}

run init; expect_rc 0 "init"
run inspection create --partnership Glenmoor --framework cyp-2014; expect_rc 0 "create"
run team add 1 "Ann Lead" --role lead --agency "Care Inspectorate"
expect_rc 0 "add a lead"
run team add 1 yi --role young-inspector; expect_rc 0 "add a young inspector"
run team add 1 pat --role panel; expect_rc 0 "add a panel member"
run team add 1 cora --role partnership-coordinator; expect_rc 0 "add a co-ordinator"

run team list 1 --json
expect_rc 0 "team list --json"
[ "$(json 'len(j)')" = 4 ]; ok $? "four members listed"
[ "$(json '[m["role"] for m in j if m["person"]=="Ann Lead"][0]')" = lead ]; ok $? "lead's role"
[ "$(json '[m["agency"] for m in j if m["person"]=="Ann Lead"][0]')" = "Care Inspectorate" ]
ok $? "lead's agency"

# Bad input: unknown role, the global role, a person twice.
run team add 1 bob --role wizard
expect_rc 65 "unknown role refused"
expect_err "unknown role 'wizard'; valid: lead, depute" "names the valid roles"
one_line_err "one line"
run team add 1 bob --role admin
expect_rc 65 "admin is not a team role"
run team add 1 yi --role lead
expect_rc 65 "a person already on the team is refused"
expect_err "already on the team of inspection 1 as young-inspector" "says which role they hold"
run team add 1 bob
expect_rc 64 "--role is required"
run team add 9 bob --role lead
expect_rc 65 "unknown inspection refused"
run team list 1 --json
[ "$(json 'len(j)')" = 4 ]; ok $? "refusals changed nothing"

# --as: the role table decides.
run grade 1 5.2 good --as yi
expect_rc 77 "a young inspector may not grade"
expect_err "cairn grade: you are a young inspector on this inspection and may not grade indicators and record findings" "the reason in plain words names the role"
expect_err ": only an inspection lead, a depute inspection lead or an inspector may" "and who may"
! grep -qF -e "young-inspector" -e "(" "$T/err"; ok $? "no role code and no parenthesis in the refusal"
one_line_err "one line"
run grade 1 5.2 good --as stranger
expect_rc 77 "someone not on the team may not grade"
expect_err "cairn grade: you are not on the team of inspection 1" "says so"
run inspection show 1 --as stranger
expect_rc 77 "nobody sees an inspection they are not part of"
run inspection show 1 --as cora
expect_rc 77 "the co-ordinator does not see the evaluations"
run team add 1 x --role inspector --as yi
expect_rc 77 "a young inspector may not manage the team"
run inspection create --partnership X --framework cyp-2014 --as "Ann Lead"
expect_rc 77 "creating an inspection needs the administrator"
run grade 1 5.2 good --as "Ann Lead"
expect_rc 0 "the lead grades"
run inspection show 1 --as yi
expect_rc 0 "a young inspector sees the evaluations"

# The audit log names who acted, and the local administrator otherwise.
[ "$(audit "SELECT actor FROM audit WHERE action='grade.set'")" = "Ann Lead" ]
ok $? "the grade is recorded as the lead's"
[ "$(audit "SELECT actor FROM audit WHERE action='team.add' AND subject='yi'")" = "admin (local)" ]
ok $? "without --as the audit log records the local administrator"
[ "$(audit "SELECT count(*) FROM audit WHERE action='grade.set'")" = 1 ]
ok $? "refused grades left no trace"

run inspection create --partnership Elsewhere --framework cyp-2014
run inspection list --as "Ann Lead" --json
[ "$(json '[i["id"] for i in j]')" = "[1]" ]; ok $? "a person lists only the inspections they are part of"
run inspection list --as stranger --json
[ "$(json 'len(j)')" = 0 ]; ok $? "someone on no team lists none"
run inspection list --json
[ "$(json 'len(j)')" = 2 ]; ok $? "the local administrator lists all"

run team remove 1 yi; expect_rc 0 "remove"
run team remove 1 yi; expect_rc 65 "removing someone not on the team is refused"
run grade 1 5.2 good --as yi; expect_rc 77 "a removed member may do nothing"
[ "$(audit "SELECT detail FROM audit WHERE action='team.remove'")" = "young-inspector" ]
ok $? "the removal is audited with the role held"
# Appointments: a lead or depute is appointed or removed by the lead or an
# administrator; a depute appoints the other roles; the lead is never the last
# one removed.  The same rules for the command line as for the web.
run team add 1 dee --role depute --as "Ann Lead"; expect_rc 0 "the lead appoints a depute"
run team add 1 newlead --role lead --as dee
expect_rc 77 "a depute may not appoint a lead"
expect_err "you are a depute inspection lead on this inspection and may not appoint an inspection lead: only an inspection lead or an administrator may (--role)" "says who may, at the role's flag"
one_line_err "one line"
run publish 1 --as newlead
expect_rc 77 "the refused lead is on no team and publishes nothing"
run team add 1 dee2 --role depute --as dee
expect_rc 77 "a depute may not appoint a depute"
run team add 1 ivy --role inspector --as dee; expect_rc 0 "a depute appoints an inspector"
run team remove 1 ivy --as dee; expect_rc 0 "a depute removes an inspector"
run team remove 1 "Ann Lead" --as dee
expect_rc 77 "a depute may not remove the lead"
expect_err "you are a depute inspection lead on this inspection and may not remove an inspection lead: only an inspection lead or an administrator may" "says so, and who may"
run team remove 1 "Ann Lead"
expect_rc 65 "nobody removes the last lead, not even the administrator"
expect_err "always has a lead" "says why"
one_line_err "one line"
run team remove 1 "Ann Lead" --as "Ann Lead"
expect_rc 65 "the last lead does not remove themselves either"
run team add 1 lena --role lead --as "Ann Lead"; expect_rc 0 "the lead appoints a second lead"
run team remove 1 "Ann Lead" --as lena; expect_rc 0 "with another lead, a lead may go"
run team remove 1 lena --as lena
expect_rc 65 "the remaining lead is the last one again"
run team list 1 --json
[ "$(json '[m["person"] for m in j if m["role"] == "lead"]')" = "['lena']" ]
ok $? "refusals changed nothing: one lead"
run team --help; expect_rc 0 "team --help"
done_testing

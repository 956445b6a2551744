# The evidence log: sources, statuses and their rules, QI links checked
# against the framework, young inspectors' evidence, files stored once by
# SHA-256, and the history of every change.
. "$LIB"

run init; expect_rc 0 "init"
run inspection create --partnership Glenmoor --framework cyp-2014 --notified 2026-01-12
run team add 1 lee --role lead
run team add 1 ian --role inspector
run team add 1 yi --role young-inspector
run team add 1 cora --role partnership-coordinator

run evidence add 1 --source interview --text "Staff knew the children well" --qi 2.1,5.2 \
	--status uncertainty --participants "Six social workers" --date 2026-03-03 --as ian
expect_rc 0 "an inspector adds evidence"
[ "$(cat "$T/out")" = 1 ]; ok $? "numbered 1"

printf 'Notes from the focus group\n' >"$T/notes.txt"
# The SHA-256 of that file, computed independently of cairn.
SHA=$(python3 -c "import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],'rb').read()).hexdigest())" "$T/notes.txt")
run evidence add 1 --source focus-group --text "Young people felt listened to" --qi 2.1 \
	--status strength --as yi --file "$T/notes.txt" --json
expect_rc 0 "a young inspector adds evidence with a file"
[ "$(json 'j["sha256"]')" = "$SHA" ]; ok $? "the file's SHA-256 is shown"
[ -f "$CAIRN_DB.files/$SHA" ]; ok $? "the file is stored under its hash beside the database"
cmp -s "$T/notes.txt" "$CAIRN_DB.files/$SHA"; ok $? "with the same bytes"
cp "$T/notes.txt" "$T/copy of notes.txt"
run evidence add 1 --source document --text "Same file again" --file "$T/copy of notes.txt" --by lee
expect_rc 0 "the same file attached again"
[ "$(ls "$CAIRN_DB.files" | wc -l)" = 1 ]; ok $? "is stored once"
run evidence list 1 --json
[ "$(json '[e["file"]["name"] for e in j if e["number"]==3][0]')" = "copy of notes.txt" ]
ok $? "the original name is kept as metadata"
[ "$(json '[e["young_inspector"] for e in j if e["number"]==2][0]')" = True ]
ok $? "young inspectors' evidence is marked as theirs"
[ "$(json '[e["young_inspector"] for e in j if e["number"]==1][0]')" = False ]
ok $? "and others' is not"
[ "$(json '[e["recorded_by"] for e in j if e["number"]==3][0]')" = lee ]; ok $? "--by records who gathered it"
[ "$(json '[e["participants"] for e in j if e["number"]==1][0]')" = "Six social workers" ]
ok $? "participants kept"
[ "$(json '[e["date"] for e in j if e["number"]==1][0]')" = 2026-03-03 ]; ok $? "date kept"

# Bad input: each refused with one line, nothing changes.
run evidence add 1 --source gossip --text x
expect_rc 65 "unknown source"; expect_err "valid: position-statement, document, interview" "lists sources"
one_line_err "one line"
run evidence add 1 --source data --text x --qi 2.1,99.9
expect_rc 65 "a QI not in the framework"; expect_err "unknown quality indicator '99.9' for framework cyp-2014" "names it"
run evidence add 1 --source data --text x --qi 2.1,2.1
expect_rc 65 "a QI listed twice"
run evidence add 1 --source data --text x --status settled
expect_rc 65 "unknown status"
run evidence add 1 --source data --text x --file "$T/absent.pdf"
expect_rc 66 "a file that cannot be read"; expect_err "cannot open" "says so"
run evidence add 1 --source data --text x --by ghost
expect_rc 65 "an unknown person"; expect_err "ghost is not on the team of inspection 1" "says so"
run evidence add 1 --source data --text x --date 2026-02-30
expect_rc 65 "a bad date"
run evidence add 1 --source data
expect_rc 64 "--text is required"
run evidence add 1 --source data --text "   "
expect_rc 65 "blank text"
run evidence add 1 --source data --text x --as cora
expect_rc 77 "the co-ordinator may not add evidence"
run evidence add 1 --source data --text x --by lee --as yi
expect_rc 77 "a young inspector may not record evidence for someone else"
run evidence list 1 --json
[ "$(json 'len(j)')" = 3 ]; ok $? "refusals added nothing"

# Updates and the status rules.
run evidence update 1 1 --status strength --as yi
expect_rc 77 "a young inspector may not change others' evidence"
expect_err "you are a young inspector on this inspection and may change only the evidence you recorded: evidence 1 was recorded by ian" "says why, and who recorded it"
run evidence update 1 2 --text "Young people said staff listened" --as yi
expect_rc 0 "a young inspector changes their own"
run evidence update 1 2 --status improvement
expect_rc 65 "a strength cannot become an improvement directly"
expect_err "reopen it as an uncertainty first" "says how"
run evidence update 1 3 --status improvement
expect_rc 65 "no concern cannot jump to an area for improvement"
run evidence update 1 1 --status improvement --text "Staff knew children well; plans lagged" --as ian
expect_rc 0 "an uncertainty is resolved into an area for improvement"
run evidence update 1 1 --status improvement
expect_rc 64 "nothing to change"
run evidence update 1 9 --status strength
expect_rc 65 "no such evidence"
run evidence update 1 1 --qi 77.7
expect_rc 65 "an update to a QI not in the framework"

run evidence show 1 1 --json
expect_rc 0 "show with history"
[ "$(json 'len(j["history"])')" = 3 ]; ok $? "created, status and text are in the history"
[ "$(json '[h["old"]+">"+h["new"] for h in j["history"] if h["field"]=="status"][0]')" = "uncertainty>improvement" ]
ok $? "old -> new status"
[ "$(json '[h["by"] for h in j["history"] if h["field"]=="status"][0]')" = ian ]; ok $? "and who"

run evidence add 1 --source records-reading --text "Chronologies weak" --qi 5.2 --status uncertainty
run evidence add 1 --source data --text "Unclear trend" --status uncertainty
run evidence open 1 --json
expect_rc 0 "open uncertainties"
[ "$(json 'j["5.2"]')" = "[4]" ]; ok $? "listed per QI"
[ "$(json 'j["none"]')" = "[5]" ]; ok $? "with evidence not linked to a QI apart"
run evidence list 1 --qi 5.2 --status improvement --json
[ "$(json '[e["number"] for e in j]')" = "[1]" ]; ok $? "list filters by QI and status"
run evidence list 1 --qi 12.9
expect_rc 65 "list refuses an unknown QI"
run evidence list 1 --as cora
expect_rc 77 "the co-ordinator does not see the evidence log"
done_testing

# The partnership's side from the command line (cairn partnership ...): the
# notification made from the pack's template and frozen with its hash, the
# co-ordinators, the blank pre-inspection return (XLSX) and its return as
# CSV per sheet or as the filled XLSX workbook (all or nothing, sheet/line/column, identifiers refused and
# the audited override), the position statement's word limit, supporting
# documents and their versions, claims, and the inspectors' tests.
. "$LIB"
run init
run inspection create --partnership Testshire --framework at-risk-2021 --notified 2026-01-05 \
	--fieldwork 2026-03-02..2026-03-06
ID=$(cat "$T/out")
for p in "ann lead" "ian inspector" "col partnership-coordinator" "pam panel"; do
	set -- $p
	run team add "$ID" "$1" --role "$2"
done

# The notification: the programme's recipients, the inspection's data.
run partnership notify "$ID" --council "Testshire Council" --date 2026-01-05
expect_rc 64 "the NHS board's name is required"
expect_err "(--health-board)" "the flag is named"
run partnership notify "$ID" --council "Testshire Council" --health-board "NHS Testshire" \
	--date 2026-01-05 --as col
expect_rc 77 "the co-ordinator does not send the notification"
run partnership notify "$ID" --council "Testshire Council" --health-board "NHS Testshire" \
	--date 2026-01-05
expect_rc 0 "the lead generates the notification"
expect_out "notification 1 stored" "it is notification 1"
run partnership letter "$ID" 1 --as col
expect_rc 0 "the co-ordinator reads the letter"
for r in "The Chair, Testshire Community Planning Partnership" "The Chief Executive, Testshire Council" \
	"The Chief Executive, NHS Testshire" "The Chief Constable, Police Scotland" \
	"The Principal Reporter and Chief Executive, Scottish Children's Reporter Administration"; do
	expect_out "- $r" "recipient: $r"
done
expect_out "5 January 2026" "dated"
expect_out "The inspection lead is ann." "it names the lead from the team"
expect_out "that the Care Inspectorate, Healthcare Improvement Scotland, Education Scotland and His Majesty's Inspectorate of Constabulary in Scotland will carry out" \
	"the programme's inspectorates, as the pack names them"
expect_out "no more than 5,000 words" "the at-risk-2021 wording"
expect_out "2 March 2026 to 6 March 2026" "the fieldwork dates from the inspection"
# The due dates are the timeline's: records reading is week 8 (2026-02-23), the
# position statement week 10 (2026-03-09) from notification on 2026-01-05.
expect_out "return by 23 February 2026" "the return's due date from the timeline"
expect_out "by 9 March 2026" "the statement's due date from the timeline"
cp "$T/out" "$T/letter.md"
SUM=$(sha256sum "$T/letter.md" | cut -c1-64)
run partnership show "$ID" --json
[ "$(json "j['notifications'][0]['sha256']")" = "$SUM" ]
ok $? "the stored hash is the SHA-256 of the frozen text"
[ "$(sqlite3 "$CAIRN_DB" "SELECT body FROM notification WHERE number = 1")" = "$(cat "$T/letter.md")" ]
ok $? "the frozen text is stored"
run partnership letter "$ID" 1 --format pdf --output "$T/letter.pdf"
expect_rc 0 "the PDF"
head -c 5 "$T/letter.pdf" | grep -q "%PDF-"
ok $? "it is a PDF"
run partnership letter "$ID" 1 --format html
expect_out "<li>The Chief Constable, Police Scotland</li>" "the HTML lists the recipients"
run partnership letter "$ID" 2
expect_rc 65 "no notification 2"
sqlite3 "$CAIRN_DB" "SELECT action FROM audit" | grep -q "partnership.notify"
ok $? "the notification is audited"
# A care-protection-2018 inspection gets its own programme's wording.
run inspection create --partnership Otherton --framework care-protection-2018 --notified 2026-01-05
ID2=$(cat "$T/out")
run team add "$ID2" ann --role lead
run partnership notify "$ID2" --council "Otherton Council" --health-board "NHS Otherton" --date 2026-01-05
run partnership letter "$ID2" 1
expect_out "in need of care and protection" "the 2018 programme's letter"
expect_out "at most 30 pages" "its self-evaluation limit"

# The co-ordinators.
run partnership contact "$ID" --kind inspection-coordinator --name "Rhona Reid" --job "Head of children's services"
expect_rc 0 "the inspection co-ordinator recorded"
run partnership contact "$ID" --kind participation-coordinator --name "Sam Lee"
run partnership contact "$ID" --kind chair --name x
expect_rc 65 "an unknown co-ordinator is refused"
run partnership show "$ID" --json
[ "$(json "j['contacts']['inspection-coordinator']['name']")" = "Rhona Reid" ] &&
	[ "$(json "j['contacts']['participation-coordinator']['name']")" = "Sam Lee" ]
ok $? "both co-ordinators shown"
[ "$(json "j['return']['due']")" = "2026-02-23" ]
ok $? "the return is due at the start of week 8"

# The blank return.
run partnership return-form "$ID" --output "$T/return.xlsx" --as col
expect_rc 0 "the co-ordinator downloads the blank return"
python3 - "$T/return.xlsx" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
wb = z.read('xl/workbook.xml').decode()
names = re.findall(r'<sheet name="([^"]+)"', wb)
assert names == ['About', 'children', 'services', 'documents'], names
strings = re.findall(r'<t[^>]*>([^<]*)</t>', z.read('xl/sharedStrings.xml').decode())
for h in ['category', 'number', 'census_date', 'service', 'posts', 'vacancies']:
    assert h in strings, h
PY
ok $? "one sheet per sheet of the layout, the column names in the first row"

# A return with problems stores nothing and lists each with sheet, line, column.
printf 'category,number,census_date,child_name\nOn the child protection register,42,2026-01-31,Ann\n' >"$T/children.csv"
printf 'service,agency,posts,vacancies,commissioned\nSocial work,Council,12.5,1,no\nHealth visiting,NHS,abc,,maybe\nDuty team,Council,3,,yes\n' >"$T/services.csv"
run partnership return "$ID" "children=$T/children.csv" "services=$T/services.csv" --as col
expect_rc 65 "a return with problems is refused"
expect_err "Sheet children, line 1, column 4: column 'child_name' looks like a personal identifier (name)" \
	"the identifier column with its sheet, line and column"
expect_err "Sheet services, line 3, column 3: 'abc' in column 'posts' is not a number" "a bad number"
expect_err "Sheet services, line 3, column 5: 'maybe' in column 'commissioned' is not yes or no" "a bad yes/no"
[ "$(sqlite3 "$CAIRN_DB" "SELECT count(*) FROM preret_return")" = 0 ]
ok $? "nothing was stored"
printf 'service,agency,posts\nSocial work,Council,12\nFamily support,07700 900123,2\n' >"$T/services2.csv"
printf 'category,number,census_date\nOn the child protection register,42,2026-01-31\n' >"$T/children2.csv"
run partnership return "$ID" "children=$T/children2.csv" "services=$T/services2.csv" --as col
expect_err "Sheet services, line 3, column 2: this value in column 'agency' looks like a personal identifier (phone number)" \
	"a phone number in a text cell"
run partnership return "$ID" "services=$T/services2.csv" --as col
expect_err "the required sheet 'children'" "a required sheet missing"
run partnership return "$ID" "children=$T/children2.csv" "staff=$T/services2.csv" --as col
expect_err "there is no sheet 'staff'" "an unknown sheet"
run partnership return "$ID" "children=$T/children2.csv" "services=$T/services.csv" --as pam
expect_rc 77 "the panel does not return it"
# The clean return.
printf 'service,agency,posts,vacancies,commissioned\nSocial work,Council,12.5,1,no\nHealth visiting,NHS,30,,yes\n' >"$T/services3.csv"
run partnership return "$ID" "children=$T/children2.csv" "services=$T/services3.csv" --as col
expect_rc 0 "a clean return is stored"
expect_out "pre-inspection return 1 stored, 3 rows" "version 1 with its rows"
[ "$(sqlite3 "$CAIRN_DB" "SELECT body FROM preret_sheet WHERE sheet = 'services'")" = \
	'[["Social work","Council","12.5","1","no"],["Health visiting","NHS","30","","yes"]]' ]
ok $? "the rows stored in the layout's column order"
# The override, audited.
run partnership return "$ID" "children=$T/children2.csv" "services=$T/services2.csv" --as col \
	--allow-column agency
expect_rc 0 "an allowed column is kept"
sqlite3 "$CAIRN_DB" "SELECT detail FROM audit WHERE action = 'partnership.return'" | grep -q "allowed although identifier-like: 'agency' (phone number)"
ok $? "the override is in the audit log"

# The filled workbook itself (XLSX, recognised by its zip signature): the
# blank return filled as a spreadsheet saves it, the same checks.
FILL="python3 $SRCDIR/tests/e2e/xlsxfill.py"
$FILL fill "$T/return.xlsx" "$T/chi.xlsx" \
	'{"children":[["On the child protection register",42,"2026-01-31"],["0101011237",3,"2026-01-31"]],"services":[["Social work","Council",12.5,1,false]]}'
NRET=$(sqlite3 "$CAIRN_DB" "SELECT count(*) FROM preret_return")
run partnership return "$ID" "$T/chi.xlsx" --as col
expect_rc 65 "a workbook with a CHI number is refused"
expect_err "Sheet 'children', row 3, column A: this value in column 'category' looks like a personal identifier (CHI number)" \
	"the CHI number with its sheet, row and column"
[ "$(sqlite3 "$CAIRN_DB" "SELECT count(*) FROM preret_return")" = "$NRET" ]
ok $? "nothing was stored"
$FILL fill "$T/return.xlsx" "$T/clean.xlsx" \
	'{"children":[["On the child protection register",42,"2026-01-31"]],"services":[["Social work","Council",{"f":"10+2.5","v":12.5},1,false],["Health visiting","NHS",30,null,true]]}'
cp "$T/clean.xlsx" "$T/clean.csv"
run partnership return "$ID" "$T/clean.csv" --as col
expect_rc 0 "a clean workbook is stored, whatever its name"
expect_out "stored, 3 rows" "its rows"
[ "$(sqlite3 "$CAIRN_DB" "SELECT body FROM preret_sheet WHERE sheet = 'services' ORDER BY rowid DESC LIMIT 1")" = \
	'[["Social work","Council","12.5","1","no"],["Health visiting","NHS","30","","yes"]]' ]
ok $? "the workbook's rows stored as the CSV's: a formula's saved value, booleans as yes/no"
# Hostile workbooks: each refused with a plain message, nothing stored.
NRET=$(sqlite3 "$CAIRN_DB" "SELECT count(*) FROM preret_return")
$FILL bomb "$T/bomb.xlsx"
run partnership return "$ID" "$T/bomb.xlsx" --as col
expect_err "uncompresses to more than 50 MB" "a zip bomb"
$FILL entities "$T/return.xlsx" "$T/ent.xlsx"
run partnership return "$ID" "$T/ent.xlsx" --as col
expect_err "declares a DOCTYPE" "entity expansion"
$FILL absurd "$T/return.xlsx" "$T/abs.xlsx"
run partnership return "$ID" "$T/abs.xlsx" --as col
expect_err "Sheet 'children', row 2: the cell reference 'XFD1048577' is not one a spreadsheet can have" "an absurd reference"
$FILL nowb "$T/return.xlsx" "$T/nowb.xlsx"
run partnership return "$ID" "$T/nowb.xlsx" --as col
expect_err "not an XLSX spreadsheet (it has no xl/workbook.xml)" "a missing part"
printf 'PK\003\004garbage' >"$T/notzip.xlsx"
run partnership return "$ID" "$T/notzip.xlsx" --as col
expect_err "its zip archive is damaged" "not a zip"
[ "$(sqlite3 "$CAIRN_DB" "SELECT count(*) FROM preret_return")" = "$NRET" ]
ok $? "no hostile workbook stored anything"

# The position statement: 5,000 words at most for at-risk-2021.
python3 -c "print(' '.join(['word'] * 4995))" >"$T/s1.txt"
python3 -c "print('Our partners meet weekly - and we act together.')" >"$T/s2.txt"
run partnership statement "$ID" "S1=$T/s1.txt" "S2=$T/s2.txt" --as col
expect_rc 65 "a statement over the limit is refused"
expect_err "has 5003 words" "with its count (4995 + 8 words; the dash is no word)"
expect_err "limit of 5000 words, so it is 3 words over" "and by how much"
python3 -c "print(' '.join(['word'] * 4900))" >"$T/s1.txt"
run partnership statement "$ID" "S1=$T/s1.txt" "S2=$T/s2.txt" --as col
expect_rc 0 "within the limit"
expect_out "position statement 1 stored, 4908 words" "its count"
run partnership statement "$ID" "S7=$T/s2.txt" --as col
expect_rc 65 "an unknown section"
# Documents and their versions.
printf 'IRD audit, version 1\n' >"$T/ird.txt"
run partnership document "$ID" --file "$T/ird.txt" --title "IRD audit 2025" --as col
expect_out "document 1 version 1 stored" "a document"
printf 'IRD audit, version 2\n' >"$T/ird.txt"
run partnership document "$ID" --file "$T/ird.txt" --document 1 --as col
expect_out "document 1 version 2 stored" "a new version"
[ "$(sqlite3 "$CAIRN_DB" "SELECT count(*) FROM partnership_document_version")" = 2 ]
ok $? "both versions kept"
# Claims cite documents; their words count towards the limit.
run partnership claim "$ID" --section S1 --text "Every inter-agency referral discussion is held within 24 hours" \
	--documents 1 --as col
expect_out "claim 1 added" "a claim citing document 1"
run partnership claim "$ID" --section S1 --text "x" --documents 9 --as col
expect_err "there is no supporting document 9" "an unknown document"
python3 -c "print(' '.join(['word'] * 95))" >"$T/long.txt"
run partnership claim "$ID" --section S2 --text "$(cat "$T/long.txt")" --as col
expect_rc 65 "a claim taking the statement over the limit is refused"
expect_err "5012 words" "with the count (4908 + 9 + 95)"
# Inspectors test claims.
run evidence add "$ID" --source records-reading --text "Most IRDs within a day; two took three days" \
	--qi 2.1 --status strength --as ian
run partnership test "$ID" 1 --qi 2.1 --verdict qualified --evidence 1 --note "most, not all" --as ian
expect_rc 0 "an inspector tests a claim"
run partnership test "$ID" 1 --qi 2.1 --verdict confirmed --as col
expect_rc 77 "the co-ordinator does not"
run partnership test "$ID" 1 --qi 2.1 --verdict fine --evidence 1 --as ian
expect_rc 65 "an unknown verdict"
run partnership test "$ID" 1 --qi 2.1 --verdict confirmed --as ian
expect_rc 64 "a verdict needs evidence or a note"
run partnership show "$ID" --json
[ "$(json "j['claims'][0]['tests'][0]['verdict']")" = qualified ] &&
	[ "$(json "j['claims'][0]['documents']")" = "[1]" ]
ok $? "the claim shows its test and documents"

# A pack's partnership files are validated with the pack.
cp -r "$SRCDIR/data/models/at-risk-2021" "$T/pack"
sed -i 's/"type": "integer"/"type": "money"/' "$T/pack/return.json"
run model validate "$T/pack"
expect_rc 65 "a pack whose return has an unknown column type is refused"
expect_err "return.json: field sheets[0].columns[1].type" "naming the file and field"
cp "$SRCDIR/data/models/at-risk-2021/return.json" "$T/pack/return.json"
sed -i 's/{lead}/{leader}/' "$T/pack/notification.json"
run model validate "$T/pack"
expect_err "notification.json: field paragraphs[2]: unknown placeholder at '{leader}" \
	"an unknown placeholder in the letter"
done_testing

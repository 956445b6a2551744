#!/bin/sh
# cairn purge ID --child-level: retention of child-level data after publication.
# The demo inspection with its working data (population, sample, readers,
# readings), plus a note on an answer, a matter of concern and an evidence
# attachment; refused before publication and before the retention period
# ends; afterwards every child reference and note is gone from the database
# (the audit log included: its child-level text is removed), the attachment is deleted from disk,
# the published report, the reading summary and agreement are unchanged,
# and the audit chain verifies.
. "$LIB"
SQL() { sqlite3 -cmd ".timeout 5000" "$CAIRN_DB" "$1" 2>&1; }

run demo --out "$T/out-demo"
expect_rc 0 "demo inspection built"
python3 "$SRCDIR/scripts/demo_data.py" "$CAIRN" "$CAIRN_DB" "$T/out-demo" >/dev/null 2>&1
ok $? "demo working data: population, sample, readers, readings"
REF=$(SQL "SELECT m.ref FROM reading r JOIN sample_member m ON m.id = r.member_id WHERE r.status = 'submitted' ORDER BY m.ref LIMIT 1")
READER=$(SQL "SELECT d.name FROM reading r JOIN sample_member m ON m.id = r.member_id JOIN reader d ON d.id = r.reader_id WHERE m.ref = '$REF' ORDER BY r.id LIMIT 1")
ITEM=$(SQL "SELECT a.item_code FROM reading_answer a JOIN reading r ON r.id = a.reading_id JOIN sample_member m ON m.id = r.member_id WHERE m.ref = '$REF' ORDER BY a.item_code LIMIT 1")
ANS=$(SQL "SELECT a.answer FROM reading_answer a JOIN reading r ON r.id = a.reading_id JOIN sample_member m ON m.id = r.member_id WHERE m.ref = '$REF' AND a.item_code = '$ITEM' LIMIT 1")
run reading add 1 "$REF" "$READER" "$ITEM" "$ANS" --note "Note about child NOTE-SECRET-1" --reason "add a note"
expect_rc 0 "a note on a submitted answer ($REF, $ITEM)"
run concern raise 1 "$REF" --text "Concern CONCERN-SECRET-2 about this child"
expect_rc 0 "a matter of concern raised"
printf 'attachment ATTACH-SECRET-3\n' >"$T/case-notes.txt"
run evidence add 1 --source records-reading --text "Chronologies incomplete" --qi 2.1 --file "$T/case-notes.txt" --json
expect_rc 0 "evidence with an attached file"
SHA=$(json "j['file']['sha256'] if isinstance(j.get('file'), dict) else j.get('sha256', j.get('file_sha256', ''))")
[ -n "$SHA" ] && [ -f "$CAIRN_DB.files/$SHA" ]
ok $? "the attachment is stored beside the database ($SHA)"
WNUM=$(json 'j["number"]')
run evidence add 1 --source records-reading --text "Case file checked twice" --qi 2.1
WNUM=$(cat "$T/out")
run evidence withdraw 1 "$WNUM" --reason "Counted twice: child WITHDRAW-SECRET-4"
expect_rc 0 "evidence withdrawn with a reason naming a child"
NPOP=$(SQL "SELECT SUM(nrows) FROM population_block WHERE inspection_id = 1")
NMEM=$(SQL "SELECT COUNT(*) FROM sample_member WHERE inspection_id = 1")
REFS=$(SQL "SELECT ref FROM sample_member WHERE inspection_id = 1")
[ "$(SQL "SELECT COUNT(*) FROM population_code WHERE inspection_id = 1")" -gt 0 ]
ok $? "the population has its value codes (one per child per column)"

run reading summary 1 --json; cp "$T/out" "$T/summary-before"
run agreement 1 --json; cp "$T/out" "$T/agreement-before"

run purge 1 --child-level --yes
expect_rc 65 "purge refused: not published"
expect_err "has not been published" "the refusal says why"
one_line_err "one-line error"
[ "$(SQL "SELECT COUNT(*) FROM population_block WHERE inspection_id = 1")" -gt 0 ]
ok $? "nothing removed"
run purge 1
expect_rc 64 "purge without --child-level is a usage error"

signoff 1; ok $? "the panel signs off"
run publish 1
expect_rc 0 "published"
PUBDATE=$(SQL "SELECT substr(published_at, 1, 10) FROM publication WHERE inspection_id = 1 AND version = 1")
PUBSUM=$(SQL "SELECT group_concat(name || ':' || sha256, ',') FROM (SELECT name, sha256 FROM publication_file ORDER BY name)")

run purge 1 --child-level --yes
expect_rc 65 "purge refused within the retention period"
expect_err "must be kept until" "the refusal names the date it ends"
[ "$(SQL "SELECT COUNT(*) FROM population_block WHERE inspection_id = 1")" -gt 0 ]
ok $? "nothing removed"

run purge 1 --child-level --yes --as "Isla Inspector"
expect_rc 77 "an inspector may not purge (only the lead, or the local administrator)"

run purge retention 1 --days 30 --json
expect_rc 0 "retention period of inspection 1 set to 30 days"
[ "$(json "j['retention_days']")" = 30 ]
ok $? "and shown back"
run purge retention --days -1
expect_rc 64 "a negative period is refused"

# A day before the end of the period: still refused; on the day: allowed.
DUE=$(python3 -c "import datetime,sys; d=datetime.date.fromisoformat(sys.argv[1]); print(d + datetime.timedelta(days=30))" "$PUBDATE")
EVE=$(python3 -c "import datetime,sys; d=datetime.date.fromisoformat(sys.argv[1]); print(d + datetime.timedelta(days=29))" "$PUBDATE")
CAIRN_TODAY=$EVE run purge 1 --child-level --yes
expect_rc 65 "refused on the last day of the period ($EVE)"
CAIRN_TODAY=$DUE run purge 1 --child-level --json
expect_rc 0 "without --yes: shows what would go ($DUE)"
[ "$(json "j['removed']['population_rows']")" = "$NPOP" ] && [ "$(json "j['purged']")" = False ]
ok $? "would remove $NPOP population rows, nothing purged"
[ "$(SQL "SELECT COUNT(*) FROM population_block WHERE inspection_id = 1")" -gt 0 ]
ok $? "the dry run removed nothing"

CAIRN_TODAY=$DUE run purge 1 --child-level --yes --json
expect_rc 0 "purged once the period is over"
[ "$(json "j['removed']['population_rows']")" = "$NPOP" ] &&
	[ "$(json "j['removed']['sample_references']")" = "$NMEM" ] &&
	[ "$(json "j['removed']['attachments']")" = 1 ] && [ "$(json "j['files_deleted']")" = 1 ]
ok $? "removed $NPOP population rows, $NMEM references, the attachment"

[ "$(SQL "SELECT COUNT(*) FROM population_block WHERE inspection_id = 1")" = 0 ] &&
	[ "$(SQL "SELECT nrows FROM population WHERE inspection_id = 1")" = "$NPOP" ]
ok $? "population rows gone, its size kept"
[ "$(SQL "SELECT COUNT(*) FROM population_cell WHERE inspection_id = 1")" = 0 ] &&
	[ "$(SQL "SELECT COUNT(*) FROM population_code WHERE inspection_id = 1")" = 0 ]
ok $? "its stratum index and its children's value codes gone too"
[ "$(SQL "SELECT COUNT(*) FROM sample_member WHERE inspection_id = 1 AND ref NOT LIKE 'purged-%'")" = 0 ] &&
	[ "$(SQL "SELECT COUNT(*) FROM sample_member WHERE inspection_id = 1")" = "$NMEM" ]
ok $? "every sample member kept, its reference replaced"
sqlite3 "$CAIRN_DB" ".dump" >"$T/dump"
found=0
for r in $REFS; do grep -q "'$r'" "$T/dump" && { found=1; echo "# $r still in the database"; break; }; done
for s in NOTE-SECRET-1 CONCERN-SECRET-2 case-notes.txt WITHDRAW-SECRET-4; do
	grep -q "$s" "$T/dump" && { found=1; echo "# $s still in the database"; }
done
ok $found "no child reference, note, concern text, file name or withdrawal reason left (the audit log included)"
[ "$(SQL "SELECT withdrawn_reason FROM evidence WHERE inspection_id = 1 AND number = $WNUM")" = purged ] &&
	[ -n "$(SQL "SELECT withdrawn_at FROM evidence WHERE inspection_id = 1 AND number = $WNUM")" ]
ok $? "the withdrawn item stays withdrawn, its reason replaced"
[ ! -f "$CAIRN_DB.files/$SHA" ]
ok $? "the attachment file is deleted from disk"
[ "$(SQL "SELECT COUNT(*) FROM evidence WHERE text = 'Chronologies incomplete' AND file_sha256 IS NULL")" = 1 ]
ok $? "the evidence item stays, without its file"

run reading summary 1 --json
cmp -s "$T/out" "$T/summary-before"
ok $? "reading summary unchanged"
run agreement 1 --json
cmp -s "$T/out" "$T/agreement-before"
ok $? "agreement unchanged"
[ "$(SQL "SELECT group_concat(name || ':' || sha256, ',') FROM (SELECT name, sha256 FROM publication_file ORDER BY name)")" = "$PUBSUM" ]
ok $? "published report files unchanged"
run inspection show 1 --json
[ "$(json "len([e for e in j['evaluations'] if e.get('grade')])")" -gt 0 ]
ok $? "grades kept"

run audit list --json
expect_out "purge.child-level" "the purge is in the audit log"
run audit verify
expect_rc 0 "audit chain verifies after the purge"
[ "$(SQL "PRAGMA integrity_check")" = ok ]
ok $? "integrity_check ok"
CAIRN_TODAY=$DUE run purge 1 --child-level --yes
expect_rc 65 "a second purge is refused"
expect_err "already purged" "naming when it was done"
done_testing

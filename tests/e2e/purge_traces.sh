#!/bin/sh
# Issue 18, "Retention and purge: nothing of a child survives it".  Child-
# level text goes into every place Cairn keeps it: a note on an answer, a
# resolution note, a concern and its closing note, a replacement reason, a
# children's survey (respondent ids, an identifier-like attribute, a free-
# text comment).  With the server running, the inspection is published and
# purged; then not one of those strings, nor the concern's child reference,
# is left anywhere: not in the SQL dump (the audit log included), not in the
# bytes of the database file, its free pages or its WAL.  The audit chain
# still verifies, the child-level entries are kept with their text removed,
# and the purge is itself an entry.
. "$LIB"
SQL() { sqlite3 -cmd ".timeout 5000" "$CAIRN_DB" "$1" 2>&1; }

run demo --out "$T/out-demo"
expect_rc 0 "demo inspection built"
python3 "$SRCDIR/scripts/demo_data.py" "$CAIRN" "$CAIRN_DB" "$T/out-demo" >/dev/null 2>&1
ok $? "demo working data: population, sample, readers, readings"

# A note on a submitted answer.
REF=$(SQL "SELECT m.ref FROM reading r JOIN sample_member m ON m.id = r.member_id WHERE r.status = 'submitted' ORDER BY m.ref LIMIT 1")
READER=$(SQL "SELECT d.name FROM reading r JOIN sample_member m ON m.id = r.member_id JOIN reader d ON d.id = r.reader_id WHERE m.ref = '$REF' ORDER BY r.id LIMIT 1")
ITEM=$(SQL "SELECT a.item_code FROM reading_answer a JOIN reading r ON r.id = a.reading_id JOIN sample_member m ON m.id = r.member_id WHERE m.ref = '$REF' ORDER BY a.item_code LIMIT 1")
ANS=$(SQL "SELECT a.answer FROM reading_answer a JOIN reading r ON r.id = a.reading_id JOIN sample_member m ON m.id = r.member_id WHERE m.ref = '$REF' AND a.item_code = '$ITEM' LIMIT 1")
run reading add 1 "$REF" "$READER" "$ITEM" "$ANS" --note "NOTE-SECRET-1 about the child" --reason "CHANGE-SECRET-2"
expect_rc 0 "a note on an answer ($REF, $ITEM)"
# A correction of the submitted reading by the local administrator, for the
# lead (issue 17), with a child-level reason.
NEWANS=$([ "$ANS" = 2 ] && echo 3 || echo 2)
run reading correct 1 "$REF" "$READER" "$ITEM=$NEWANS" --reason "CORRECT-SECRET-11 after moderation"
expect_rc 0 "a submitted reading corrected with a reason"
# A resolution note on a double-read difference.
run reading compare 1 --json
set -- $(json "' '.join([j['items'][0]['ref'], j['items'][0]['item'], j['items'][0]['first']['answer']])")
run reading resolve 1 "$1" "$2" "$3" --note "RESOLVE-SECRET-3"
expect_rc 0 "a difference resolved with a note ($1, $2)"
# A concern about a child, and its closing note.
RREF=$(SQL "SELECT m.ref FROM sample_member m WHERE m.inspection_id = 1 AND m.status = 'selected' AND m.ref <> '$REF' ORDER BY m.ref DESC LIMIT 1")
run concern raise 1 "$REF" --text "CONCERN-SECRET-4 about this child" --json
expect_rc 0 "a matter of concern raised"
CID=$(SQL "SELECT id FROM concern ORDER BY id DESC LIMIT 1")
# Every step of the procedure (issue 21) with its own child-level text.
run concern decide 1 "$CID" --escalate yes --reasons "DECIDE-SECRET-12 risk at home"
expect_rc 0 "the lead escalated the concern with reasons"
run concern pass 1 "$CID" --officer "Chief Social Work Officer" --date "$(date -u +%F)" --note "PASS-SECRET-13 told by phone"
expect_rc 0 "the concern passed to the senior officer"
run concern respond 1 "$CID" --response "RESPOND-SECRET-14 visit made" --date "$(date -u +%F)" --referral "$(date -u +%F)"
expect_rc 0 "the partnership's response recorded"
run concern close 1 "$CID" --note "CLOSE-SECRET-5 referred to social work"
expect_rc 0 "the concern closed with a note"
run sample replace 1 "$RREF" --reason "REPLACE-SECRET-6 file destroyed"
expect_rc 0 "a sample member replaced with a reason ($RREF)"
# A children's survey: respondent ids, a name column, a comment.
printf 'id,Name,I feel safe,Comment\nCYPID-SECRET-7,NAME-SECRET-8,Agree,COMMENT-SECRET-9 my stepdad\nCYPID-SECRET-10,Ann,Disagree,fine\n' >"$T/cyp.csv"
run survey create 1 --name cyp --kind cyp --scale agree5
expect_rc 0 "a children's survey"
# (a column named like an identifier is refused unless allowed, as a partnership
# would for a column it has checked; the purge must remove it either way)
run survey import 1 cyp "$T/cyp.csv" --attribute-columns Name --comment-columns Comment --allow-column Name
expect_rc 0 "its responses imported"
SECRETS="NOTE-SECRET-1 CHANGE-SECRET-2 RESOLVE-SECRET-3 CONCERN-SECRET-4 CLOSE-SECRET-5 REPLACE-SECRET-6 CYPID-SECRET-7 NAME-SECRET-8 COMMENT-SECRET-9 CYPID-SECRET-10 CORRECT-SECRET-11 DECIDE-SECRET-12 PASS-SECRET-13 RESPOND-SECRET-14"
# The audit entries of a concern's steps name the step and its dates, never
# its text (issue 21): even before the purge no concern text is in the log.
[ "$(SQL "SELECT COUNT(*) FROM audit WHERE action LIKE 'concern.%' AND (detail LIKE '%SECRET%' OR subject LIKE '%SECRET%')")" = 0 ]
ok $? "no concern text in the audit log, even before the purge"
[ "$(SQL "SELECT COUNT(*) FROM audit WHERE action IN ('concern.raise', 'concern.decide', 'concern.pass', 'concern.respond', 'concern.close')")" -ge 5 ]
ok $? "every step of the concern is audited"
[ "$(SQL "SELECT COUNT(*) FROM concern_step WHERE note LIKE '%SECRET%'")" = 4 ]
ok $? "the steps' texts are stored before the purge"

# The server runs throughout, with its own connections open.
"$CAIRN" serve --listen 127.0.0.1:0 --insecure-cookies --workers 2 >"$T/serve.out" 2>"$T/serve.err" &
SRV=$!
i=0
while [ $i -lt 100 ] && ! grep -q http "$T/serve.out"; do sleep 0.1; i=$((i + 1)); done
URL=$(grep -o 'http://[0-9.:]*' "$T/serve.out" | head -1)
[ -n "$URL" ] && python3 -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1] + '/signin').read()" "$URL"
ok $? "the server is running ($URL)"

signoff 1; ok $? "the panel signs off"
run publish 1
expect_rc 0 "published"
run purge retention 1 --days 0
expect_rc 0 "retention 0 days"
run purge 1 --child-level --yes
expect_rc 0 "purged while the server runs"

# No purged byte anywhere: the dump (audit log included) and the files.
SQL ".dump" >"$T/dump"
left=""
[ -n "$REF" ] && [ -n "$RREF" ]
ok $? "the references looked for are known ($REF, $RREF)"
for s in $SECRETS "'$REF'" "'$RREF'"; do grep -qF -- "$s" "$T/dump" && left="$left $s"; done
[ -z "$left" ]
ok $? "no child-level text or reference in the database, the audit log included${left:+ (left:$left)}"
python3 - "$CAIRN_DB" "$REF" "$RREF" $SECRETS <<'PY'
import os, sys
db, secrets = sys.argv[1], sys.argv[2:]
left = []
for path in (db, db + '-wal', db + '-journal'):
    if not os.path.exists(path):
        continue
    data = open(path, 'rb').read()
    for s in secrets:
        if s.encode() in data:
            left.append(f'{s} in {os.path.basename(path)}')
print('# ' + ', '.join(left) if left else '# none left')
sys.exit(1 if left else 0)
PY
ok $? "no purged byte in the database file, its free pages or its WAL, server running"
kill "$SRV"
wait "$SRV" 2>/dev/null

run audit verify
expect_rc 0 "the audit chain still verifies after the purge"
[ "$(SQL "SELECT COUNT(*) FROM audit WHERE action IN ('concern.raise', 'concern.close', 'sample.replace', 'reading.resolve', 'reading.answer') AND redacted = 1 AND detail IS NULL AND subject IS NULL")" -ge 5 ]
ok $? "the child-level entries are kept, their text removed"
[ "$(SQL "SELECT COUNT(*) FROM audit WHERE action = 'purge.child-level' AND inspection_id = 1")" = 1 ]
ok $? "the purge is itself an audit entry"
[ "$(SQL "SELECT COUNT(*) FROM survey_answer a JOIN survey_respondent r ON r.id = a.respondent_id JOIN survey v ON v.id = r.survey_id WHERE v.name = 'cyp'")" = 2 ]
ok $? "the survey's answers stay (its results can still be computed)"
# Tampering with a redacted entry is still found.
SQL "UPDATE audit SET action = 'grade.set' WHERE id = (SELECT MIN(id) FROM audit WHERE redacted = 1)" >/dev/null
run audit verify
expect_rc 65 "a redacted entry changed afterwards breaks the chain"
done_testing

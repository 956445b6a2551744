#!/bin/sh
# Publishing: every check runs and a refusal lists what failed; a
# published version is frozen (files, SHA-256, time) and never changed,
# only superseded with a reason; no child's reference reaches a public
# output; settings for the inspectorate's name, logo and threshold.
. "$LIB"

run demo --out "$T/demo"
expect_rc 0 "cairn demo"

# Settings.
run publication set --threshold 1
expect_rc 64 "a threshold below 2 is refused"
expect_err "valid: a whole number from 2 to 100" "the error says what is valid"
run publication set --inspection 1 --threshold 7 --organisation "Glenmoor Test Inspectorate"
expect_rc 0 "threshold and organisation set for the inspection"
python3 - "$T/logo.png" <<'PY'
import struct, sys, zlib
w, h = 40, 20
raw = b"".join(b"\0" + b"\x00\x65\xbd" * w for _ in range(h))
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) \
    + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY
printf 'not a png' >"$T/logo.txt"
run publication set --logo "$T/logo.txt"
expect_rc 65 "a logo that is not a PNG is refused"
run publication set --logo "$T/logo.png"
expect_rc 0 "a PNG logo is accepted"
# Issue 17: one inspection's settings through the report settings page's own
# call: the publication date and the area chosen from the known ones.
run publication set --inspection 1 --published 2026-02-30
expect_rc 65 "a publication date that is not a date is refused"
expect_err "the publication date '2026-02-30' is not a date" "says so"
expect_err "(--published)" "and names the option"
run publication set --inspection 1 --logo "$T/logo.txt"
expect_rc 65 "an inspection's logo that is not an image is refused"
expect_err "the logo is not a PNG or JPEG image" "checked by its bytes"
CAIRN_OPEN_DATA="$SRCDIR/data/scotland" run publication set --inspection 1 --area Atlantis
expect_rc 65 "an area that is not known is refused"
expect_err "'Atlantis' is not a known area" "says so"
CAIRN_OPEN_DATA="$SRCDIR/data/scotland" run publication set --inspection 1 --area clackmannanshire
expect_rc 0 "a known area by its name"
[ "$(sqlite3 "$CAIRN_DB" "SELECT value FROM publication_setting WHERE inspection_id = 1 AND name = 'area'")" = S12000005 ]
ok $? "stored by its code"
run publication set --inspection 1 --area ""
[ "$(sqlite3 "$CAIRN_DB" "SELECT count(*) FROM publication_setting WHERE inspection_id = 1 AND name = 'area'")" = 0 ]
ok $? "an empty area returns to matching by the partnership's name"
run publication set --area S12000005
expect_rc 64 "the area is for one inspection"
run report 1 --format pdf --out "$T/r.pdf"
expect_rc 0 "report with the settings"
pdftotext "$T/r.pdf" - | grep -q "Glenmoor Test Inspectorate"
ok $? "the PDF names the inspectorate from the settings"
pdfimages -list "$T/r.pdf" | grep -q " 40 *20 "
ok $? "the PDF cover carries the logo"
pdftotext "$T/r.pdf" - | grep -q 'numbers below 7 are shown as "fewer than'
ok $? "the terms appendix states the inspection's threshold"

# Checks on an inspection that is not ready: listed, exit 65, nothing stored.
ID=$("$CAIRN" inspection create --partnership Emptyshire --framework cyp-2014)
run publish "$ID"
expect_rc 65 "an unready inspection is refused"
expect_out "quality indicator 1.1 (Improvements in the wellbeing of children and young people) is not evaluated" "the refusal lists a missing evaluation"
expect_out "the confidence statement has not been made" "the refusal lists the confidence statement"
expect_out "the publication date is not set" "the refusal lists the publication date"
expect_err "checks failed; nothing was published" "one-line error"
run --json publish "$ID" --check
expect_rc 65 "--check --json on an unready inspection"
[ "$(json 'len(j["failures"])')" -ge 10 ]; ok $? "--json lists every failure"
[ "$(sqlite3 "$CAIRN_DB" "SELECT count(*) FROM publication")" = 0 ]
ok $? "nothing was recorded"

# Issue 17: the programme has a Quality and Consistency Panel, so publishing
# needs its standing sign-off; a later change withdraws it, visibly.
run publish 1 --check
expect_rc 65 "without the panel's sign-off the report cannot be published"
expect_out "the Quality and Consistency Panel has not signed off the evaluations" "the refusal says the panel has not signed off"
signoff 1; ok $? "the panel reviews every graded indicator and signs off"
run grade 1 2.1 4
expect_rc 0 "2.1 regraded after the sign-off (very good, 5, to good, 4)"
run publish 1 --check
expect_rc 65 "a withdrawn sign-off blocks publication"
grep -Eq "the panel's sign-off was withdrawn on [1-9][0-9]? [A-Z][a-z]+ 20[0-9][0-9] because grade of 2.1 changed \(5 -> 4\); the panel must sign off again" "$T/out"
ok $? "the refusal says when and why the sign-off was withdrawn"
run grade 1 2.1 5
signoff 1; ok $? "the panel signs off again"

# Unsafe narrative is a failure.
run inspection update 1 --context "See [this](javascript:alert(1)) page."
run publish 1 --check
expect_rc 65 "a javascript: link in the context fails the checks"
expect_out "the context: unsafe link" "the failure names the field and the link"
run inspection update 1 --context "Glenmoor is a fictional area. See [the plan](https://example.org/plan)."
run publish 1 --check
expect_rc 0 "with a safe link every check passes"

# Children's references: a population is known; none may appear publicly.
printf 'ref,category\nGM-7731,CP\nGM-7732,LAC-home\nGM-7733,CP\n' >"$T/pop.csv"
run population import 1 "$T/pop.csv"
expect_rc 0 "population imported"

run publish 1 --out "$T/v1"
expect_rc 0 "cairn publish"
expect_out "published version 1" "version 1"
(cd "$T/v1" && sha256sum -c --quiet SHA256SUMS)
ok $? "the files match the SHA256SUMS manifest"
for f in report.pdf report.html report.xlsx report.csv report.json young-people.pdf young-people.html release.txt; do
	[ -s "$T/v1/$f" ]; ok $? "the bundle has $f"
done
n=$(sqlite3 "$CAIRN_DB" "SELECT count(*) FROM publication_file f JOIN publication p ON p.id = f.publication_id WHERE p.version = 1")
[ "$n" = 8 ]; ok $? "eight files are frozen in the database"
pdftotext "$T/v1/report.pdf" "$T/v1/report.txt" && pdftotext "$T/v1/young-people.pdf" "$T/v1/yp.txt"
! grep -l 'GM-773' "$T"/v1/*.txt "$T"/v1/*.html "$T"/v1/*.csv "$T"/v1/*.json
ok $? "no child's reference appears in any public output"
grep -q 'report.publish' <<EOS
$(sqlite3 "$CAIRN_DB" "SELECT action FROM audit WHERE inspection_id = 1")
EOS
ok $? "publishing is in the audit log"
run --json stage 1 show
[ "$(json 'j["stage"]')" = published ]; ok $? "after publication the stage is Published"
[ "$(sqlite3 "$CAIRN_DB" "SELECT count(*) FROM audit WHERE inspection_id = 1 AND action = 'stage.move' AND subject = 'published'")" = 1 ]
ok $? "the stage move is audited with the publication"

run publish 1
expect_rc 65 "publishing again without --supersede is refused"
expect_err "a published report is never changed" "the error explains"
run publish 1 --supersede
expect_rc 64 "--supersede without --reason is refused"
run publish 1 --reason "x"
expect_rc 64 "--reason without --supersede is refused"

# A child's reference in a finding blocks publication.
run finding add 1 --kind improvement --text "The plan for GM-7732 was not reviewed."
run publish 1 --supersede --reason "Added a finding"
expect_rc 65 "a child's reference in a public output is refused"
expect_out "a child's reference appears in a public output" "the refusal says why"
[ "$(sqlite3 "$CAIRN_DB" "SELECT count(*) FROM publication")" = 1 ]
ok $? "no new version was recorded"
# Issue 18: the check ignores case ("gm-7732" is child GM-7732).
sqlite3 "$CAIRN_DB" "DELETE FROM finding_qi WHERE finding_id IN (SELECT id FROM finding WHERE text LIKE '%GM-7732%'); DELETE FROM finding WHERE text LIKE '%GM-7732%'"
run finding add 1 --kind improvement --text "The plan for gm-7732 was not reviewed."
run publish 1 --supersede --reason "Added a finding"
expect_rc 65 "a child's reference in another case is refused"
expect_out "a child's reference appears in a public output" "the refusal says why"
[ "$(sqlite3 "$CAIRN_DB" "SELECT count(*) FROM publication")" = 1 ]
ok $? "no new version was recorded"

# Superseding with a reason.
run confidence 1 confident --text "Inspectors are confident that the partnership can improve."
sqlite3 "$CAIRN_DB" "DELETE FROM finding_qi WHERE finding_id IN (SELECT id FROM finding WHERE text LIKE '%GM-7732%'); DELETE FROM finding WHERE text LIKE '%GM-7732%'"
run publish 1 --supersede --reason "Corrected the confidence statement"
expect_rc 0 "superseded with a reason"
expect_out "published version 2" "version 2"
expect_out "(supersedes version 1)" "names the version it supersedes"
run --json publication list 1
[ "$(json 'len(j)')" = 2 ] && [ "$(json 'j[1]["reason"]')" = "Corrected the confidence statement" ]
ok $? "both versions are listed with the reason"
[ "$(json 'j[0]["current"]')" = False ]; ok $? "version 1 is no longer current"
run publication get 1 --version 1 --out "$T/again"
expect_rc 0 "version 1 can be written out again"
cmp -s "$T/v1/report.pdf" "$T/again/report.pdf" && cmp -s "$T/v1/release.txt" "$T/again/release.txt"
ok $? "version 1 is exactly as it was frozen"
run audit verify
expect_rc 0 "the audit chain is intact"
done_testing

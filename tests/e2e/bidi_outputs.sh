#!/bin/sh
# Issue 18, "Exports and terminals": bidirectional controls (U+202E and the
# rest) typed into a partnership's name, the context narrative and a finding
# must not reorder what a reader sees in the Markdown, HTML and PDF reports
# or the news release: each is shown as <U+XXXX> (as the terminal output
# and the web pages show it), and no raw control is left in any of them.
. "$LIB"

RLO=$(printf '\342\200\256')
LRI=$(printf '\342\201\246')
PDI=$(printf '\342\201\251')
ALM=$(printf '\330\234')
run demo --out "$T/demo"
expect_rc 0 "cairn demo"
run inspection update 1 --partnership "Glen${RLO}room" --context "Context ${RLO}gnidaer **bold**"
expect_rc 0 "a partnership name and context holding U+202E are accepted"
run finding add 1 --kind strength --text "Strength ${LRI}isolate${PDI} and ${ALM}mark" --qi 1.1
expect_rc 0 "a finding holding U+2066, U+2069 and U+061C is accepted"

# no_raw FILE: true when FILE holds none of the controls as UTF-8.
no_raw() {
	! grep -q -e "$RLO" -e "$LRI" -e "$PDI" -e "$ALM" "$1"
}

run report 1 --format md --out "$T/r.md"
expect_rc 0 "cairn report --format md"
no_raw "$T/r.md"
ok $? "Markdown: no raw bidirectional control"
grep -qF 'Glen\<U+202E\>room' "$T/r.md" && grep -qF 'Context \<U+202E\>gnidaer **bold**' "$T/r.md" &&
	grep -qF 'Strength \<U+2066\>isolate\<U+2069\> and \<U+061C\>mark' "$T/r.md"
ok $? "Markdown: the name, the narrative and the finding show the controls as <U+XXXX>"

run report 1 --format html --out "$T/r.html"
expect_rc 0 "cairn report --format html"
no_raw "$T/r.html"
ok $? "HTML: no raw bidirectional control"
grep -qF 'Glen&lt;U+202E&gt;room' "$T/r.html" && grep -qF 'Context &lt;U+202E&gt;gnidaer <strong>bold</strong>' "$T/r.html"
ok $? "HTML: the name and the narrative (through md4c) show U+202E as text"

run report 1 --format pdf --out "$T/r.pdf"
expect_rc 0 "cairn report --format pdf"
pdftotext -raw "$T/r.pdf" "$T/r.txt"
no_raw "$T/r.txt"
ok $? "PDF: no raw bidirectional control in the extracted text"
grep -qF 'Glen<U+202E>room' "$T/r.txt" && grep -qF 'Context <U+202E>gnidaer bold' "$T/r.txt" &&
	grep -qF 'Strength <U+2066>isolate<U+2069> and <U+061C>mark' "$T/r.txt"
ok $? "PDF: the name, the narrative and the finding show the controls as <U+XXXX>"
pdfinfo "$T/r.pdf" >"$T/info"
grep -q '^Title: .*Glen<U+202E>room' "$T/info" && no_raw "$T/info"
ok $? "PDF: the document title (metadata) shows the control too"
python3 - "$T/r.pdf" <<'PY'
import binascii, re, sys
d = open(sys.argv[1], 'rb').read()
# Text strings cairo writes outside the page streams: the document's
# information (a literal string when it is ASCII), bookmarks and text
# alternatives (UTF-16 hex strings when they are not).
strings = [binascii.unhexlify(h).decode('utf-16-be') for h in re.findall(rb'<FEFF([0-9A-F]+)>', d)]
assert strings, "no text alternative"
bad = [s for s in strings if re.search('[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]', s)]
assert not bad, bad
assert b'/Title (Services for children and young people in Glen<U+202E>room' in d
assert '\u202e'.encode('utf-8') not in d
PY
ok $? "PDF: the information dictionary, bookmarks and text alternatives hold no raw control"

# The XLSX export shows the controls too (cells and the document's title),
# so a spreadsheet cannot reorder a name; the one CSV writer does the same
# (tests/unit/test_csvout.c).
run report 1 --format xlsx --out "$T/r.xlsx"
expect_rc 0 "cairn report --format xlsx"
python3 - "$T/r.xlsx" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
text = ''.join(z.read(n).decode('utf-8') for n in z.namelist() if n.endswith('.xml'))
assert not re.search('[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]', text), 'raw control'
assert 'Glen&lt;U+202E&gt;room' in text or 'Glen<U+202E>room' in text, 'name not shown'
PY
ok $? "XLSX: no raw control; the name shows U+202E as text"

run release 1 --json
expect_rc 0 "cairn release"
python3 - "$T/out" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))["text"]
assert "Glen<U+202E>room" in t, t[:300]
assert "\u202e" not in t
PY
ok $? "the release text (as written to release.txt) shows the control"
[ -s "$T/demo/release.txt" ]
ok $? "demo wrote release.txt"

done_testing

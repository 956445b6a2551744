#!/bin/sh
# The full report, the young people's version and the news release come
# from the same dossier and agree with the evaluations.  The grades are
# Dumfries and Galloway's 2014 profile (domain.md 4.2: five adequate, three
# weak, one unsatisfactory); the counts are checked against that published
# result, then each output against the grades, and again after a grade
# changes.
. "$LIB"
TPL="$SRCDIR/data/models/cyp-2014/report.json"

run init
run inspection create --partnership "Dumfries and Galloway" --framework cyp-2014 --published 2014-03-25
expect_rc 0 "inspection created"
for g in 1.1=3 2.1=2 3.1=3 5.1=3 5.2=1 5.3=2 6.2=3 6.3=3 9.4=2; do
	"$CAIRN" grade 1 "${g%%=*}" "${g#*=}" >/dev/null 2>&1 || echo "# grade $g failed"
done
"$CAIRN" finding add 1 --kind strength --text "Staff knew children well." --qi 2.1 >/dev/null
"$CAIRN" finding add 1 --kind improvement --text "Assess risks to children promptly." --qi 5.2 >/dev/null

# check_all COUNTS: the release's counts are COUNTS (label=n, sorted), and
# every output agrees with the grades stored.
check_all() {
	"$CAIRN" release 1 --json >"$T/release.json"
	"$CAIRN" release 1 >"$T/release.txt"
	"$CAIRN" report 1 --format json >"$T/report.json"
	"$CAIRN" report 1 --format md >"$T/report.md"
	"$CAIRN" report 1 --format md --version young-people >"$T/yp.md"
	"$CAIRN" report 1 --format pdf --version young-people --out "$T/yp.pdf" &&
	    pdftotext -layout "$T/yp.pdf" "$T/yp.txt"
	got=$(python3 -c "import json,sys; j=json.load(open(sys.argv[1])); print(','.join('%s=%d' % (k.replace(' ', '_'), v) for k, v in sorted(j['counts'].items())))" "$T/release.json")
	[ "$got" = "$1" ]
	r=$?
	[ $r -eq 0 ] || echo "# release counts $got, want $1"
	ok $r "the release's counts are $1"
	python3 - "$T" "$TPL" <<'EOF'
import collections, json, re, sys
T, tpl = sys.argv[1], json.load(open(sys.argv[2]))
rel = json.load(open(T + '/release.json'))
rep = json.load(open(T + '/report.json'))
md = open(T + '/report.md').read()
yp = open(T + '/yp.md').read()
yptxt = re.sub(r'\s+', ' ', open(T + '/yp.txt').read())
reltxt = open(T + '/release.txt').read()
ev = rep['evaluations']
# The release counts are the tally of the stored grades, and name them all.
tally = collections.Counter(e['label'] for e in ev)
assert dict(tally) == rel['counts'], (tally, rel['counts'])
assert rel['indicator_count'] == len(ev) == sum(rel['counts'].values())
# The full report gives each grade as its label and value, and opens with
# the release's own summary sentence.
for e in ev:
    assert 'Evaluation: %s (%d).' % (e['label'], e['grade']) in md, e
assert rel['summary'] in md
assert rel['summary'] in reltxt
# The young people's version: every evaluated indicator once, its grade in
# the template's plain words, no grade numbers.
words = tpl['young_people']['grade_words']
items = [l for l in yp.splitlines() if l.startswith('- ') and ': ' in l]
found = {}
for e in ev:
    line = '- %s: %s' % (e['title'], words[str(e['grade'])])
    assert line in items, line
    assert ('%s: %s' % (e['title'], words[str(e['grade'])])) in yptxt, e['title']
assert len([l for l in items if any(l.startswith('- %s:' % e['title']) for e in ev)]) == len(ev)
assert not re.search(r'\((?:[1-6])\)', yp), 'a grade number in the young people\'s version'
# The release text names each weak or worse indicator with its code.
for e in ev:
    if e['grade'] <= 2:
        assert '(%s)' % e['qi'] in rel['summary'], e
EOF
	ok $? "report, young people's version and release agree with the grades"
	run release check "$T/release.txt" --inspection 1
	expect_rc 0 "cairn release check finds no disagreement in the generated release"
}

check_all "Adequate=5,Unsatisfactory=1,Weak=3"
# A grade changes: every output follows.
"$CAIRN" grade 1 5.2 weak >/dev/null
check_all "Adequate=5,Weak=4"
grep -qF "Assessing and responding to risks and needs: weak: important things need to get better soon" "$T/yp.md"
ok $? "the young people's version shows the new grade of 5.2 in words"
! grep -qi "unsatisfactory" "$T/yp.md" &&
    python3 -c "import json,sys; sys.exit(1 if 'unsatisfactory' in json.load(open(sys.argv[1]))['summary'] else 0)" "$T/release.json"
ok $? "no output still calls anything unsatisfactory"
done_testing

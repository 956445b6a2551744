#!/bin/sh
# Crosswalks between model packs (issue 20): the shipped crosswalks check;
# a crosswalk with a mistake is refused naming its file and field; the
# national overview compares real published results across programmes like
# with like and says when it cannot.  Expected figures are counted by hand
# from data/history/cyp-2014-published.csv and tests/data/packs/history-later.csv
# (each row cites its published source).
. "$LIB"
X="$SRCDIR/data/models/crosswalks"

run init; expect_rc 0 "init checks the shipped crosswalks"
for f in "$X"/*.json; do
	run model crosswalk "$f"
	expect_rc 0 "$(basename "$f") checks"
done

# --- Mistakes: the file and the field, exit 65.
bad() { # bad NAME PYTHON-EDIT EXPECTED-TEXT
	python3 -c "import json,sys; c=json.load(open(sys.argv[1])); $2; json.dump(c, open(sys.argv[2],'w'))" \
		"$X/cyp-2014--care-protection-2018.json" "$T/$1.json"
	run model crosswalk "$T/$1.json"
	expect_rc 65 "$1: refused"
	expect_err "$T/$1.json: $3" "$1: the error names the file and field"
}
bad relation "c['links'][1]['relation']='renamed'" \
	"field links[1].relation: 'renamed' is not a relation; valid: same, split, merged, none"
bad code "c['links'][2]['to']=['3.1']" \
	"field links[2].to[0]: '3.1' is not an indicator of care-protection-2018"
bad fromcode "c['links'][0]['from']=['12.1']" \
	"field links[0].from[0]: '12.1' is not an indicator of cyp-2014"
bad uncovered "del c['links'][3]" \
	"field links: indicator 5.1 (evaluated in cyp-2014) has no link; add one, with relation \"none\""
bad split "c['links'][1]['relation']='split'" \
	"field links[1].to: \"split\" links one indicator to two or more"
bad nonewithto "c['links'][3]['to']=['2.1']" \
	"field links[3].to: \"none\" lists indicators under \"from\" and none under \"to\""
bad twice "c['links'][1]['from']=['1.1']" \
	"field links[1].from[0]: '1.1' is already linked in links[0]"
bad pack "c['to']='care-2019'" "field to: no pack or framework 'care-2019' is loaded"
bad nosources "del c['sources']" "field sources: required"
bad extra "c['links'][0]['relaton']='same'" "field links[0].relaton: unknown field"
printf '{"from": "cyp-2014",\n "to": }' >"$T/broken.json"
run model crosswalk "$T/broken.json"
expect_rc 65 "malformed JSON refused"
expect_err "broken.json: line 2 column" "malformed JSON: line and column"

# --- The overview across programmes, from real published results.
run history import "$SRCDIR/data/history/cyp-2014-published.csv"
expect_rc 0 "2012-2017 results imported"
run history import "$SRCDIR/tests/data/packs/history-later.csv"
expect_rc 0 "2018-2024 results imported"
expect_out "for 3 publications" "Orkney, Edinburgh, East Lothian"

row() { json "[(r['relation'], r['counterparts'], r['first']['good_or_better'], r['first']['n'], r['second']['good_or_better'], r['second']['n'], r['sentence']) for r in j['indicators'] if r['qi']=='$1'][0]"; }

run overview --framework cyp-2014 --compare care-protection-2018 --json
expect_rc 0 "cyp-2014 against care-protection-2018"
# 2.1: South Ayrshire good (1 of 1); Edinburgh very good, Orkney weak (1 of 2).
[ "$(row 2.1)" = "('same', ['2.1'], 1, 1, 1, 2, 'comparable: the same indicator, 2.1 Impact on children and young people in care-protection-2018')" ]
ok $? "2.1 is compared with 2.1: 1 of 1 good or better, against 1 of 2"
# 3.1 Impact on families is 2.2 from 2018: South Ayrshire good; Orkney adequate.
[ "$(row 3.1)" = "('same', ['2.2'], 1, 1, 0, 1, 'comparable: the same indicator, 2.2 Impact on families in care-protection-2018')" ]
ok $? "3.1 Impact on families is compared with its successor 2.2"
# 9.4: Aberdeenshire adequate, South Ayrshire weak; Orkney unsatisfactory.
[ "$(row 9.4)" = "('merged', ['9.1'], 0, 2, 0, 1, 'comparable with care: it and others became one indicator in care-protection-2018, 9.1 Leadership and direction')" ]
ok $? "9.4 merged into 9.1 Leadership and direction"
# 5.2: Dumfries and Galloway unsatisfactory, Shetland weak, South Ayrshire
# good, West Lothian and Inverclyde adequate: 1 of 5.
[ "$(row 5.2)" = "('none', [], 1, 5, 0, 0, 'not comparable: no successor indicator in care-protection-2018')" ]
ok $? "5.2 has no successor: not comparable"

run overview --framework cyp-2014 --compare at-risk-2021
expect_rc 0 "cyp-2014 against at-risk-2021"
expect_out "3.1 Impact on families: not comparable: no successor indicator in at-risk-2021" \
	"the overview says 3.1 cannot be compared with the at-risk programme"
expect_out "good or better: 1 of 1 in cyp-2014; 1 of 1 in at-risk-2021" \
	"2.1 compared across three programmes: East Lothian very good"

run overview --framework care-protection-2018 --compare cyp-2014 --json
[ "$(row 9.1 | cut -c1-52)" = "('split', ['9.1', '9.2', '9.3', '9.4'], 0, 1, 0, 2, " ]
ok $? "read backwards, 9.1 was four leadership indicators (only 9.4 graded: 2 grades)"
run overview --framework cso-2025 --compare at-risk-2021
expect_out "5.3 Care planning, managing risk and effective intervention: not comparable: no predecessor indicator in at-risk-2021" \
	"cso-2025's new indicators have no predecessor"
run overview --framework cyp-2014 --compare ilacs-2018
expect_out "not comparable: no crosswalk joins cyp-2014 and ilacs-2018" "no crosswalk: said"
# --- The benchmark: an inspection's grade beside the published grades of
# its indicator's counterparts in the other programmes.
run inspection create --partnership Glenmoor --framework cyp-2014
BID=$(cat "$T/out")
run grade "$BID" 2.1 good
run grade "$BID" 3.1 good
run benchmark "$BID" --json
expect_rc 0 "benchmark"
across() { json "[(a['relation'], a['comparable'], a['n'], a['below'], a['same'], a['above']) for a in j['across_programmes'] if a['qi']=='$1' and a['framework']=='$2'][0]"; }
# 2.1 good against Edinburgh very good (above) and Orkney weak (below).
[ "$(across 2.1 care-protection-2018)" = "('same', True, 2, 1, 0, 1)" ]
ok $? "benchmark: 2.1 against the 2018-2020 programme's 2.1: 1 below, 1 above"
# ... and against East Lothian very good (above), through two crosswalks.
[ "$(across 2.1 at-risk-2021)" = "('same', True, 1, 0, 0, 1)" ]
ok $? "benchmark: 2.1 against the at-risk programme's 2.1: 1 above"
[ "$(json "[a['sentence'] for a in j['across_programmes'] if a['qi']=='3.1' and a['framework']=='at-risk-2021'][0]")" = \
  "not comparable: no successor indicator in at-risk-2021" ]
ok $? "benchmark: 3.1 says it cannot be compared with the at-risk programme"

run overview --compare at-risk-2021
expect_rc 64 "--compare needs --framework"
run overview --framework cyp-2014 --compare nope
expect_rc 64 "an unknown framework is refused"
done_testing

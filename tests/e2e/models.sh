#!/bin/sh
# Model packs (data/models/, issue 20): each shipped pack validates and is
# loaded with its version; an inspection records its pack and version; an
# invalid pack is refused naming its file and field, and nothing changes;
# an inspection on each pack renders its report in every format with its
# own programme's wording and none of another's.
. "$LIB"
M="$SRCDIR/data/models"
PACKS="cyp-2014 care-protection-2018 at-risk-2021 cso-2025 ilacs-2018"

run init; expect_rc 0 "init"
run model list --json
expect_rc 0 "model list"
[ "$(json 'sorted((p["code"], p["builtin"]) for p in j)')" = \
  "[('at-risk-2021', True), ('care-protection-2018', True), ('cso-2025', True), ('cyp-2014', True), ('ilacs-2018', True)]" ]
ok $? "the five shipped packs are loaded"
[ "$(json '[p["version"] for p in j if p["code"]=="cyp-2014"][0]')" = 2 ]
ok $? "cyp-2014 is version 2 (its grouping fixed)"

for p in $PACKS; do
	run model validate "$M/$p"
	expect_rc 0 "pack $p validates"
done

# --- Invalid packs: the file and the field, exit 65, nothing stored.
bad() { # bad NAME EDIT-COMMAND EXPECTED-TEXT
	rm -rf "$T/$1"; cp -r "$M/at-risk-2021" "$T/$1"
	(cd "$T/$1" && sh -c "$2")
	run model validate "$T/$1"
	expect_rc 65 "$1: refused"
	expect_err "$T/$1/$3" "$1: the error names $3"
	run model import "$T/$1"
	expect_rc 65 "$1: import refused"
}
bad nofw 'rm framework.json' 'framework.json: required'
bad wrongcode 'sed -i "s/\"code\": \"at-risk-2021\"/\"code\": \"other\"/" framework.json' \
	"framework.json: field code: 'other' must be the pack's code 'at-risk-2021'"
bad nosources "python3 -c \"import json; p=json.load(open('pack.json')); del p['sources']; json.dump(p, open('pack.json','w'))\"" \
	'pack.json: field sources: required'
bad badkind 'sed -i "s/\"kind\": \"conduct\"/\"kind\": \"method\"/" report.json' \
	"report.json: field sections[1].kind: 'method' is not a kind of section"
bad badqi "python3 -c \"import json; f=json.load(open('framework.json')); f['indicators'][0]['key_question']='KO'; json.dump(f, open('framework.json','w'))\"" \
	"framework.json: field indicators[0].key_question: 'KO' is not one of the key_questions codes"
bad stagesfor 'sed -i "s/\"framework\": \"at-risk-2021\"/\"framework\": \"cso-2025\"/" stages.json' \
	"stages.json: field framework: 'cso-2025' must be the pack's code"
bad bands "python3 -c \"import json; q=json.load(open('quantifiers.json')); q['bands'].reverse(); json.dump(q, open('quantifiers.json','w'))\"" \
	'quantifiers.json: quantifier band 2'
bad notjson 'printf "{\"code\": " > pack.json' 'pack.json: line 1 column'
run model list --json
[ "$(json 'len(j)')" -eq 5 ]; ok $? "no refused pack was stored"

# --- Import: a pack of its own code, recorded with its version.
cp -r "$M/at-risk-2021" "$T/local"
sed -i 's/"code": "at-risk-2021"/"code": "local-2026"/; s/"version": "2"/"version": "0.3"/' "$T/local/pack.json"
sed -i 's/"code": "at-risk-2021"/"code": "local-2026"/' "$T/local/framework.json"
sed -i 's/"framework": "at-risk-2021"/"framework": "local-2026"/' "$T/local/stages.json"
run model import "$T/local"
expect_rc 0 "import a pack"
expect_out "model pack local-2026 version 0.3 imported" "import names the pack and version"
run framework show local-2026 --json
expect_rc 0 "its framework is loaded"
run model import "$T/local"
expect_rc 65 "the same code again is refused"
expect_err "local/pack.json: field code: a pack or framework 'local-2026' is already loaded (version 0.3)" \
	"the refusal names the file, field and loaded version"
run audit list --json
grep -q 'model.import' "$T/out"; ok $? "the import is in the audit log"

# --- One inspection per pack: the pack and version recorded; the report in
# every format in its programme's words only.
phrases() { # the sentences only this programme's report has
	case $1 in
	cyp-2014) echo "up to 21 and beyond|At the request of Scottish Ministers|Services for children and young people in" ;;
	care-protection-2018) echo "five inspection questions|in need of care and protection in" ;;
	at-risk-2021) echo "at risk of harm|up to 26 years" ;;
	cso-2025) echo "compulsory supervision orders" ;;
	ilacs-2018) echo "ILACS" ;;
	esac
}
id=0
for p in $PACKS; do
	id=$((id + 1))
	run inspection create --partnership "Glenmoor" --framework "$p" --fieldwork 2024-01-08..2024-02-16
	expect_rc 0 "$p: create an inspection"
	run model inspection $id --json
	want=$(python3 -c "import json; print(json.load(open('$M/$p/pack.json'))['version'])")
	[ "$(json 'j["pack"] + " " + j["version"]')" = "$p $want" ]
	ok $? "$p: the inspection records pack $p version $want"
	run framework show "$p" --json
	python3 -c "import json; f=json.load(open('$T/out')); print('\n'.join(q['code'] for q in f['indicators'] if q['evaluated']))" >"$T/qis"
	lv=$(json 'j["scale"]["levels"][1]["value"]')
	while read -r q; do "$CAIRN" grade $id "$q" "$lv" >/dev/null 2>&1; done <"$T/qis"
	for f in md html csv json; do
		"$CAIRN" report $id --format $f --out "$T/$p.$f" 2>"$T/err"
	done
	"$CAIRN" report $id --format xlsx --out "$T/$p.xlsx" 2>>"$T/err"
	"$CAIRN" report $id --format pdf --out "$T/$p.pdf" 2>>"$T/err"
	"$CAIRN" report $id --format md --version young-people --out "$T/$p.yp.md" 2>>"$T/err"
	python3 - "$T" "$p" "$(for o in $PACKS; do echo "$o=$(phrases $o)"; done)" <<'PY'
import re, subprocess, sys, zipfile
T, p, table = sys.argv[1], sys.argv[2], sys.argv[3]
own = {}
for line in table.splitlines():
    k, v = line.split('=', 1)
    own[k] = v.split('|')
def text(fmt):
    path = '%s/%s.%s' % (T, p, fmt)
    if fmt == 'xlsx':
        return zipfile.ZipFile(path).read('xl/sharedStrings.xml').decode()
    if fmt == 'pdf':
        return subprocess.run(['pdftotext', path, '-'], capture_output=True, text=True).stdout
    return open(path, encoding='utf-8').read()
bad = []
for fmt in ['md', 'html', 'json', 'xlsx', 'pdf']:
    t = re.sub(r'\s+', ' ', text(fmt).replace('&#39;', "'").replace('&apos;', "'"))
    for s in own[p]:
        if fmt in ('md', 'html', 'pdf') and s not in t:
            bad.append('%s lacks its own "%s"' % (fmt, s))
    for o, ss in own.items():
        if o != p:
            for s in ss:
                if s in t:
                    bad.append('%s has "%s" from %s' % (fmt, s, o))
csv = open('%s/%s.csv' % (T, p), encoding='utf-8').read()
for o, ss in own.items():
    if o != p:
        bad += ['csv has "%s"' % s for s in ss if s in csv]
yp = open('%s/%s.yp.md' % (T, p), encoding='utf-8').read()
for o, ss in own.items():
    if o != p:
        bad += ['young people\'s version has "%s"' % s for s in ss if s in yp]
for b in bad:
    print('# ' + b)
sys.exit(1 if bad else 0)
PY
	ok $? "$p: its report in md, html, json, csv, xlsx, pdf and the young people's version has its own wording and none of another programme's"
done

# The stage plan is the pack's: a programme with a joint Quality and
# Consistency Panel needs its sign-off to publish; ILACS (Ofsted alone) has
# no panel, so its publish checks never ask for one.
run publish 1 --check
cat "$T/out" "$T/err" | grep -q "Quality and Consistency Panel has not signed off"
ok $? "cyp-2014: publishing asks for the panel's sign-off"
run publish 5 --check
expect_rc 65 "ilacs-2018: not ready to publish either (no date, no findings)"
! cat "$T/out" "$T/err" | grep -q "Panel"
ok $? "ilacs-2018: no panel sign-off is asked for"
run stage 5 show --json
expect_rc 0 "ilacs-2018: its stage plan"
[ "$(json '[s["code"] for s in j["stages"]]')" = \
  "['notified', 'fieldwork', 'analysis', 'factual-accuracy', 'published', 'follow-up']" ]
ok $? "ilacs-2018: the pack's own stages, without a panel stage"

# Indicators marked uncertain are never published without a caveat: the
# 2018-2020 numbers are inferred (domain.md 1.3), as are most of the 2014 list.
for p in care-protection-2018 cyp-2014; do
	grep -qF "is not confirmed in the published framework or reports" "$T/$p.md" &&
		pdftotext "$T/$p.pdf" - | tr -s ' \n' '  ' | grep -qF "is not confirmed in the published"
	ok $? "$p: the report carries the caveat for its unconfirmed indicators (md and pdf)"
done
grep -qF '| 2.2\* | Impact on families |' "$T/care-protection-2018.md"
ok $? "care-protection-2018: the unconfirmed 2.2 is marked in the evaluations table"
! grep -qF "is not confirmed in the published" "$T/cso-2025.md"
ok $? "cso-2025: no caveat where every indicator is confirmed"

# The quantifier words of a pack: "all" for 100% and "none" for 0%.
grep -q '"all"' "$M/at-risk-2021/quantifiers.json" && grep -q '"none"' "$M/at-risk-2021/quantifiers.json"
ok $? "the at-risk pack's quantifiers have all and none"
grep -qF -- "- **all**: 100 per cent" "$T/cyp-2014.md" &&
	grep -qF -- "- **almost all**: more than 90 to below 100 per cent" "$T/cyp-2014.md" &&
	grep -qF -- "- **few**: more than 0 to below 15 per cent" "$T/cyp-2014.md" &&
	grep -qF -- "- **none**: 0 per cent" "$T/cyp-2014.md"
ok $? "the report's terms define all as 100 per cent, almost all below it, few above 0 and none as 0 per cent"

done_testing

# Exports and terminals (issue 18): every CSV through the one writer with
# formula neutralisation, and text the CLI prints escaped for a terminal
# (control characters, bidirectional controls).
. "$LIB"

run init; expect_rc 0 "init"
ID=$("$CAIRN" inspection create --partnership Glenmoor --framework cyp-2014)
run team add "$ID" lee --role lead

# ---- the sample list as CSV: refs a spreadsheet would run ----
python3 -c "
import csv, sys
w = csv.writer(sys.stdout, lineterminator='\n')
w.writerow(['ref', 'category'])
refs = ['=HYPERLINK(\"http://evil.example/\",\"x\")', '+cmd|\' /C calc\'!A0', '@SUM(A1:A9)',
        '-2+3']
for i in range(40):
    w.writerow([refs[i] if i < len(refs) else 'C%03d' % i, 'CP'])" >"$T/pop.csv"
run population import "$ID" "$T/pop.csv"; expect_rc 0 "a population with formula-like refs"
run sample draw "$ID" --size 40 --strata category --seed 1; expect_rc 0 "the whole population drawn"
run sample list "$ID" --csv; expect_rc 0 "sample list --csv"
python3 - "$T/out" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='')))
refs = [r[0] for r in rows[1:]]
bad = [r for r in refs if r[:1] in ('=', '+', '-', '@', '\t', '\r')]
ok = not bad and "'=HYPERLINK(\"http://evil.example/\",\"x\")" in refs and \
    "'+cmd|' /C calc'!A0" in refs and "'@SUM(A1:A9)" in refs and "'-2+3" in refs
sys.exit(0 if ok else 1)
PY
ok $? "no CSV cell starts with = + - @: each is neutralised with an apostrophe"
grep -q "^ref,stratum,key,reserve,double_read,status,replaced_by,reason" "$T/out"
ok $? "the header is unchanged"

# ---- terminal output: control characters and bidirectional controls ----
EVIL=$(printf 'Seen \033]0;pwned\007\033[2J done')
run evidence add "$ID" --source interview --text "$EVIL" --qi 2.1 --by lee
expect_rc 0 "evidence with escape sequences is stored as given"
run evidence list "$ID"
expect_rc 0 "evidence list"
! grep -q "$(printf '\033')" "$T/out"; ok $? "evidence list prints no raw ESC"
! grep -q "$(printf '\007')" "$T/out"; ok $? "evidence list prints no raw BEL"
grep -qF 'Seen \x1b]0;pwned\x07\x1b[2J done' "$T/out"
ok $? "the control characters are shown escaped"
run evidence list "$ID" --json
[ "$(json '[e["text"] for e in (j if isinstance(j, list) else j["evidence"])][-1]')" = "$EVIL" ]
ok $? "the JSON keeps the text exactly (escaped by JSON itself)"

RLO=$(printf 'Report\342\200\256fdp.exe')
printf 'notes\n' >"$T/$RLO"
run evidence add "$ID" --source document --text "Bidi $RLO" --file "$T/$RLO" --by lee
expect_rc 0 "evidence with U+202E in its text and file name"
run evidence list "$ID"
! grep -q "$(printf '\342\200\256')" "$T/out"; ok $? "no raw U+202E in evidence list"
grep -qF 'Bidi Report<U+202E>fdp.exe' "$T/out"; ok $? "U+202E shown as <U+202E>"
run evidence list "$ID" --json
! grep -q "$(printf '\342\200\256')" "$T/out"; ok $? "no raw U+202E in the JSON output"
python3 -c "import json,sys; j=json.load(open(sys.argv[1])); s=json.dumps(j, ensure_ascii=False); sys.exit(0 if 'Report\u202efdp.exe' in s else 1)" "$T/out"
ok $? "the JSON still carries the name exactly (as \\u202e)"

run evidence list 99$(printf '\033[2J')
! grep -q "$(printf '\033')" "$T/err"; ok $? "an error quoting what was typed prints no raw ESC"

done_testing

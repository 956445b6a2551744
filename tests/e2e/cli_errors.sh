# Bad input: each a clear one-line error, the right exit status, and
# nothing half-written.
. "$LIB"

run inspection list
expect_rc 66 "no database yet: exit 66"
expect_err "run 'cairn init' first" "says to run init"
one_line_err "one line"

run --db "$T/missing/dir/c.db" init
expect_rc 73 "missing database directory: exit 73"
expect_err "does not exist" "names the missing directory"
one_line_err "one line"
[ ! -e "$T/missing" ]; ok $? "nothing created"

run init
ID=$("$CAIRN" inspection create --partnership Testshire --framework cyp-2014)

run grade "$ID" 7.7 good
expect_rc 65 "unknown QI: exit 65"
expect_err "unknown quality indicator '7.7'" "names the QI"
expect_err "valid: 1.1, 2.1" "lists the valid QIs"
one_line_err "one line"

run grade "$ID" 5.2 brilliant
expect_rc 65 "unknown grade: exit 65"
expect_err "valid: 6 Excellent, 5 Very good, 4 Good, 3 Adequate, 2 Weak, 1 Unsatisfactory" "lists the levels"
one_line_err "one line"

run grade "$ID" 5.2 0
expect_rc 65 "level outside the scale: exit 65"

run grade 999 5.2 good
expect_rc 65 "unknown inspection: exit 65"
expect_err "no inspection with id 999" "names the id"

run grade abc 5.2 good
expect_rc 64 "non-numeric id: exit 64"

run grade "$ID" 5.2
expect_rc 64 "missing argument: exit 64"
expect_err "usage:" "shows usage"

run grade "$ID" 5.2 good --colour blue
expect_rc 64 "unknown option: exit 64"
expect_err "unknown option '--colour'" "names the option"

run inspection create --partnership X --framework nope
expect_rc 65 "unknown framework: exit 65"
expect_err "valid: at-risk-2021, care-protection-2018, cso-2025, cyp-2014, ilacs-2018" "lists frameworks"

run inspection create --partnership X --framework cyp-2014 --fieldwork 2016-06-10..2016-04-25
expect_rc 65 "fieldwork ending before it starts"
run inspection create --partnership X --framework cyp-2014 --notified 2023-02-29
expect_rc 65 "impossible date"
expect_err "use YYYY-MM-DD" "says the format"

run --json inspection list
[ "$(json 'len(j)')" -eq 1 ]; ok $? "refused creations left nothing behind"

printf '{"code": "broken", "title": "x", "programme": "p", "scale": {"code":"s","name":"S","levels":[]}}' >"$T/bad.json"
run framework import "$T/bad.json"
expect_rc 65 "malformed framework: exit 65"
expect_err "bad.json: field scale.levels: must be a non-empty array" "names file, field and reason"
one_line_err "one line"
printf '{"code": "x",' >"$T/trunc.json"
run framework import "$T/trunc.json"
expect_rc 65 "truncated JSON: exit 65"
expect_err "trunc.json: line 1" "gives the position"
run framework import "$T/nofile.json"
expect_rc 66 "missing framework file: exit 66"
run --json framework list
[ "$(json 'len(j)')" -eq 5 ]; ok $? "failed imports changed nothing"

cat >"$T/good.json" <<'JSON'
{"code": "local-2026", "title": "A local framework", "programme": "Self-evaluation",
 "scale": {"code": "three", "name": "three-point scale", "levels": [
   {"value": 3, "label": "Strong", "short": "s", "description": "s"},
   {"value": 2, "label": "Developing", "short": "d", "description": "d"},
   {"value": 1, "label": "Weak", "short": "w", "description": "w"}]},
 "key_questions": [{"code": "A", "title": "Area A"}],
 "indicators": [{"code": "A1", "title": "First", "key_question": "A", "evaluated": true}]}
JSON
run framework import "$T/good.json"
expect_rc 0 "a user framework imports"
run framework import "$T/good.json"
expect_rc 65 "importing the same code again is refused"

run report "$ID" --format html --out "$T/nodir/r.html"
expect_rc 73 "unwritable output path: exit 73"
one_line_err "one line"
[ -z "$(ls "$T" | grep -F 'r.html')" ]; ok $? "no partial output"
run report "$ID" --format pdfx
expect_rc 64 "unknown format: exit 64"
run release "$ID"
expect_rc 65 "release with nothing graded: exit 65"
expect_err "no graded indicators" "says why"
run frobnicate
expect_rc 64 "unknown command: exit 64"
done_testing

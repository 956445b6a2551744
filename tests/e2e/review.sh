# Progress reviews with the real binary: South Ayrshire 2016 (CI news 3404)
# and its progress review published 1 May 2018 (CI 4357), which found good
# progress and decided no further review was needed.
. "$LIB"

run init
run inspection create --partnership "South Ayrshire" --framework cyp-2014 --published 2016-10-04
for g in 1.1=adequate 2.1=good 3.1=good 5.1=adequate 5.2=good 5.3=adequate 6.2=weak 6.3=adequate 9.4=weak; do
	run grade 1 "${g%=*}" "${g#*=}"
done
# A strength first, so the areas' database ids (2, 3) differ from their numbers (1, 2).
run finding add 1 --kind strength --text "Staff build trusting relationships with children." --qi 2.1
run finding add 1 --kind improvement --text "Strengthen strategic leadership and direction." --qi 9.4
run finding add 1 --kind improvement --text "Plan more effectively through the integrated children's services plan." --qi 6.2
run team add 1 ian --role inspector
run team add 1 cora --role partnership-coordinator

run review create 1 --date 2018-03-20 --as cora
expect_rc 77 "the co-ordinator may not record a review"
run review create 1 --date 2016-10-01
expect_rc 65 "a review before publication is refused"
expect_err "not after the report's publication (2016-10-04)" "names the publication date"
run review create 1 --date 2018-03-20 --as ian
expect_rc 0 "an inspector starts review 1"
expect_out "1" "prints its number"
run review progress 1 1 --improvement 3 --judgement some --text x
expect_rc 65 "an area is named by its number, not its finding id (3 is the second area's id)"
expect_err "there is no area for improvement 3; valid: 1 to 2 (--improvement)" "the error names the valid range and the flag"
run review progress 1 1 --improvement 0 --judgement some --text x
expect_rc 64 "0 is not an area's number"
run review progress 1 1 --improvement "2 " --judgement some --text x --json
expect_rc 64 "nothing ambiguous: '2 ' is not a number"
run review progress 1 1 --improvement 1 --judgement significant --text "Chief officers now meet monthly and lead improvement." --evidence "COG minutes 2017-18"
expect_rc 0 "progress on area 1"
run review progress 1 1 --improvement 2 --judgement brilliant --text x
expect_rc 64 "an unknown judgement is a usage error"
expect_err "valid: significant, some, limited, none" "lists the judgements"
run review decide 1 1 --further not-needed
expect_rc 65 "deciding before every area is judged is refused"
run review progress 1 1 --improvement 2 --judgement some --text "The integrated plan was rewritten." --json
expect_rc 0 "progress on area 2"
[ "$(json 'j["improvement"]')" = "2" ]
ok $? "the JSON answer names the area by its number"
run review grade 1 1 9.4 good --rationale "Leaders work effectively together"
expect_rc 0 "9.4 re-evaluated"
run review grade 1 1 6.2 "Very good"
run review grade 1 1 6.2 superb
expect_rc 65 "an unknown grade is refused"
run review decide 1 1 --further not-needed --text "Good or very good progress; no further review work needed."
expect_rc 0 "decided"

run review history 1 --json
expect_rc 0 "history --json"
[ "$(json '[(q["qi"], q["original"]["label"], [r["label"] for r in q["re_evaluations"]], q["current"]) for q in j["indicators"] if q["qi"] in ("9.4", "6.2", "5.2")]')" = "[('5.2', 'Good', [], 4), ('6.2', 'Weak', ['Very good'], 5), ('9.4', 'Weak', ['Good'], 4)]" ]
ok $? "original grades and re-evaluations side by side"
[ "$(json 'j["reviews"][0]["date"] + " " + j["reviews"][0]["further"]')" = "2018-03-20 not-needed" ]
ok $? "the review's date and decision"
run review history 1
expect_out "REVIEW 1 2018-03-20" "the text history heads the review column with its date"
expect_out "area for improvement 2: Some progress" "the text history names each area by its number"

run review report 1 1 --format json
expect_rc 0 "report as JSON"
[ "$(json '[(p["improvement"], p["judgement"]) for p in j["progress"]]')" = "[(1, 'significant'), (2, 'some')]" ]
ok $? "the report carries the judgements by the areas' numbers"
[ "$(json '[(g["qi"], g["before"], g["grade"]) for g in j["re_evaluations"]]')" = "[('6.2', 2, 5), ('9.4', 2, 4)]" ]
ok $? "the report compares each re-evaluation with the grade before"
run review report 1 1 --format pdf --out "$T/review.pdf"
expect_rc 0 "report as PDF"
pdftotext "$T/review.pdf" "$T/review.txt" 2>/dev/null && grep -q "Significant" "$T/review.txt" && grep -q "Weak (2)" "$T/review.txt"
ok $? "the PDF has real text with the judgement"
run review report 1 1 --format md
expect_rc 0 "report as Markdown"
expect_out "Significant progress" "the Markdown has the judgement"
expect_out "2. Plan more effectively" "the Markdown numbers the areas as the action plan does"
run review report 1 1 --format html --out "$T/review.html"
expect_rc 0 "report as HTML"
grep -q "Chief officers now meet monthly" "$T/review.html"
ok $? "the HTML has the findings"
run review report 1 1 --format docx
expect_rc 64 "an unknown format is a usage error"
run review report 1 2 --format json
expect_rc 65 "an unknown review number is refused"
run review create 1 --date 2019-01-01
expect_rc 65 "no review after 'no further review needed'"
done_testing

# cairn release check with the real binary: the generated release passes;
# the Inverclyde 2017 council release (four very good, two good, one
# excellent, one adequate across nine indicators; domain.md 4.2) fails with
# its specific disagreements.
. "$LIB"

run init
run inspection create --partnership Inverclyde --framework cyp-2014 --published 2017-10-31
# The Care Inspectorate's grades (CI news 4110): participation excellent,
# 5.2 adequate, five very good, two good.  Which five and which two is not
# published; this split is arbitrary.
for g in 1.1=5 2.1=5 3.1=5 5.1=5 5.2=3 5.3=4 6.2=4 6.3=6 9.4=5; do
	run grade 1 "${g%=*}" "${g#*=}"
done

run release 1
cp "$T/out" "$T/release.txt"
run release check "$T/release.txt" --inspection 1
expect_rc 0 "the generated release agrees with the grades"
expect_out "agrees with the grades of inspection 1" "and says so"
run release check "$T/release.txt" --inspection 1 --json
[ "$(json '(j["agrees"], j["stated_total"], j["stated_counts"])')" = "(True, 9, {'Excellent': 1, 'Very good': 5, 'Good': 2, 'Adequate': 1})" ]
ok $? "JSON: the counts read from the text"

cat >"$T/council.txt" <<'TXT'
Inverclyde's children's services among the best in Scotland

Across nine quality indicators, inspectors rated 4 as very good, 2 as good,
1 as excellent and 1 as adequate.

Participation of children, young people, families and other stakeholders was
evaluated as excellent, the first time this grade has been awarded in Scotland.
TXT
run release check "$T/council.txt" --inspection 1
expect_rc 65 "the council's release fails"
expect_out "the counts by level add up to eight, not the nine indicators the text states" "eight counted for nine"
expect_out "the text says four \"Very good\"; five are stored" "very good: four against five"
[ "$(grep -c . "$T/out")" = "2" ]
ok $? "exactly those two disagreements"
expect_err "disagrees with the grades of inspection 1 in 2 places" "one-line summary on stderr"
one_line_err "in one line"
run release check "$T/council.txt" --inspection 1 --json
[ "$(json 'len(j["disagreements"])')" = "2" ]
ok $? "JSON lists the two disagreements"

run release 1 --json
expect_rc 0 "cairn release ID still works"
run release check "$T/missing.txt" --inspection 1
expect_rc 66 "a missing file exits 66"
run release check "$T/council.txt"
expect_rc 64 "--inspection is required"
run release check "$T/council.txt" --inspection 7
expect_rc 65 "an unknown inspection"
done_testing

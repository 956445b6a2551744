# Population import: RFC 4180 input, all-or-nothing with line and column
# errors, identifier-like columns refused, replacement rules.
. "$LIB"

run init
ID=$("$CAIRN" inspection create --partnership Testshire --framework cyp-2014)

# A good file: BOM, CRLF, quoted cells with commas and a newline.
printf '\357\273\277ref,category,locality,note\r\nC001,CP,North,"a, b"\r\nC002,LAC-home,South,"two\r\nlines"\r\nC003,LAC-away,North,\r\n' >"$T/p.csv"
run population import "$ID" "$T/p.csv" --json
expect_rc 0 "good population imports"
[ "$(json 'j["rows"]')" = 3 ]; ok $? "three children"
[ "$(json 'j["columns"]')" = 3 ]; ok $? "three attribute columns"
run population show "$ID" --json
[ "$(json '",".join(j["columns"])')" = "category,locality,note" ]; ok $? "columns kept in file order"
[ "$(json 'len(j["checksum"])')" = 64 ]; ok $? "SHA-256 checksum stored"

# Re-import replaces while no sample is drawn.
printf 'ref,category\nD1,CP\nD2,CP\n' >"$T/p2.csv"
run population import "$ID" "$T/p2.csv"
expect_rc 0 "re-import allowed before a sample"
expect_out "replaced the population with 2 children" "says it replaced"

# Errors: listed with line and column, total counted, nothing imported.
printf 'ref,category\nE1,CP\nE1,LAC\n,CP\nE4\nE5,"unclosed\n' >"$T/bad.csv"
run population import "$ID" "$T/bad.csv"
expect_rc 65 "bad file: exit 65"
expect_err "line 3, column 1: ref 'E1' appears twice (first on line 2)" "duplicate ref with line and column"
expect_err "line 4, column 1: the ref is empty" "missing ref"
expect_err "line 5, column 2: the row has 1 cell; the header has 2" "ragged row"
expect_err "line 6, column 2: a quoted cell is never closed" "unterminated quote"
expect_err "bad.csv has 4 errors; nothing was imported" "summary with the total"
run population show "$ID" --json
[ "$(json 'j["rows"]')" = 2 ]; ok $? "the earlier population is untouched"

printf 'ref,category\nE1,caf\351\n' >"$T/latin1.csv"
run population import "$ID" "$T/latin1.csv"
expect_rc 65 "invalid UTF-8: exit 65"
expect_err "line 2, column 2: the cell is not valid UTF-8" "names line and column"

: >"$T/empty.csv"
run population import "$ID" "$T/empty.csv"
expect_rc 65 "empty file: exit 65"
expect_err "the file is empty" "says it is empty"

printf 'ref,category\n' >"$T/head.csv"
run population import "$ID" "$T/head.csv"
expect_rc 65 "header only: exit 65"
expect_err "no children" "says there are no rows"

printf 'category,age\nCP,4\n' >"$T/noref.csv"
run population import "$ID" "$T/noref.csv"
expect_rc 65 "no ref column: exit 65"
expect_err "there is no 'ref' column" "names the missing column"

python3 -c "print('ref,note'); print('X1,' + 'a' * 1001)" >"$T/big.csv"
run population import "$ID" "$T/big.csv"
expect_rc 65 "oversized cell: exit 65"
expect_err "line 2, column 2: the cell is 1001 bytes long; the limit is 1000 bytes" "cell limit"

# Identifier-like headers, case-insensitive, separators ignored.
for h in Name Forename SURNAME dob "Date of Birth" date_of_birth CHI "Home Address" Postcode phone_number E-mail "NHS Number"; do
	printf 'ref,%s\nA1,x\n' "$h" >"$T/id.csv"
	run population import "$ID" "$T/id.csv"
	[ "$RC" -eq 65 ] && grep -qF "looks like a personal identifier" "$T/err"
	ok $? "header '$h' refused as an identifier"
done
printf 'ref,Team Name\nA1,x\n' >"$T/id.csv"
run population import "$ID" "$T/id.csv" --allow-column "team name"
expect_rc 0 "--allow-column lets a named column through"

# Issue 18: inputs that never end.  /dev/zero and a FIFO are refused at
# once (not a regular file); standard input is '-' and is bounded by
# CAIRN_INPUT_MAX like a file.
timeout 20 "$CAIRN" population import "$ID" /dev/zero >"$T/out" 2>"$T/err"; RC=$?
expect_rc 66 "/dev/zero is refused, not read forever"
expect_err "is a device, not a regular file" "says why"
mkfifo "$T/fifo"
timeout 20 "$CAIRN" population import "$ID" "$T/fifo" >"$T/out" 2>"$T/err"; RC=$?
expect_rc 66 "a FIFO is refused without waiting for a writer"
expect_err "is a pipe, not a regular file" "says it is a pipe"
printf 'ref,category\nS1,CP\nS2,CP\n' | "$CAIRN" population import "$ID" - --json >"$T/out" 2>"$T/err"; RC=$?
expect_rc 0 "standard input as '-'"
[ "$(json 'j["rows"]')" = 2 ]; ok $? "two children from standard input"
CAIRN_INPUT_MAX=1K timeout 20 "$CAIRN" population import "$ID" - </dev/zero >"$T/out" 2>"$T/err"; RC=$?
expect_rc 65 "endless standard input stops at the limit"
expect_err "longer than 1024 bytes, the limit for an input file" "names the limit"
python3 -c "print('ref,a'); [print('R%d,x' % i) for i in range(400)]" >"$T/big2.csv"
CAIRN_INPUT_MAX=1K run population import "$ID" "$T/big2.csv"
expect_rc 65 "a file over the limit is refused"
expect_err "the limit for an input file is 1024 bytes" "names the limit"
run population show "$ID" --json
[ "$(json 'j["rows"]')" = 2 ]; ok $? "the population from standard input is untouched"

# Issue 18: identifier-like headers that got round the old filter, values
# that are identifiers, and refs that differ only in case.
for h in "DOB (dd/mm/yyyy)" "Name (full)" names "name of child" "mobile no" "Tel. no." DOB1 "Age/DOB" "$(printf '\357\274\256\357\275\201\357\275\215\357\275\205')" "$(printf 'n\320\260me')"; do
	printf 'ref,"%s"\nA1,x\n' "$h" >"$T/id.csv"
	run population import "$ID" "$T/id.csv"
	[ "$RC" -eq 65 ] && grep -qF "looks like a personal identifier" "$T/err"
	ok $? "header '$h' refused as an identifier"
done
printf 'ref,area\nA1,North\nA2,G2 3AB\n0101011237,South\n' >"$T/idv.csv"
run population import "$ID" "$T/idv.csv"
expect_rc 65 "identifier values: exit 65"
expect_err "line 3, column 2: this value in column 'area' looks like a personal identifier (postcode)" "a postcode with line and column"
expect_err "line 4, column 1: this value in column 'ref' looks like a personal identifier (CHI number)" "a CHI number as a ref"
run population import "$ID" "$T/idv.csv" --allow-column area,ref
expect_rc 0 "allowed columns import"
run audit list --json
expect_out "allowed although identifier-like: 'area', 'ref'" "the override is audited"
printf 'ref,a\nc1,x\nC1,y\n' >"$T/case.csv"
run population import "$ID" "$T/case.csv"
expect_rc 65 "refs differing only in case: exit 65"
expect_err "line 3, column 1: ref 'C1' appears twice (first on line 2 as 'c1'" "c1 and C1 are the same child"

# More than 20 errors: 20 listed and the total.
python3 -c "
print('ref,a')
for i in range(25): print('R%d' % i)" >"$T/many.csv"
run population import "$ID" "$T/many.csv"
expect_rc 65 "many errors: exit 65"
[ "$(grep -c 'the row has 1 cell' "$T/err")" -eq 20 ]; ok $? "exactly 20 errors listed"
expect_err "... and 5 more errors" "the rest counted"
expect_err "has 25 errors (the first 20 are listed)" "total in the summary"

run population import 999 "$T/p.csv"
expect_rc 65 "unknown inspection: exit 65"
one_line_err "one line"
run population import "$ID" "$T/nonexistent.csv"
expect_rc 66 "missing file: exit 66"
one_line_err "one line"

done_testing

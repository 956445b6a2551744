# The whole demo as `make demo` builds it: the demo inspection, then its
# population, sample, readers, readings, evidence and survey through the
# real commands (scripts/demo_data.py); no step may be skipped, and the
# outputs must carry what was added.
. "$LIB"
"$CAIRN" demo --out "$T/demo" >/dev/null 2>&1
ok $? "cairn demo"
python3 "$SRCDIR/scripts/demo_data.py" "$CAIRN" "$CAIRN_DB" "$T/demo" >"$T/log" 2>&1
ok $? "demo_data.py ran"
! grep -q "skipped" "$T/log"
r=$?
[ $r -eq 0 ] || sed 's/^/# /' "$T/log"
ok $r "no step of the demo was skipped"
run --json sample list 1
[ "$(json 'len([m for m in j["members"] if not m["reserve"]])')" -eq 60 ]; ok $? "sample of 60"
grep -q "child-plan" "$T/demo/reading-summary.txt"; ok $? "reading summary written"
grep -qi "kappa" "$T/demo/agreement.txt"; ok $? "agreement written"
[ -s "$T/demo/report.pdf" ]; ok $? "PDF report written"
if command -v pdftotext >/dev/null 2>&1; then
	pdftotext "$T/demo/report.pdf" "$T/report.txt"
	grep -q "Glenmoor" "$T/report.txt"; ok $? "the PDF names the partnership"
	! grep -q "GM-0" "$T/report.txt"; ok $? "no child's reference in the public PDF"
fi
# The release's methods come from the data: the 60 sampled children read
# (double reads once) and the demo's five held activities (one cancelled).
grep -q "Inspectors read the records of 60 children. They held 5 fieldwork activities" \
    "$T/demo/release.txt"
ok $? "the release counts the records read and the activities held"
! grep -q "104" "$T/demo/release.txt"; ok $? "no typed count of records in the release"
run audit verify
expect_rc 0 "audit chain verifies after the whole demo"
done_testing

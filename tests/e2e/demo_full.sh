# The whole demo as `make demo` builds it: the demo inspection, then its
# population, sample, readers, readings, evidence, survey, the partnership's
# side, concerns, a withdrawn item and the panel's progress-review decision
# through the real commands (scripts/demo_data.py); no step may be skipped,
# and the outputs and the CLI's JSON must carry what was added.
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
# The new work of the day, each through the CLI's JSON output.
run --json partnership show 1
[ "$(json 'j["contacts"]["inspection-coordinator"]["name"]')" = "Rhona Reid" ]
ok $? "the partnership's inspection co-ordinator"
[ "$(json 'len(j["notifications"])')" -eq 1 ] && [ "$(json 'len(j["notifications"][0]["sha256"])')" -eq 64 ]
ok $? "the notification letter, stored with its hash"
[ "$(json 'j["return"]["version"]')" = 1 ]; ok $? "the pre-inspection return returned"
[ "$(json 'j["statement"]["version"]')" = 1 ] && [ "$(json 'j["statement"]["words"]')" -gt 0 ]
ok $? "the position statement submitted"
[ "$(json '",".join(t["qi"] + ":" + t["verdict"] for c in j["claims"] for t in c["tests"])')" = "2.1:qualified" ]
ok $? "a claim tested by an inspector"
run --json concern list 1 --all
[ "$(json '",".join(c["kind"] + ":" + c["step"] for c in j)')" = "child-protection:closed,child:passed" ]
ok $? "one concern closed, one awaiting the partnership's response"
run --json concern show 1 1
[ "$(json '",".join(s["step"] for s in j["steps"])')" = "raised,escalated,passed,responded,closed" ]
ok $? "the closed concern went through every step"
run --json evidence list 1
[ "$(json 'sum(1 for e in j if e["withdrawn"])')" -eq 1 ]; ok $? "one evidence item withdrawn"
run --json panel progress-review 1
[ "$(json 'str(j["needed"]) + " " + j["due"]')" = "True 2027-09-30" ]
ok $? "the panel's progress-review decision"
run audit verify
expect_rc 0 "audit chain verifies after the whole demo"
done_testing

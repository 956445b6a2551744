# The whole demo as `make demo` builds it: the demo inspection, then its
# population, sample, readers, readings, evidence, survey, the partnership's
# side, concerns, a withdrawn item, the panel's progress-review decision, a
# children and young people's survey, and a second inspection (Westerhaven)
# taken through factual accuracy, the embargo, publication, the action plan
# and a progress review, through the real commands (scripts/demo_data.py);
# no step may be skipped, and the outputs and the CLI's JSON must carry what
# was added.
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
run --json survey list 1
[ "$(json '",".join(sorted(x["name"] + ":" + str(x["respondents"]) for x in j))')" = "staff:241,young-people:118" ]
ok $? "two surveys with their respondents: staff and children and young people"
# Inspection 2, Westerhaven: past the stages inspection 1 stays before.
run --json stage 2
[ "$(json 'j["stage"]')" = "published" ]; ok $? "inspection 2 is published"
run --json accuracy list 2
[ "$(json '",".join(c["section"] + "/" + str(c["paragraph"]) + ":" + c["commented_by"] + ":" + c["response"] for c in j)')" = "qi-2.1/2:Fiona Grant:accepted,qi-5.2/2:Fiona Grant:not-accepted" ]
ok $? "the factual accuracy log: two comments by the co-ordinator, both answered"
[ "$(json 'j[0]["before"] + " -> " + j[0]["after"]')" = "staff helped them early -> health visitors and teachers helped them early" ] &&
	[ -n "$(json 'j[1]["reason"]')" ]
ok $? "the accepted comment's change and the other's reason are kept"
run --json embargo show 2
[ "$(json 'j["line"] + " | " + j["media_contact"]')" = "Embargoed until 00:01 Tuesday 17 February 2026 | Press office, Westerhaven Council (fictional), 01632 960123" ]
ok $? "the embargo and its media contact"
P="$T/demo/westerhaven-published"
head -1 "$P/release.txt" | grep -qx "Embargoed until 00:01 Tuesday 17 February 2026" &&
	grep -qx "Media enquiries: Press office, Westerhaven Council (fictional), 01632 960123" "$P/release.txt"
ok $? "the published release opens with the embargo line and ends with the media contact"
(cd "$P" && sha256sum -c SHA256SUMS >/dev/null 2>&1); ok $? "the published files match their manifest"
run --json action list 2
[ "$(json '";".join(str(i["number"]) + ":" + ",".join(str(a["number"]) + a["status"] for a in i["actions"]) for i in j["improvements"])')" = "1:1done,2done;2:3in-progress" ] &&
	[ "$(json 'j["agreed"]')" = True ]
ok $? "the agreed action plan, actions numbered 1 to 3 within the inspection"
run --json review history 2
[ "$(json '",".join(str(r["review"]) + ":" + r["date"] + ":" + r["further"] for r in j["reviews"])')" = "1:2026-10-13:not-needed" ]
ok $? "a decided progress review"
run audit verify
expect_rc 0 "audit chain verifies after the whole demo"
done_testing

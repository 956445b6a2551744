# Release counts and named indicators for grade profiles taken from real
# published inspections (domain.md 4.2), each count checked against the
# published result, through the real binary.
. "$LIB"
run init

# name | framework | QI=grade list | expected counts as label=n | named QIs
check_profile() {
	name=$1 fw=$2 grades=$3 counts=$4 named=$5
	id=$("$CAIRN" inspection create --partnership "$name" --framework "$fw")
	for g in $grades; do
		"$CAIRN" grade "$id" "${g%%=*}" "${g#*=}" >/dev/null 2>&1 || echo "# grade $g failed"
	done
	run --json release "$id"
	got=$(json '",".join("%s=%d" % (k.replace(" ", "_"), v) for k, v in sorted(j["counts"].items()))')
	[ "$got" = "$counts" ]
	r=$?
	[ $r -eq 0 ] || echo "# $name: counts $got, want $counts"
	ok $r "$name: counts"
	for q in $named; do
		json 'j["summary"]' | grep -qF "($q)"
		ok $? "$name: names $q"
	done
}

check_profile "Highland 2014" cyp-2014 "1.1=5 2.1=5 3.1=5 5.1=5 5.2=5 5.3=5 6.2=4 6.3=4 9.4=5" \
	"Good=2,Very_good=7" ""
check_profile "Dumfries and Galloway 2014" cyp-2014 "1.1=3 2.1=2 3.1=3 5.1=3 5.2=1 5.3=2 6.2=3 6.3=3 9.4=2" \
	"Adequate=5,Unsatisfactory=1,Weak=3" "5.2 2.1 5.3 9.4"
check_profile "South Lanarkshire 2015" cyp-2014 "1.1=5 2.1=4 3.1=4 5.1=4 5.2=3 5.3=3 6.2=4 6.3=3 9.4=3" \
	"Adequate=4,Good=4,Very_good=1" ""
check_profile "Renfrewshire 2015" cyp-2014 "1.1=5 2.1=5 3.1=5 5.1=5 5.2=5 5.3=4 6.2=5 6.3=4 9.4=3" \
	"Adequate=1,Good=2,Very_good=6" ""
check_profile "Shetland 2015" cyp-2014 "1.1=4 2.1=4 3.1=4 5.1=4 5.2=2 5.3=3 6.2=4 6.3=3 9.4=4" \
	"Adequate=2,Good=6,Weak=1" "5.2"
check_profile "East Ayrshire 2018" cyp-2014 "1.1=5 2.1=6 3.1=5 5.1=5 5.2=4 5.3=4 6.2=5 6.3=6 9.4=5" \
	"Excellent=2,Good=2,Very_good=5" "2.1 6.3"
check_profile "Orkney 2020 (four QIs)" cyp-2014 "9.4=1 2.1=2 3.1=3 1.1=2" \
	"Adequate=1,Unsatisfactory=1,Weak=2" "9.4 2.1 1.1"
check_profile "East Lothian 2024" at-risk-2021 "2.1=5" "Very_good=1" ""
check_profile "An ILACS-style profile" ilacs-2018 "OE=3 L=3 HP=2 CIC=3 CL=1" \
	"Good=3,Inadequate=1,Requires_improvement_to_be_good=1" "HP CL"
done_testing

#!/bin/sh
# End-to-end: draws on several populations, strata, seeds, minimums,
# reserves and double-read percentages give byte for byte the samples
# that Cairn drew before the stratum index (tests/e2e/data/
# sample_reference/, written by the binary of main at d1e4078 that read
# every child; see bench/notes.md).  The populations come from
# sample_reference_gen.py; 'wide' has more distinct rows than the index
# keeps, so it is drawn by reading every child, and its draws must agree
# too.  Then the population is checked on demand, and a damaged stored
# population is found by that check.
. "$LIB"
GEN="$SRCDIR/tests/e2e/sample_reference_gen.py"
REF="$SRCDIR/tests/e2e/data/sample_reference"

"$CAIRN" init >/dev/null
i=0
python3 "$GEN" cases >"$T/cases"
while IFS="$(printf '\t')" read -r pop strata size seed minper reserve dr; do
	i=$((i + 1))
	[ -f "$T/$pop.csv" ] || python3 "$GEN" population "$pop" "$T/$pop.csv"
	id=$("$CAIRN" inspection create --partnership "Ref $i" --framework cyp-2014)
	"$CAIRN" population import "$id" "$T/$pop.csv" >/dev/null 2>"$T/err"
	run sample draw "$id" --size "$size" --strata "$strata" --seed "$seed" \
		--min-per-stratum "$minper" --reserve "$reserve" --double-read "$dr" --json
	expect_rc 0 "case $i drawn ($pop by $strata, size $size, seed $seed)"
	cmp -s "$T/out" "$REF/$i.json"
	ok $? "case $i: the same sample, byte for byte, as before the index"
done <"$T/cases"
[ "$i" -eq 11 ]
ok $? "all 11 reference cases were drawn"

# The index is what the draws above used: 'blocks' (5,321 children) has
# 8 x 5 x 4 x 18 = 2,880 possible rows, and 'wide' more than the 4,096 kept.
python3 "$GEN" population blocks "$T/b.csv"
cells=$(tail -n +2 "$T/b.csv" | cut -d, -f2- | sort -u | wc -l)
B=$("$CAIRN" inspection create --partnership Blocks --framework cyp-2014)
"$CAIRN" population import "$B" "$T/b.csv" >/dev/null
run population check "$B" --json
expect_rc 0 "the population checked"
[ "$(json 'j["index_cells"]')" = "$cells" ] && [ "$(json 'j["matches"]')" = True ]
ok $? "its checksum matches and its index has the $cells distinct rows counted by sort"
W=$("$CAIRN" inspection create --partnership Wide --framework cyp-2014)
"$CAIRN" population import "$W" "$T/wide.csv" >/dev/null
run population check "$W" --json
[ "$RC" -eq 0 ] && [ "$(json 'j["index_cells"]')" = 0 ]
ok $? "a population of more than 4,096 distinct rows has no index of whole rows"

# A database from before the index (its cells deleted): the draw reads
# every child and gives the reference sample; the check builds the index,
# and the same draw through it gives it again.
python3 - "$CAIRN_DB" "$B" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute('DELETE FROM population_cell WHERE inspection_id = ?', (int(sys.argv[2]),))
db.commit()
PY
run sample draw "$B" --size 100 --strata area --seed 42 --reserve 3 --json
cmp -s "$T/out" "$REF/3.json"
ok $? "without an index the draw gives the reference sample (case 3)"
L=$("$CAIRN" inspection create --partnership Legacy --framework cyp-2014)
"$CAIRN" population import "$L" "$T/b.csv" >/dev/null
python3 - "$CAIRN_DB" "$L" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute('DELETE FROM population_cell WHERE inspection_id = ?', (int(sys.argv[2]),))
db.commit()
PY
run population check "$L" --json
[ "$RC" -eq 0 ] && [ "$(json 'j["index_cells"]')" = "$cells" ]
ok $? "the check builds the missing index"
run sample draw "$L" --size 100 --strata area --seed 42 --reserve 3 --json
cmp -s "$T/out" "$REF/3.json"
ok $? "and the draw through it gives the reference sample (case 3)"
run audit list --inspection "$L" --json
grep -q population.check "$T/out"
ok $? "the check has its audit entry"

# A damaged stored population: the check says so, exits 65, changes nothing.
D=$("$CAIRN" inspection create --partnership Damaged --framework cyp-2014)
"$CAIRN" population import "$D" "$T/b.csv" >/dev/null
python3 - "$CAIRN_DB" "$D" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE population_block SET body = replace(body, 'B000007', 'B999997') "
           "WHERE inspection_id = ? AND position = 1", (int(sys.argv[2]),))
db.commit()
PY
run population check "$D"
[ "$RC" -eq 65 ] && grep -q "does not match the checksum" "$T/err"
ok $? "a changed child is found by the check (exit 65)"
done_testing

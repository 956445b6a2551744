#!/bin/sh
# Benchmark: "cairn population import" of a 1,000,000-row, 8-column frame
# against sqlite3's own ".import" of the same file into a fresh table.
# Not part of the test suite (timings vary by machine).
#
#   bench/population_import.sh [BUILD_DIR] [ROWS]
#
# Prints the wall-clock seconds of each and their ratio.
set -eu
BUILD=${1:-build}
ROWS=${2:-1000000}
CAIRN="$BUILD/cairn"
T=$(mktemp -d "${TMPDIR:-/tmp}/cairn-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT

# ref plus 7 attribute columns, some quoted, as a partnership return might be.
awk -v n="$ROWS" 'BEGIN {
	srand(1);
	split("CP-investigation,CP-register,LAC-home,LAC-away,vulnerable", cat, ",");
	split("North|South|East|West|\"Central, Old Town\"", loc, "|");
	print "ref,category,age,sex,locality,simd_quintile,school_stage,team";
	for (i = 1; i <= n; i++)
		printf "R%07d,%s,%d,%s,%s,%d,S%d,\"Team %d\"\n", i, cat[int(rand() * 5) + 1],
		    int(rand() * 18), rand() < 0.5 ? "F" : "M", loc[int(rand() * 5) + 1],
		    int(rand() * 5) + 1, int(rand() * 6) + 1, int(rand() * 40) + 1;
}' >"$T/pop.csv"
echo "file: $ROWS rows, $(wc -c <"$T/pop.csv") bytes"

now() { date +%s.%N; }

CAIRN_DB="$T/c.db" "$CAIRN" init >/dev/null
ID=$(CAIRN_DB="$T/c.db" "$CAIRN" inspection create --partnership Bench --framework cyp-2014)
t0=$(now)
CAIRN_DB="$T/c.db" "$CAIRN" population import "$ID" "$T/pop.csv" >/dev/null
t1=$(now)
sqlite3 "$T/s.db" "PRAGMA journal_mode = WAL" ".import --csv $T/pop.csv pop" >/dev/null
t2=$(now)
awk -v a="$t0" -v b="$t1" -v c="$t2" 'BEGIN {
	printf "cairn population import: %.2f s\nsqlite3 .import:         %.2f s\nratio:                   %.2f\n",
	    b - a, c - b, (b - a) / (c - b) }'

#!/bin/sh
# Benchmark: outcome gaps from a child-level file.  Cairn's own path
# ("cairn outcomes import --child-level", then "cairn outcomes gap --all" with
# the analytic SII for every indicator, area and period) against DuckDB through its npm
# package (@duckdb/node-api) doing the same aggregation and weighted
# regression, and pandas when it is installed.  4 indicators x 32 areas x
# 10 periods x 5 groups.  Not part of the test suite (timings vary).
#
#   bench/outcomes_child.sh [BUILD_DIR] [ROWS]
#
# DuckDB: bench/deps.sh (npm ci in bench/, from bench/package.json)
# pandas: apt-get install python3-pandas
set -eu
BUILD=${1:-build}
ROWS=${2:-10000000}
HERE=$(cd "$(dirname "$0")" && pwd)
CAIRN="$BUILD/cairn"
W="$HERE/work"
mkdir -p "$W"
F="$W/child-$ROWS.csv"

# One row per child: 32 areas, periods 2011-2020, SIMD quintile, 4 indicators
# (0/1; the 4th is empty, not recorded, for about 1 child in 10).
if [ ! -f "$F" ]; then
	awk -v n="$ROWS" 'BEGIN {
		srand(2026);
		print "area_code,area_name,period,group,ind1,ind2,ind3,ind4";
		for (i = 0; i < n; i++) {
			a = int(rand() * 32); p = 2011 + int(rand() * 10); g = 1 + int(rand() * 5);
			printf "S12%06d,Area %d,%d,%d,%d,%d,%d,%s\n", a, a, p, g,
			    rand() < 0.10 + 0.03 * (5 - g), rand() < 0.01 * (6 - g),
			    rand() < 0.5, rand() < 0.1 ? "" : (rand() < 0.2 + 0.02 * g);
		}
	}' >"$F.tmp" && mv "$F.tmp" "$F"
fi
echo "file: $ROWS rows, $(wc -c <"$F") bytes"
printf 'code,title,measure,polarity\nind1,Indicator 1,proportion,higher-worse\nind2,Indicator 2,rate per 1000,higher-worse\nind3,Indicator 3,proportion,none\nind4,Indicator 4,proportion,higher-better\n' >"$W/meta.csv"

now() { date +%s.%N; }

rm -f "$W/b.db" "$W/b.db-wal" "$W/b.db-shm"
CAIRN_DB="$W/b.db" "$CAIRN" init >/dev/null
t0=$(now)
CAIRN_DB="$W/b.db" "$CAIRN" outcomes import "$F" --child-level --indicators "$W/meta.csv" \
    --q1 most-deprived --simd 2020 >/dev/null
t1=$(now)
CAIRN_DB="$W/b.db" "$CAIRN" outcomes gap --all --reps 0 --json >"$W/cairn-gaps.json"
t2=$(now)
awk -v a="$t0" -v b="$t1" -v c="$t2" 'BEGIN {
	printf "cairn import (aggregation):        %.2f s\ncairn gap --all (SII, analytic):   %.2f s\ncairn total:                       %.2f s\n", b - a, c - b, c - a }'

if [ -d "$HERE/node_modules/@duckdb/node-api" ]; then
	t3=$(now)
	node "$HERE/outcomes_duckdb.mjs" "$F" >"$W/duckdb.out"
	t4=$(now)
	awk -v a="$t3" -v b="$t4" -v c="$t2" -v d="$t0" 'BEGIN {
		printf "duckdb (npm) aggregation + SII:    %.2f s\nratio cairn / duckdb:              %.2f\n", b - a, (c - d) / (b - a) }'
else
	echo "duckdb: not installed (bench/deps.sh: npm ci in bench/)"
fi
if /usr/bin/python3 -c "import pandas" 2>/dev/null; then
	t5=$(now)
	/usr/bin/python3 "$HERE/outcomes_pandas.py" "$F" >"$W/pandas.out"
	t6=$(now)
	awk -v a="$t5" -v b="$t6" -v c="$t2" -v d="$t0" 'BEGIN {
		printf "pandas aggregation + SII:          %.2f s\nratio cairn / pandas:              %.2f\n", b - a, (c - d) / (b - a) }'
else
	echo "pandas: not installed (apt-get install python3-pandas)"
fi

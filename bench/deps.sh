#!/bin/sh
# Installs the peers the benchmarks compare against (not needed for
# make check): Debian packages and the DuckDB npm package.
set -eu
PKGS="sqlite3 python3-pandas r-cran-sampling r-cran-rsqlite r-cran-psych python3-statsmodels wrk nginx-light chromium"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -q
	# shellcheck disable=SC2086
	$SUDO apt-get install -y -q --no-install-recommends $missing
fi
# DuckDB for the outcomes benchmark, from bench/package.json (kept apart from
# the repository's package.json so that make check's npm ci never pulls it).
if command -v npm >/dev/null 2>&1; then
	HERE=$(cd "$(dirname "$0")" && pwd)
	if [ ! -d "$HERE/node_modules/@duckdb/node-api" ] || [ "$HERE/package-lock.json" -nt "$HERE/node_modules" ]; then
		(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)
	fi
fi

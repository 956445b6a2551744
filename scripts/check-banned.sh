#!/bin/sh
# Code hygiene, run by `make check` (as a test that prints TAP):
# - no banned C functions anywhere in src/ or tests/ C files;
# - no SQL text assembled at run time: the SQLite calls that take SQL
#   (sqlite3_prepare*, sqlite3_exec) appear only in src/store/, and none of
#   the string-formatting SQLite helpers is used at all;
# - app/ is the one door to the data: src/cli/ and src/web/ neither include
#   a store/ header nor call a store_*() function (issue 16);
# - every C source is as clang-format leaves it (.clang-format).
set -u
top=${SRCDIR:-$(dirname "$0")/..}
cd "$top" || exit 1
n=0
fails=0

check() { # check DESCRIPTION PATTERN PATHS...
	desc=$1 pat=$2
	shift 2
	n=$((n + 1))
	hits=$(grep -rnE --include='*.c' --include='*.h' "$pat" "$@" 2>/dev/null |
		grep -vE '^[^:]+:[0-9]+:\s*(/\*|\*|//)' | grep -v 'check-banned: allow')
	if [ -z "$hits" ]; then
		echo "ok $n - $desc"
	else
		echo "not ok $n - $desc"
		echo "$hits" | sed 's/^/# /'
		fails=$((fails + 1))
	fi
}

for f in sprintf vsprintf strcpy strcat strncpy strtok atoi atol atoll gets system popen \
	tmpnam mktemp; do
	check "no $f()" "(^|[^a-zA-Z0-9_])$f\s*\(" src tests/unit tests/fuzz
done
check "no sqlite3_mprintf/vmprintf/snprintf (SQL is never formatted)" \
	"sqlite3_(v?mprintf|v?snprintf|str_appendf)" src
check "SQL is prepared only in src/store/" "sqlite3_(prepare|exec)" src/app src/cli src/web src/render src/stats src/core
check "sqlite3 is included only in src/store/" "#include\s*<sqlite3.h>" src/app src/cli src/web src/render src/stats src/core
check "the front ends include no store/ header (app/ is the one door)" '#\s*include\s*"store/' src/cli src/web
check "the front ends call no store_*() function (app/ is the one door)" '(^|[^a-zA-Z0-9_])store_[a-z_]*\s*\(' src/cli src/web
n=$((n + 1))
hits=$(grep -rnP 'store_stmt\([^,]+,\s*(?!\s|SQL_|sql_)' src/store --include='*.c' | grep -v '^src/store/store.c:')
if [ -z "$hits" ]; then
	echo "ok $n - every statement in src/store/ is a static SQL_ literal"
else
	echo "not ok $n - every statement in src/store/ is a static SQL_ literal"
	echo "$hits" | sed 's/^/# /'
	fails=$((fails + 1))
fi
n=$((n + 1))
hits=$(grep -rnE '\.\./shared/|/work/shared' tests src scripts meson.build Makefile 2>/dev/null | grep -v '^scripts/check-banned.sh:')
if [ -z "$hits" ]; then
	echo "ok $n - nothing reads outside the repository (a fresh clone tests itself)"
else
	echo "not ok $n - nothing reads outside the repository (a fresh clone tests itself)"
	echo "$hits" | sed 's/^/# /'
	fails=$((fails + 1))
fi
n=$((n + 1))
# Two migrations with one number would leave one of them never applied.
dups=$(ls data/sql | sed -n 's/^\([0-9]*\)_.*\.sql$/\1/p' | sort | uniq -d)
if [ -z "$dups" ]; then
	echo "ok $n - every migration in data/sql/ has its own number"
else
	echo "not ok $n - every migration in data/sql/ has its own number"
	echo "$dups" | sed 's/^/# repeated: /'
	fails=$((fails + 1))
fi
n=$((n + 1))
if ! command -v clang-format >/dev/null 2>&1; then
	echo "not ok $n - the C sources are as clang-format leaves them (clang-format is not installed; scripts/deps.sh installs it)"
	fails=$((fails + 1))
else
	hits=$(find src tests/unit tests/fuzz tests/iofail -path tests/fuzz/corpus -prune -o \
		-name '*.[ch]' -print | xargs clang-format --dry-run 2>&1 |
		grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error)' | cut -d: -f1 | sort -u)
	if [ -z "$hits" ]; then
		echo "ok $n - the C sources are as clang-format leaves them (.clang-format; 'make format' fixes)"
	else
		echo "not ok $n - the C sources are as clang-format leaves them (.clang-format; 'make format' fixes)"
		echo "$hits" | sed 's/^/# /'
		fails=$((fails + 1))
	fi
fi
echo "1..$n"
[ "$fails" -eq 0 ]

# Helpers for end-to-end tests: TAP output and running the real binary.
# Each test script sources this file: . "$LIB"
set -u
T=$(mktemp -d "${TMPDIR:-/tmp}/cairn-e2e.XXXXXX")
trap 'rm -rf "$T"' EXIT
export CAIRN_DB="$T/cairn.db"
# make check-valgrind sets CAIRN_VALGRIND: every cairn run goes through
# valgrind (tests/valgrind/cairn.sh), here and in the scripts tests start.
if [ -n "${CAIRN_VALGRIND:-}" ] && [ -z "${CAIRN_BIN:-}" ]; then
	export CAIRN_BIN="$CAIRN" CAIRN="$SRCDIR/tests/valgrind/cairn.sh"
fi
N=0
FAILED=0

# ok COND_EXIT_STATUS DESCRIPTION: prints a TAP line.
ok() {
	N=$((N + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $N - $2"
	else
		echo "not ok $N - $2"
		FAILED=$((FAILED + 1))
	fi
}

# run ARGS...: runs cairn, keeping stdout in $T/out, stderr in $T/err and
# the exit status in $RC.
run() {
	"$CAIRN" "$@" >"$T/out" 2>"$T/err"
	RC=$?
}

# copy_db SRC DST: copies a database file with what lives beside it (its
# audit key and anchor, signing key pair and checkpoints), replacing DST's; a database alone is not enough to
# go on writing its keyed audit log.
copy_db() {
	rm -f "$2" "$2-wal" "$2-shm" "$2.key" "$2.anchor" "$2.sign" "$2.sign.pub" \
		"$2.checkpoints"
	cp "$1" "$2" && for s in .key .anchor .sign .sign.pub .checkpoints; do
		[ ! -e "$1$s" ] || cp "$1$s" "$2$s" || return 1
	done
}

# expect_rc CODE DESCRIPTION: the last run exited with CODE.
expect_rc() {
	[ "$RC" -eq "$1" ]
	r=$?
	[ $r -eq 0 ] || echo "# expected exit $1, got $RC; stderr: $(cat "$T/err")"
	ok $r "$2"
}

# expect_out TEXT DESCRIPTION: stdout of the last run contains TEXT.
expect_out() {
	grep -qF -- "$1" "$T/out"
	r=$?
	[ $r -eq 0 ] || echo "# stdout lacks: $1"
	ok $r "$2"
}

# expect_err TEXT DESCRIPTION: stderr of the last run contains TEXT.
expect_err() {
	grep -qF -- "$1" "$T/err"
	r=$?
	[ $r -eq 0 ] || echo "# stderr lacks: $1; it was: $(cat "$T/err")"
	ok $r "$2"
}

# one_line_err DESCRIPTION: stderr is exactly one line.
one_line_err() {
	[ "$(wc -l <"$T/err")" -eq 1 ]
	ok $? "$1"
}

# json EXPR: evaluates a Python expression over the JSON on stdout (as j).
json() {
	python3 -c "import json,sys; j=json.load(open(sys.argv[1])); print($1)" "$T/out"
}

# done_testing: prints the plan and exits non-zero on any failure.
done_testing() {
	echo "1..$N"
	[ "$FAILED" -eq 0 ]
}

# signoff ID [DB]: the panel agrees with every graded indicator of
# inspection ID and signs off (publishing needs a standing sign-off where
# the programme has a panel).
signoff() {
	for qg in $(sqlite3 "${2:-$CAIRN_DB}" \
		"SELECT qi_code || ':' || grade FROM evaluation WHERE inspection_id = $1"); do
		"$CAIRN" --db "${2:-$CAIRN_DB}" panel review "$1" "${qg%%:*}" --grade "${qg#*:}" \
			--reason "Agreed" >/dev/null 2>&1 || return 1
	done
	"$CAIRN" --db "${2:-$CAIRN_DB}" panel signoff "$1" >/dev/null 2>&1
}

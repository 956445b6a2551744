# The README's "Try it on the demo" commands still work: every line of that
# section's fenced blocks that starts with `cairn ` runs, as written, in a
# directory holding a fresh demo database (built as `make demo` builds it:
# `cairn demo`, then scripts/demo_data.py), and must exit 0.  Each must name
# the demo database (`--db demo.db`); a command that would start a server or
# write outside that directory (an absolute path) is skipped with a note.
. "$LIB"
D="$T/try"
mkdir -p "$D"
"$CAIRN" --db "$D/demo.db" demo --out "$D/demo-output" >/dev/null 2>&1
ok $? "cairn demo"
python3 "$SRCDIR/scripts/demo_data.py" "$CAIRN" "$D/demo.db" "$D/demo-output" >"$T/log" 2>&1 &&
	! grep -q "skipped" "$T/log"
r=$?
[ $r -eq 0 ] || sed 's/^/# /' "$T/log"
ok $r "the demo's data added, no step skipped"

# The section runs from its heading to the next heading of the same level.
awk '/^## /{ s = ($0 == "## Try it on the demo") } s && /^```/{ f = !f; next } s && f && /^cairn /' \
	"$SRCDIR/README.md" >"$T/commands"
n=$(wc -l <"$T/commands")
[ "$n" -ge 15 ]
ok $? "the README's demo section gives its commands ($n found)"

cairn() { "$CAIRN" "$@"; }
while IFS= read -r line; do
	case "$line" in
	*" serve"* | *" /"*)
		echo "# skipped (a server, or a path outside the directory): $line"
		continue
		;;
	"cairn --db demo.db "*) ;;
	*)
		ok 1 "names the demo database: $line"
		continue
		;;
	esac
	(cd "$D" && eval "$line") >"$T/out" 2>"$T/err" </dev/null
	r=$?
	[ $r -eq 0 ] || echo "# exit $r; stderr: $(head -3 "$T/err")"
	ok $r "$line"
done <"$T/commands"
done_testing

#!/bin/sh
# Every POST form of every demo account's walk (home, overviews, one and two
# links deep), submitted empty and with hostile values: never a 5xx, never a
# reflected script, a redirect the role may make or an error summary at
# inputs on the page (tests/e2e/web_forms_all.py prints TAP).
exec python3 "$SRCDIR/tests/e2e/web_forms_all.py"
